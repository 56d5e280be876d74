// One poll of a target, whatever the sources: every field is optional because each source
// (expvar memstats, Prometheus Go collector, pprof, /proc and cgroup files) knows only a part.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace oomguard::watch {

struct RuntimeStats {
  // Memory as the Go runtime sees it.
  std::optional<double> heap_alloc;  // bytes of live + not yet swept objects, now
  std::optional<double> heap_inuse;
  std::optional<double> heap_sys;
  std::optional<double> heap_released;
  std::optional<double> sys;            // total bytes obtained from the OS
  std::optional<double> next_gc;        // heap goal of the next cycle
  std::optional<double> heap_live;      // marked live heap at the last GC (runtime/metrics, 1.21+)
  std::optional<double> profile_inuse;  // heap profile inuse_space total (as of the last GC)
  std::optional<double> profile_alloc;  // heap profile alloc_space total (cumulative)
  std::optional<double> total_alloc;    // cumulative bytes allocated (restart detection)
  std::optional<double> num_gc;
  std::optional<double> pause_total_ns;
  std::optional<double> last_gc_ns;  // unix ns
  std::optional<double> gc_cpu_fraction;
  std::optional<double> gogc;        // percent, when exported
  std::optional<double> gomemlimit;  // bytes, when exported (math.MaxInt64 = off)
  std::optional<double> goroutines;
  std::optional<double> process_start;  // unix seconds (Prometheus process collector)
  std::optional<double> rss;            // bytes

  // Fills every field of *this that is unset from `o`.
  void merge_missing(const RuntimeStats& o);
};

}  // namespace oomguard::watch
