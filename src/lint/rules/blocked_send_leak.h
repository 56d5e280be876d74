// blocked-send-leak: goroutine sends on an unbuffered channel that its creator may stop receiving
// from
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class BlockedSendLeakRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
