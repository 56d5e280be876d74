// server-no-timeouts: HTTP server without read timeouts lets slow clients hold goroutines and
// buffers indefinitely
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class ServerNoTimeoutsRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
