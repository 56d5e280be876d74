// ticker-not-stopped: a time.NewTicker whose Stop is not reached on some path (and that is not
// handed off), or time.Tick in a function that can return. Path-sensitive (resource_flow.h).
// Since Go 1.23 unreferenced tickers are collected, so in such files the finding is info.
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class TickerNotStoppedRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
