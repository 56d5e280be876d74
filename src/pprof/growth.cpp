#include "pprof/growth.h"

namespace oomguard::pprof {
Result<GrowthReport> analyze_growth(std::vector<Snapshot>, const GrowthOptions&) {
  return GrowthReport{};
}
std::string format_growth_text(const GrowthReport&) { return ""; }
std::string format_growth_json(const GrowthReport&) { return ""; }
}  // namespace oomguard::pprof
