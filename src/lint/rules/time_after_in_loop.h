// time-after-in-loop: time.After inside a loop makes a new timer per iteration; before Go 1.23
// an unfired timer is not collected, so a loop that turns faster than the timeout piles them up.
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class TimeAfterInLoopRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
