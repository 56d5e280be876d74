// Fuzz target: decode any bytes as a profile (gzip/raw proto or legacy text); when that works,
// run the reports on it (top at two granularities with a filter, and the flame tree).
#include <cstddef>
#include <cstdint>
#include <string>

#include "pprof/decode.h"
#include "pprof/flame.h"
#include "pprof/report.h"
#include "pprof/transform.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace oomguard::pprof;
  DecodeLimits lim;
  lim.max_decompressed = 64u << 20;
  lim.max_elements = 1u << 20;
  auto p = decode(std::string(reinterpret_cast<const char*>(data), size), lim);
  if (!p) return 0;
  Profile prof = std::move(p.value());
  if (needs_compaction(prof)) {
    std::vector<Profile> one;
    one.push_back(prof);
    auto m = merge(std::move(one));
    if (m) prof = std::move(m.value());
  }
  (void)remove_uninteresting(prof);
  if (prof.sample_types.empty()) return 0;
  ReportOptions o;
  auto r = top_report(prof, o);
  if (r) (void)format_top_text(*r);
  o.granularity = Granularity::kLines;
  o.cum_sort = true;
  o.hide = "runtime";
  r = top_report(prof, o);
  if (r) (void)format_top_json(*r);
  (void)flame_json(prof);
  return 0;
}
