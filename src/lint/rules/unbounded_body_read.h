// unbounded-body-read: io.ReadAll or io.Copy into memory of a request body or a decompressor with
// no size limit
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class UnboundedBodyReadRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
