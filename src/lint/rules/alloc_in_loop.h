// alloc-in-loop: a large allocation (make, new of an array, a bufio reader/writer, a grown
// bytes.Buffer of constant size >= min-bytes) made in every loop iteration and not kept beyond
// it: hoisting it out of the loop or a sync.Pool saves the garbage collector the churn.
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class AllocInLoopRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
