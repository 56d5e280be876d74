// Prometheus text exposition format 0.0.4 (and the sample lines OpenMetrics shares with it):
// a parser for what a target's /metrics serves, the mapping of client_golang's Go and process
// collectors to RuntimeStats, and the escaping the exporter uses when writing the format.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "watch/stats.h"

namespace oomguard::watch {

struct MetricSample {
  std::string name;
  std::vector<std::pair<std::string, std::string>> labels;  // unescaped values, in text order
  double value = 0;
  std::optional<int64_t> timestamp_ms;

  [[nodiscard]] const std::string* label(std::string_view key) const;
};

struct Exposition {
  std::vector<MetricSample> samples;
  std::map<std::string, std::string> types;  // family -> counter|gauge|...
  std::map<std::string, std::string> help;   // family -> unescaped help text

  // The first sample named `name` whose labels include every (key, value) of `match`.
  [[nodiscard]] const MetricSample* find(
      std::string_view name,
      const std::vector<std::pair<std::string, std::string>>& match = {}) const;
};

struct ExpositionLimits {
  size_t max_samples = 1 << 20;
  size_t max_labels = 256;  // per sample
};

// Errors are "line N: message". Blank lines and comments other than HELP/TYPE are skipped;
// "# EOF" (OpenMetrics) ends the input.
Result<Exposition> parse_exposition(std::string_view text, const ExpositionLimits& lim = {});

// client_golang's Go collector (memstats-compatible names and a few runtime/metrics ones) and
// process collector. Unknown metrics are ignored.
RuntimeStats stats_from_exposition(const Exposition& e);

// Escaping for writing the format: label values escape \ " and newline; HELP escapes \ and
// newline. format_value writes +Inf, -Inf, NaN and integers without an exponent.
std::string escape_label_value(std::string_view v);
std::string escape_help(std::string_view v);
std::string format_metric_value(double v);

}  // namespace oomguard::watch
