// body-not-closed: the *http.Response of http.Get/Head/Post/PostForm, a client's
// Do/Get/Head/Post/PostForm, or a same-package function returning one, whose Body is not closed on
// some path where the request succeeded (path-sensitive, resource_flow.h).
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class BodyNotClosedRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
