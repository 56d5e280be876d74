// unbounded-cache: package-level map that is only ever inserted into grows for the life of the
// process
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class UnboundedCacheRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
