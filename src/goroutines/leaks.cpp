#include "goroutines/leaks.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace oomguard::goroutines {
namespace {

struct StateRule {
  std::string_view state;
  Blocking blocking;
};

// Wait reasons (runtime2.go waitReasonStrings, Go 1.17-1.27) and statuses.
constexpr std::array<StateRule, 40> kStates = {{
    {"chan send", Blocking::kChanSend},
    {"chan receive", Blocking::kChanRecv},
    {"chan send (nil chan)", Blocking::kNilChanSend},
    {"chan receive (nil chan)", Blocking::kNilChanRecv},
    {"select", Blocking::kSelect},
    {"select (no cases)", Blocking::kSelectNoCases},
    {"sync.Mutex.Lock", Blocking::kMutex},
    {"sync.RWMutex.RLock", Blocking::kRWMutex},
    {"sync.RWMutex.Lock", Blocking::kRWMutex},
    {"sync.WaitGroup.Wait", Blocking::kWaitGroup},
    {"sync.Cond.Wait", Blocking::kCond},
    {"semacquire", Blocking::kSemaphore},
    {"sleep", Blocking::kSleep},
    {"IO wait", Blocking::kIOWait},
    {"syscall", Blocking::kSyscall},
    {"running", Blocking::kRunning},
    {"runnable", Blocking::kRunning},
    {"preempted", Blocking::kRunning},
    {"copystack", Blocking::kRunning},
    {"idle", Blocking::kRuntime},
    {"dead", Blocking::kRuntime},
    {"GC assist marking", Blocking::kRuntime},
    {"GC assist wait", Blocking::kRuntime},
    {"GC sweep wait", Blocking::kRuntime},
    {"GC scavenge wait", Blocking::kRuntime},
    {"GC worker (idle)", Blocking::kRuntime},
    {"GC worker (active)", Blocking::kRuntime},
    {"GC mark termination", Blocking::kRuntime},
    {"GC weak to strong wait", Blocking::kRuntime},
    {"garbage collection", Blocking::kRuntime},
    {"garbage collection scan", Blocking::kRuntime},
    {"finalizer wait", Blocking::kRuntime},
    {"cleanup wait", Blocking::kRuntime},
    {"force gc (idle)", Blocking::kRuntime},
    {"timer goroutine (idle)", Blocking::kRuntime},
    {"trace reader (blocked)", Blocking::kRuntime},
    {"wait for GC cycle", Blocking::kRuntime},
    {"dumping heap", Blocking::kRuntime},
    {"panicwait", Blocking::kRuntime},
    {"debug call", Blocking::kRuntime},
}};

struct FrameRule {
  std::string_view function;
  Blocking blocking;
};

// Frames that name the blocking primitive. Runtime frames are only visible in debug=2 and
// proto; debug=1 hides leading runtime.* frames, so the sync/time/poll frames matter most.
constexpr std::array<FrameRule, 30> kFrames = {{
    {"runtime.chansend1", Blocking::kChanSend},
    {"runtime.chansend", Blocking::kChanSend},
    {"runtime.chanrecv1", Blocking::kChanRecv},
    {"runtime.chanrecv2", Blocking::kChanRecv},
    {"runtime.chanrecv", Blocking::kChanRecv},
    {"runtime.selectgo", Blocking::kSelect},
    {"runtime.block", Blocking::kSelectNoCases},
    {"sync.(*Mutex).Lock", Blocking::kMutex},
    {"sync.(*Mutex).lockSlow", Blocking::kMutex},
    {"internal/sync.(*Mutex).Lock", Blocking::kMutex},
    {"internal/sync.(*Mutex).lockSlow", Blocking::kMutex},
    {"sync.(*RWMutex).Lock", Blocking::kRWMutex},
    {"sync.(*RWMutex).RLock", Blocking::kRWMutex},
    {"sync.(*WaitGroup).Wait", Blocking::kWaitGroup},
    {"sync.(*Cond).Wait", Blocking::kCond},
    {"sync.runtime_notifyListWait", Blocking::kCond},
    {"sync.runtime_SemacquireMutex", Blocking::kMutex},
    {"sync.runtime_SemacquireRWMutexR", Blocking::kRWMutex},
    {"sync.runtime_SemacquireRWMutex", Blocking::kRWMutex},
    {"sync.runtime_SemacquireWaitGroup", Blocking::kWaitGroup},
    {"sync.runtime_Semacquire", Blocking::kSemaphore},
    {"time.Sleep", Blocking::kSleep},
    {"internal/poll.runtime_pollWait", Blocking::kIOWait},
    {"internal/poll.(*pollDesc).wait", Blocking::kIOWait},
    {"internal/poll.(*FD).Read", Blocking::kIOWait},
    {"internal/poll.(*FD).Accept", Blocking::kIOWait},
    {"syscall.Syscall", Blocking::kSyscall},
    {"syscall.Syscall6", Blocking::kSyscall},
    {"os/signal.signal_recv", Blocking::kSyscall},
    {"runtime/pprof.writeGoroutineStacks", Blocking::kRunning},
}};

// Stdlib entry points whose goroutines wait by design (servers, pools, signal loops).
constexpr std::array<std::string_view, 10> kBenignFunctions = {
    "net/http.(*persistConn).readLoop",
    "net/http.(*persistConn).writeLoop",
    "net/http.(*conn).serve",
    "net/http.(*connReader).backgroundRead",
    "os/signal.loop",
    "os/signal.signal_recv",
    "database/sql.(*DB).connectionOpener",
    "database/sql.(*DB).connectionCleaner",
    "net/http.(*Server).Serve",
    "testing.tRunner"};

Blocking from_state(std::string_view state) {
  // Durable synctest variants ("chan receive (durable)", "(synctest)") wait like the plain ones.
  for (std::string_view suffix : {" (durable)", " (synctest)"}) {
    if (state.ends_with(suffix)) state.remove_suffix(suffix.size());
  }
  for (const auto& r : kStates) {
    if (r.state == state) return r.blocking;
  }
  return Blocking::kUnknown;
}

// Which primitive the frames show, scanning from the leaf. Sync wrappers refine the runtime
// semaphore: the outermost sync frame before user code wins (RWMutex.RLock uses the mutex sema).
Blocking from_frames(const Snapshot& s, const Group& g) {
  Blocking found = Blocking::kUnknown;
  for (const Frame& f : g.frames) {
    std::string_view fn = s.str(f.function);
    Blocking b = Blocking::kUnknown;
    for (const auto& r : kFrames) {
      if (r.function == fn) {
        b = r.blocking;
        break;
      }
    }
    if (b != Blocking::kUnknown) {
      bool sync_refines = fn.starts_with("sync.") || fn.starts_with("internal/sync.");
      if (found == Blocking::kUnknown || sync_refines) found = b;
      if (!is_runtime_function(fn) && !sync_refines) return found;
      continue;
    }
    if (!is_runtime_function(fn) && !fn.starts_with("sync.") && !fn.starts_with("internal/sync.")) {
      break;  // first frame past the primitive
    }
  }
  return found;
}

bool is_user(const Snapshot& s, const Frame& f) {
  std::string_view fn = s.str(f.function);
  if (fn.starts_with("...") || fn.starts_with("0x")) return false;
  std::string_view pkg = package_of(fn);
  return !pkg.empty() && !is_stdlib_package(pkg);
}

std::string location(const Snapshot& s, const Frame& f) {
  if (f.file == 0) return std::string(s.str(f.function));
  return fmt::format("{} ({}:{})", s.str(f.function), base_name(s.str(f.file)), f.line);
}

double base_score(Blocking b) {
  switch (b) {
    case Blocking::kNilChanSend:
    case Blocking::kNilChanRecv:
      return 50;  // certainly stuck, but the count weighs more for memory: see docs
    case Blocking::kSelectNoCases:
      return 45;
    case Blocking::kChanSend:
      return 45;
    case Blocking::kChanRecv:
      return 35;
    case Blocking::kSelect:
    case Blocking::kCond:
    case Blocking::kWaitGroup:
      return 30;
    case Blocking::kUserCode:
      return 25;
    case Blocking::kMutex:
    case Blocking::kRWMutex:
    case Blocking::kSemaphore:
    case Blocking::kUnknown:
      return 20;
    default:
      return 0;
  }
}

std::string_view hint(Blocking b) {
  switch (b) {
    case Blocking::kChanSend:
      return "nothing receives from the channel";
    case Blocking::kChanRecv:
      return "nothing sends on or closes the channel";
    case Blocking::kNilChanSend:
    case Blocking::kNilChanRecv:
      return "a nil channel never becomes ready";
    case Blocking::kSelect:
      return "no case becomes ready: check for a missing ctx.Done() or timeout case";
    case Blocking::kSelectNoCases:
      return "select {} never returns";
    case Blocking::kMutex:
    case Blocking::kRWMutex:
      return "the lock is held elsewhere: check for a missing Unlock";
    case Blocking::kWaitGroup:
      return "Done is not called as many times as Add";
    case Blocking::kCond:
      return "no Signal or Broadcast wakes it";
    case Blocking::kSemaphore:
      return "the semaphore is never released";
    case Blocking::kUserCode:
      return "debug=1 hides the runtime frames, so the blocking operation is not shown";
    default:
      return "";
  }
}

}  // namespace

