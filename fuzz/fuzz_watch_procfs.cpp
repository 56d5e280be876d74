// Fuzz target: the /proc and cgroup file parsers (cgroup membership, limits, keyed files,
// status, environ), the pprof index goroutine count and the Go duration and size syntax.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "watch/procfs.h"
#include "watch/target.h"
#include "watch/units.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace oomguard::watch;
  std::string_view s(reinterpret_cast<const char*>(data), size);
  (void)parse_proc_cgroup(s);
  (void)parse_limit(s);
  (void)parse_keyed(s, "oom_kill");
  (void)parse_vm_rss(s);
  if (auto v = parse_environ(s, "GOMEMLIMIT")) (void)parse_gomemlimit(*v);
  (void)goroutines_from_index(s);
  (void)parse_duration(s.substr(0, 64));
  (void)parse_bytes(s.substr(0, 64));
  return 0;
}
