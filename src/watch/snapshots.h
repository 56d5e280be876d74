// Snapshot files: each capture (a baseline at start, then one per trigger) is a set of files
// named <UTC time>-<seq>-<set>-<kind>.<ext> in the output directory, each written atomically
// (a temporary file in the same directory, fsync, rename), with retention: at most
// `max_sets` trigger sets are kept (oldest removed first); baselines are never removed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace oomguard::watch {

// Writes `data` to `path` through "<dir>/.<name>.tmp-<pid>" and rename(2).
Result<std::string> write_atomic(const std::string& path, std::string_view data);

class SnapshotStore {
 public:
  SnapshotStore(std::string dir, size_t max_sets) : dir_(std::move(dir)), max_sets_(max_sets) {}

  // Starts a new set ("baseline" or "trigger"); `unix_ms` names it.
  void begin_set(std::string_view set, int64_t unix_ms);
  // Adds one file (kind like "heap.pb.gz") to the current set; returns its path.
  Result<std::string> add(std::string_view kind, std::string_view data);
  // Applies retention to the finished sets.
  void end_set();

  [[nodiscard]] const std::vector<std::string>& files() const { return live_; }  // still on disk
  [[nodiscard]] uint64_t written() const { return written_; }
  [[nodiscard]] const std::string& dir() const { return dir_; }

 private:
  struct Set {
    bool baseline = false;
    std::vector<std::string> files;
  };
  std::string dir_;
  size_t max_sets_;
  uint64_t seq_ = 0;
  uint64_t written_ = 0;
  std::string prefix_;
  std::vector<Set> sets_;
  std::vector<std::string> live_;
};

std::string utc_stamp(int64_t unix_ms);  // 20261127T043012.345Z

}  // namespace oomguard::watch
