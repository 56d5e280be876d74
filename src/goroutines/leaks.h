// Leak ranking: what each group of goroutines waits on (from the debug=2 wait reason, refined by
// the frames; from the frames alone for debug=1 and proto), whether that wait is benign (net
// poller, timers, runtime workers, stdlib-internal goroutines), and a score for the groups that
// look like leaks, with a one-line explanation each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "goroutines/model.h"

namespace oomguard::goroutines {

enum class Blocking {
  kChanSend,
  kChanRecv,
  kNilChanSend,
  kNilChanRecv,
  kSelect,
  kSelectNoCases,
  kMutex,
  kRWMutex,
  kWaitGroup,
  kCond,
  kSemaphore,
  kSleep,
  kIOWait,
  kSyscall,
  kRunning,
  kRuntime,   // GC workers, finalizers, timers: the runtime's own goroutines
  kUserCode,  // debug=1: runtime frames hidden, blocked somewhere in this user frame
  kUnknown,
};

std::string_view blocking_name(Blocking b);  // "chan send", "select", ...

struct GroupInfo {
  Blocking blocking = Blocking::kUnknown;
  int site = -1;  // index of the frame to look at: the first user frame, else the first
                  // non-runtime frame; -1 when the stack is empty
  bool benign = false;
  std::string_view benign_reason;  // why it is not a suspect
};

GroupInfo analyse_group(const Snapshot& s, const Group& g);

struct Suspect {
  size_t group = 0;  // index into Snapshot::groups
  Blocking blocking = Blocking::kUnknown;
  uint32_t function = 0;  // string ids of the blocking site
  uint32_t file = 0;
  uint32_t line = 0;
  double score = 0;  // 0..100
  std::string reason;
};

struct LeakOptions {
  uint64_t min_count = 10;  // smaller groups are suspects only if provably stuck (nil chan, ...)
};

// Ranked most likely leak first (score, then count, then group order).
std::vector<Suspect> find_suspects(const Snapshot& s, const LeakOptions& opts = {});

std::string_view base_name(std::string_view path);

}  // namespace oomguard::goroutines
