// lost-cancel: the cancel function of context.WithCancel/WithTimeout/WithDeadline (and their
// Cause variants, and signal.NotifyContext's stop) is discarded, overwritten before it is called,
// stored in a field nothing calls, or not called on some path to a return. Path-sensitive over
// the function's CFG (resource_flow.h), with same-package helper summaries.
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class LostCancelRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
