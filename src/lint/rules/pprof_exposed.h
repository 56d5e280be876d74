// pprof-exposed: net/http/pprof served on a non-loopback address exposes heap, goroutine and CPU
// profiles to the network
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class PprofExposedRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
