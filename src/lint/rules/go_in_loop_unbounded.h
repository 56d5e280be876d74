// go-in-loop-unbounded: a go statement (or errgroup Go call without SetLimit) in a loop whose trip
// count comes from data (a range over a slice, map or channel, a non-constant bound, an endless
// loop) with no visible bound on how many goroutines run at once.
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class GoInLoopUnboundedRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
