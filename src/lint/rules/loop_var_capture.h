// loop-var-capture: a function literal run by go, defer or errgroup's Go inside a loop uses the
// loop variable. Before Go 1.22 one variable serves every iteration, so the goroutine or deferred
// call sees whatever value the loop last stored (and keeps that iteration's data alive).
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class LoopVarCaptureRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
