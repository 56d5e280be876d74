// unbounded-global-append: append to a package-level slice that is never truncated grows for the
// life of the process
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class UnboundedGlobalAppendRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
