// context-background-in-request: context.Background() or context.TODO() in a function (or a
// closure within one) that receives a context.Context or an *http.Request. The new root context
// is never cancelled by the caller, so work started under it outlives the request.
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class ContextBackgroundInRequestRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
