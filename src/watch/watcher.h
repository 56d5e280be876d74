// The watch loop over one target: poll every interval, keep the signals (heap after GC,
// goroutines, GC count, RSS) in sliding windows, run the detectors, capture snapshots on a
// trigger and attribute the growth, survive restarts and outages, and build the final report.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/http_fetch.h"
#include "watch/detector.h"
#include "watch/report.h"

namespace oomguard::watch {

struct WatchConfig {
  std::string url;
  double interval_s = 10;
  double duration_s = 0;          // 0 = until stopped
  std::optional<uint64_t> limit;  // --limit BYTES; unset = auto (cgroup, then GOMEMLIMIT)
  int pid = 0;
  std::string out_dir = "oomguard-snapshots";
  bool capture = true;
  size_t max_snapshots = 20;     // trigger capture sets kept
  double window_s = 300;         // trend window
  double dump_cooldown_s = 300;  // between debug=2 dumps (they stop the world)
  TriggerRule heap;
  TriggerRule goroutines;
  HttpOptions http;
  std::string proc_root = "/";
};

// Defaults documented in docs/watch.md.
WatchConfig default_config();

struct WatchHooks {
  std::function<void(const LiveState&)> on_sample;  // after every poll (status line, exporter)
  std::function<void(const std::string&)> on_note;  // gaps, restarts, errors, captures
};

// Runs until the duration ends or `stop` becomes true. Never throws on target behaviour.
WatchReport run_watch(const WatchConfig& cfg, const std::atomic<bool>& stop,
                      const WatchHooks& hooks);

}  // namespace oomguard::watch