std::string_view blocking_name(Blocking b) {
  switch (b) {
    case Blocking::kChanSend:
      return "chan send";
    case Blocking::kChanRecv:
      return "chan receive";
    case Blocking::kNilChanSend:
      return "chan send (nil chan)";
    case Blocking::kNilChanRecv:
      return "chan receive (nil chan)";
    case Blocking::kSelect:
      return "select";
    case Blocking::kSelectNoCases:
      return "select (no cases)";
    case Blocking::kMutex:
      return "sync.Mutex";
    case Blocking::kRWMutex:
      return "sync.RWMutex";
    case Blocking::kWaitGroup:
      return "sync.WaitGroup";
    case Blocking::kCond:
      return "sync.Cond";
    case Blocking::kSemaphore:
      return "semaphore";
    case Blocking::kSleep:
      return "sleep";
    case Blocking::kIOWait:
      return "IO wait";
    case Blocking::kSyscall:
      return "syscall";
    case Blocking::kRunning:
      return "running";
    case Blocking::kRuntime:
      return "runtime";
    case Blocking::kUserCode:
      return "blocked in user code";
    case Blocking::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

GroupInfo analyse_group(const Snapshot& s, const Group& g) {
  GroupInfo info;
  for (size_t i = 0; i < g.frames.size() && info.site < 0; ++i) {
    if (is_user(s, g.frames[i])) info.site = static_cast<int>(i);
  }
  bool has_user = info.site >= 0;
  for (size_t i = 0; i < g.frames.size() && info.site < 0; ++i) {
    if (!is_runtime_function(s.str(g.frames[i].function))) info.site = static_cast<int>(i);
  }
  if (info.site < 0 && !g.frames.empty()) info.site = 0;

  Blocking b = from_state(s.str(g.state));
  if (b == Blocking::kUnknown || b == Blocking::kSemaphore || b == Blocking::kChanRecv ||
      b == Blocking::kChanSend) {
    Blocking fb = from_frames(s, g);
    // Frames refine a generic semaphore; a state always wins over frames otherwise.
    if (b == Blocking::kUnknown || (b == Blocking::kSemaphore && fb != Blocking::kUnknown)) {
      b = fb;
    }
  }
  if (b == Blocking::kUnknown && g.state == 0 && has_user && info.site == 0) {
    b = Blocking::kUserCode;  // debug=1: the leaf frame is user code, runtime frames hidden
  }
  if (b == Blocking::kUnknown && g.state == 0 && !g.frames.empty()) {
    bool all_runtime = std::all_of(g.frames.begin(), g.frames.end(), [&](const Frame& f) {
      return is_runtime_function(s.str(f.function));
    });
    if (all_runtime) b = Blocking::kRuntime;
  }
  info.blocking = b;

  switch (b) {
    case Blocking::kSleep:
      info.benign = true;
      info.benign_reason = "sleeping (timers and tickers)";
      return info;
    case Blocking::kIOWait:
      info.benign = true;
      info.benign_reason = "waiting for network or file I/O";
      return info;
    case Blocking::kSyscall:
      info.benign = true;
      info.benign_reason = "in a system call";
      return info;
    case Blocking::kRunning:
      info.benign = true;
      info.benign_reason = "running";
      return info;
    case Blocking::kRuntime:
      info.benign = true;
      info.benign_reason = "a runtime goroutine";
      return info;
    default:
      break;
  }
  if (g.stack_unavailable) {
    info.benign = true;
    info.benign_reason = "stack unavailable";
    return info;
  }
  for (const Frame& f : g.frames) {
    std::string_view fn = s.str(f.function);
    if (std::find(kBenignFunctions.begin(), kBenignFunctions.end(), fn) != kBenignFunctions.end()) {
      info.benign = true;
      info.benign_reason = "a standard-library goroutine that waits by design";
      return info;
    }
  }
  if (!has_user && !(g.created_by.function != 0 && is_user(s, g.created_by))) {
    info.benign = true;
    info.benign_reason = "standard-library code only";
    return info;
  }
  // The main goroutine parked in select {} or on a signal channel is the program's idle loop.
  if (g.created_by.function == 0 && !g.frames.empty() &&
      s.str(g.frames.back().function) == "main.main" && g.count == 1 &&
      s.format == Format::kDebug2) {
    info.benign = true;
    info.benign_reason = "the main goroutine";
    return info;
  }
  return info;
}

std::vector<Suspect> find_suspects(const Snapshot& s, const LeakOptions& opts) {
  std::vector<Suspect> out;
  for (size_t gi = 0; gi < s.groups.size(); ++gi) {
    const Group& g = s.groups[gi];
    GroupInfo info = analyse_group(s, g);
    if (info.benign || info.site < 0) continue;
    bool stuck_forever = info.blocking == Blocking::kNilChanRecv ||
                         info.blocking == Blocking::kNilChanSend ||
                         info.blocking == Blocking::kSelectNoCases;
    if (g.count < opts.min_count && !stuck_forever) continue;

    const Frame& site = g.frames[static_cast<size_t>(info.site)];
    double score = base_score(info.blocking);
    score += std::min(40.0, 10.0 * std::log10(static_cast<double>(g.count)));
    if (g.max_minutes > 0) score += std::min(15.0, 5.0 * std::log2(1.0 + g.max_minutes));
    if (g.created_by.function != 0 && is_user(s, g.created_by)) {
      score += 5;
      // go func() { ... }() inside the creator: the classic leaked-closure shape.
      std::string_view entry = s.str(g.frames.back().function);
      std::string_view creator = s.str(g.created_by.function);
      if (entry.size() > creator.size() && entry.starts_with(creator) &&
          entry.substr(creator.size()).starts_with(".func")) {
        score += 5;
      }
    }
    score = std::min(100.0, std::round(score * 10) / 10);

    Suspect sp;
    sp.group = gi;
    sp.blocking = info.blocking;
    sp.function = site.function;
    sp.file = site.file;
    sp.line = site.line;
    sp.score = score;
    std::string what = info.blocking == Blocking::kUserCode
                           ? std::string("blocked")
                           : fmt::format("blocked on {}", blocking_name(info.blocking));
    sp.reason = fmt::format("{} goroutine{} {} in {}", g.count, g.count == 1 ? "" : "s", what,
                            location(s, site));
    if (g.created_by.function != 0) {
      sp.reason += fmt::format(", created by {}", location(s, g.created_by));
    }
    if (g.max_minutes > 0) {
      sp.reason += g.min_minutes == g.max_minutes
                       ? fmt::format(", for {} minutes", g.max_minutes)
                       : fmt::format(", for {}-{} minutes", g.min_minutes, g.max_minutes);
    }
    std::string_view h = hint(info.blocking);
    if (!h.empty()) sp.reason += fmt::format(": {}", h);
    out.push_back(std::move(sp));
  }
  std::stable_sort(out.begin(), out.end(), [&](const Suspect& a, const Suspect& b) {
    if (a.score != b.score) return a.score > b.score;
    return s.groups[a.group].count > s.groups[b.group].count;
  });
  return out;
}

}  // namespace oomguard::goroutines
