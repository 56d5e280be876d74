#include "report/finding.h"

#include <tuple>

namespace oomguard::report {

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.file, a.pos.line, a.pos.col, a.rule, a.message) <
         std::tie(b.file, b.pos.line, b.pos.col, b.rule, b.message);
}

}  // namespace oomguard::report
