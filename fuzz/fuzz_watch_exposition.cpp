// Fuzz target: parse any bytes as Prometheus text exposition; when that works, map it to
// runtime statistics and write every sample back out with our escaping, which must parse again
// to the same label values.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "watch/exposition.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace oomguard::watch;
  ExpositionLimits lim;
  lim.max_samples = 4096;
  auto e = parse_exposition(std::string_view(reinterpret_cast<const char*>(data), size), lim);
  if (!e) return 0;
  (void)stats_from_exposition(*e);
  for (const auto& s : e->samples) {
    if (s.labels.empty()) continue;
    std::string line = "m{l=\"" + escape_label_value(s.labels[0].second) + "\"} " +
                       format_metric_value(s.value) + "\n";
    auto back = parse_exposition(line);
    if (!back || back->samples.size() != 1 || *back->samples[0].label("l") != s.labels[0].second)
      std::abort();
  }
  return 0;
}
