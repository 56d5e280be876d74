// The watch model the printers render: the live state of a target after each sample (status
// line, exporter) and the final report (summary table, verdict, JSON). Printers see only these.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace oomguard::watch {

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();

struct Leak {
  std::string kind;      // goroutine-leak | heap-growth
  std::string function;  // the declared function (closure suffixes .funcN removed)
  std::string file;
  int64_t line = 0;
  double growth = 0;  // over the analysed span, in `unit`
  std::string unit;   // goroutines | bytes
  std::string message;
  double significance = 0;  // relative growth of the signal; orders leaks
};

struct LiveState {
  std::string target;
  bool up = false;
  double heap_after_gc = kUnknown;
  double goroutines = kUnknown;
  double heap_growth_per_s = 0;
  double goroutine_growth_per_s = 0;
  double gc_per_minute = kUnknown;
  double seconds_to_oom = kInf;
  double limit = 0;  // 0 = unknown
  bool leak_goroutine = false;
  bool leak_heap = false;
  uint64_t restarts = 0;
  uint64_t snapshots = 0;
  uint64_t samples = 0;
  std::string state;  // "warming up", "ok", "growing", "LEAK", "down"
};

struct SummaryRow {
  std::string metric;
  std::string observed;
  std::string limit;
  std::string verdict;  // ok | warn | leak
};

struct WatchReport {
  std::string target;
  std::string verdict = "unreachable";  // healthy | leak | unreachable
  std::vector<Leak> leaks;              // most significant first
  uint64_t samples = 0;
  uint64_t restarts = 0;
  uint64_t oom_kills = 0;
  std::vector<std::string> snapshots;
  std::vector<SummaryRow> summary;
  std::vector<std::string> notes;  // gaps, restarts, endpoint errors, for the text output
  [[nodiscard]] int exit_code() const;
};

std::string format_status_line(const LiveState& s);
std::string format_text(const WatchReport& r);
std::string format_json(const WatchReport& r);
// Prometheus text format 0.0.4 with HELP and TYPE lines, one series per target.
std::string format_metrics(const std::vector<LiveState>& targets);

}  // namespace oomguard::watch
