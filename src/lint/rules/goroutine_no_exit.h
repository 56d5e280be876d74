// goroutine-no-exit: goroutine running an infinite loop with no return, break, done channel or
// ctx.Done() case
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class GoroutineNoExitRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
