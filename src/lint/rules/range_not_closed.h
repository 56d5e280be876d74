// range-not-closed: workers range over a channel that the owning function does not close on some
// path
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class RangeNotClosedRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
