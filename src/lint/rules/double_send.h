// double-send: send in an error branch without return, followed by another send on the same channel
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class DoubleSendRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
