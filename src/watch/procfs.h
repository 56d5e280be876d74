// What the host knows about a target process: /proc/PID/status (VmRSS), /proc/PID/environ
// (GOMEMLIMIT, GOGC), /proc/PID/cgroup and the cgroup's memory files (v2 memory.max,
// memory.current, memory.events oom_kill; v1 memory.limit_in_bytes, memory.usage_in_bytes,
// memory.oom_control). The file system root is injectable so tests use a fake tree.
// The cgroup hierarchy is expected at <root>/sys/fs/cgroup (v2) or <root>/sys/fs/cgroup/memory
// (v1), where systemd, Docker and Kubernetes mount it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace oomguard::watch {

struct CgroupPaths {
  std::optional<std::string> v2;         // "0::<path>"
  std::optional<std::string> v1_memory;  // "<id>:...memory...:<path>"
};

// Parsers for the individual files (pure functions, fuzzed).
CgroupPaths parse_proc_cgroup(std::string_view text);
// "max" -> nullopt (no limit); v1's "unlimited" is a huge page-aligned number: >= 2^62 -> nullopt.
Result<std::optional<uint64_t>> parse_limit(std::string_view text);
// A keyed file ("oom_kill 3\n..."): the value of `key`.
std::optional<uint64_t> parse_keyed(std::string_view text, std::string_view key);
// "/proc/PID/status": VmRSS in bytes.
std::optional<uint64_t> parse_vm_rss(std::string_view status);
// NUL-separated environment: the value of `name`.
std::optional<std::string> parse_environ(std::string_view environ, std::string_view name);
// GOMEMLIMIT syntax: an integer with an optional B/KiB/MiB/GiB/TiB suffix; "off" -> nullopt.
std::optional<uint64_t> parse_gomemlimit(std::string_view v);

struct ProcInfo {
  bool alive = false;  // /proc/PID exists
  std::optional<uint64_t> rss;
  std::optional<uint64_t> gomemlimit;
  std::optional<double> gogc;
  int cgroup_version = 0;                // 0 = not found
  std::string cgroup_dir;                // the directory the memory files were read from
  std::optional<uint64_t> cgroup_limit;  // the smallest limit of the cgroup and its ancestors
  std::optional<uint64_t> cgroup_current;
  std::optional<uint64_t> oom_kills;
};

class ProcReader {
 public:
  explicit ProcReader(std::string root = "/") : root_(std::move(root)) {}
  [[nodiscard]] ProcInfo read(int pid) const;

 private:
  [[nodiscard]] std::optional<std::string> slurp(const std::string& rel) const;
  std::string root_;
};

}  // namespace oomguard::watch
