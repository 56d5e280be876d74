// file-not-closed: files from os.Open/Create/OpenFile/CreateTemp and connections from
// net.Dial/DialTimeout or a net.Dialer's Dial/DialContext not closed on some path (path-sensitive,
// resource_flow.h).
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class FileNotClosedRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
