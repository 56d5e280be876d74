// defer-in-loop: a defer directly inside a for/range body waits until the function returns,
// holding what it would release (a file, a lock, a context, a timer) for every iteration.
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class DeferInLoopRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
