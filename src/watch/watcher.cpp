#include "watch/watcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <thread>

#include "watch/attribution.h"
#include "watch/procfs.h"
#include "watch/snapshots.h"
#include "watch/target.h"
#include "watch/units.h"

namespace oomguard::watch {

WatchConfig default_config() {
  WatchConfig c;
  c.heap.min = 4.0 * (1 << 20);
  c.heap.diff_pct = 25;
  c.heap.abs = 0;
  c.heap.cooldown_s = 60;
  c.goroutines.min = 100;
  c.goroutines.diff_pct = 25;
  c.goroutines.abs = 0;  // off: a steady high count is not a leak; set it to alarm on a level
  c.goroutines.cooldown_s = 60;
  c.http.timeout_ms = 5000;
  c.http.connect_timeout_ms = 2000;
  c.http.max_bytes = uint64_t{64} << 20;
  return c;
}

namespace {

using Clock = std::chrono::steady_clock;

int64_t unix_ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Epoch {
  std::vector<HeapCapture> heap;  // baseline first, then captures (bounded)
  std::string base_goroutines;    // debug=1 text
  std::string last_goroutines;
  bool baseline_taken = false;
  double first_heap = kUnknown;  // heap after GC at the first sample of the epoch
};

class Run {
 public:
  Run(const WatchConfig& c, const std::atomic<bool>& stop, const WatchHooks& h)
      : c_(c),
        stop_(stop),
        hooks_(h),
        target_(c.url, c.http),
        store_(c.out_dir, c.max_snapshots),
        heap_(c.window_s, 600),
        gor_(c.window_s, 600),
        gc_(c.window_s, 600),
        heap_det_(c.heap),
        gor_det_(c.goroutines),
        procs_(c.proc_root) {
    live_.target = c.url;
    report_.target = c.url;
  }

  WatchReport run();

 private:
  [[nodiscard]] double now() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }
  void note(const std::string& msg, bool once = false);
  void sample(double t);
  void on_up(double t, PollResult& pr);
  void on_down(double t, const std::vector<std::string>& errors);
  void take_baseline(double t, const std::string& heap_bytes);
  void capture(double t, const std::string& why);
  void attribute();
  void restart(double t, const std::string& why);
  void finish();
  void sleep_until(Clock::time_point tp, Clock::time_point end);

  const WatchConfig& c_;
  const std::atomic<bool>& stop_;
  const WatchHooks& hooks_;
  Target target_;
  SnapshotStore store_;
  Series heap_, gor_, gc_;
  Detector heap_det_, gor_det_;
  ProcReader procs_;
  ProcInfo pi_;
  Clock::time_point start_;

  Endpoints ep_;
  bool reachable_ever_ = false;
  bool up_ = false;
  double down_since_ = -1;
  double last_up_ = -1;
  std::optional<RuntimeStats> prev_;
  Epoch epoch_;
  double last_dump_ = -1e18;
  double last_capture_ = -1e18;
  std::set<std::string> noted_;
  std::string heap_source_;

  // Observations for the summary.
  double heap_peak_ = kUnknown, heap_last_ = kUnknown;
  double gor_peak_ = kUnknown, gor_last_ = kUnknown;
  double rss_peak_ = kUnknown;
  double limit_ = 0;
  std::string limit_source_;
  std::optional<uint64_t> oom_first_, oom_last_;
  double gogc_ = 100;
  double gc_cpu_ = kUnknown;
  std::optional<Leak> heap_leak_, gor_leak_;
  Evaluation heap_eval_, gor_eval_;

  LiveState live_;
  WatchReport report_;
};

void Run::note(const std::string& msg, bool once) {
  if (once) {
    if (noted_.count(msg) != 0) return;
    if (noted_.size() < 200) noted_.insert(msg);
  }
  if (report_.notes.size() < 50) report_.notes.push_back(msg);
  if (hooks_.on_note) hooks_.on_note(msg);
}

void Run::sleep_until(Clock::time_point tp, Clock::time_point end) {
  while (!stop_.load()) {
    auto n = Clock::now();
    auto until = std::min(tp, end);
    if (n >= until) return;
    std::this_thread::sleep_for(
        std::min<Clock::duration>(until - n, std::chrono::milliseconds(50)));
  }
}

WatchReport Run::run() {
  start_ = Clock::now();
  auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(std::max(c_.interval_s, 0.01)));
  Clock::time_point end = c_.duration_s > 0
                              ? start_ + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(c_.duration_s))
                              : Clock::time_point::max();
  target_.set_deadline(end);
  Clock::time_point next = start_;
  while (!stop_.load()) {
    sample(now());
    next += interval;
    // A slow poll (a hanging target) skips the ticks it overran instead of polling in a burst.
    if (next < Clock::now()) next = Clock::now();
    if (next > end || Clock::now() >= end) break;
    sleep_until(next, end);
  }
  // A leak declared during the run: capture once more at the end (unless interrupted) so the
  // attribution covers the whole run, not just the moment of the first trigger.
  if (!stop_.load() && up_ && (heap_det_.leaking() || gor_det_.leaking()) &&
      now() - last_capture_ >= 2 * c_.interval_s) {
    target_.set_deadline(Clock::time_point::max());
    capture(now(), "end of the run");
  }
  finish();
  return std::move(report_);
}

void Run::sample(double t) {
  std::vector<std::string> errors;
  // Host view of the process, read whether or not the target answers (an OOM kill makes it
  // disappear; the cgroup's memory.events tells why).
  if (c_.pid > 0) {
    pi_ = procs_.read(c_.pid);
    if (!pi_.alive) note(fmt::format("process {} not found under /proc", c_.pid), true);
    if (pi_.oom_kills) {
      if (!oom_first_) oom_first_ = pi_.oom_kills;
      if (oom_last_ && *pi_.oom_kills > *oom_last_) {
        note(fmt::format("OOM kill recorded by the cgroup {} (oom_kill {} -> {})", pi_.cgroup_dir,
                         *oom_last_, *pi_.oom_kills));
      }
      oom_last_ = pi_.oom_kills;
    }
  }
  if (!ep_.any()) {
    ep_ = target_.discover(errors);
    if (ep_.any()) note(fmt::format("{}: using {}", target_.base(), ep_.describe()));
  }
  if (ep_.any()) {
    bool ok = false;
    PollResult pr = target_.poll(ep_, ok);
    // When nothing answered, on_down reports the outage once; otherwise each failing endpoint
    // is reported once per distinct message.
    if (ok) {
      for (auto& e : pr.errors) note(e, true);
    }
    if (ok) {
      on_up(t, pr);
    } else {
      on_down(t, pr.errors);
    }
  } else {
    on_down(t, errors);
  }
  live_.samples = report_.samples;
  live_.snapshots = store_.written();
  live_.restarts = report_.restarts;
  if (hooks_.on_sample) hooks_.on_sample(live_);
}

void Run::on_down(double t, const std::vector<std::string>& errors) {
  if (up_ || down_since_ < 0) {
    down_since_ = t;
    if (up_) {
      note(fmt::format("target stopped answering at +{}: {}", format_duration(t),
                       errors.empty() ? "no endpoint answered" : errors.front()));
    } else {
      for (const auto& e : errors) note(e, true);
    }
  }
  up_ = false;
  live_.up = false;
  live_.state = "down";
}

void Run::on_up(double t, PollResult& pr) {
  RuntimeStats& s = pr.stats;
  ++report_.samples;
  if (!up_ && reachable_ever_ && down_since_ >= 0) {
    note(fmt::format("target unreachable for {} (from +{} to +{})",
                     format_duration(t - down_since_), format_duration(down_since_),
                     format_duration(t)));
  }
  // Restart: a cumulative counter went backwards, or the process start time changed.
  if (prev_) {
    std::string why;
    const RuntimeStats& p = *prev_;
    if (s.num_gc && p.num_gc && *s.num_gc < *p.num_gc) {
      why = fmt::format("GC count went back from {:.0f} to {:.0f}", *p.num_gc, *s.num_gc);
    } else if (s.total_alloc && p.total_alloc && *s.total_alloc < *p.total_alloc) {
      why = "total allocated bytes went backwards";
    } else if (s.process_start && p.process_start &&
               std::fabs(*s.process_start - *p.process_start) > 1) {
      why = "process start time changed";
    } else if (s.profile_alloc && p.profile_alloc && *s.profile_alloc < 0.5 * *p.profile_alloc) {
      why = "heap profile alloc_space went backwards";
    }
    if (!why.empty()) restart(t, why);
  }
  reachable_ever_ = true;
  up_ = true;
  down_since_ = -1;
  last_up_ = t;
  live_.up = true;

  const ProcInfo& pi = pi_;
  if (pi.rss) s.rss = static_cast<double>(*pi.rss);
  if (s.gc_cpu_fraction) gc_cpu_ = *s.gc_cpu_fraction;
  if (s.gogc)
    gogc_ = *s.gogc;
  else if (pi.gogc)
    gogc_ = *pi.gogc;

  // Heap after GC: exact live heap (runtime/metrics) if exported, else the heap profile's inuse
  // total (live as of the last GC, unsampled), else the heap goal divided by 1+GOGC/100.
  double hag = kUnknown;
  if (s.heap_live) {
    hag = *s.heap_live;
    heap_source_ = "go_gc_heap_live_bytes";
  } else if (s.profile_inuse && (*s.profile_inuse > 0 || !s.next_gc)) {
    // (An empty heap profile means MemProfileRate=0: fall back to the heap goal if known.)
    hag = *s.profile_inuse;
    heap_source_ = "heap profile inuse_space";
  } else if (s.next_gc && gogc_ > 0) {
    hag = *s.next_gc / (1 + gogc_ / 100);
    heap_source_ = "NextGC/(1+GOGC/100)";
  }

  // Memory limit: --limit, else the cgroup of --pid, else GOMEMLIMIT.
  bool gomemlimit_limit = false;
  if (c_.limit) {
    limit_ = static_cast<double>(*c_.limit);
    limit_source_ = "--limit";
  } else if (pi.cgroup_limit) {
    limit_ = static_cast<double>(*pi.cgroup_limit);
    limit_source_ = fmt::format("cgroup v{} {}", pi.cgroup_version,
                                pi.cgroup_version == 2 ? "memory.max" : "memory.limit_in_bytes");
  } else if (pi.gomemlimit) {
    limit_ = static_cast<double>(*pi.gomemlimit);
    limit_source_ = "GOMEMLIMIT";
    gomemlimit_limit = true;
  } else if (s.gomemlimit && *s.gomemlimit > 0 && *s.gomemlimit < 9e18) {
    limit_ = *s.gomemlimit;
    limit_source_ = "GOMEMLIMIT (go_gc_gomemlimit_bytes)";
    gomemlimit_limit = true;
  }

  if (!epoch_.baseline_taken) take_baseline(t, pr.heap_profile);

  if (!std::isnan(hag)) {
    if (std::isnan(epoch_.first_heap)) epoch_.first_heap = hag;
    heap_.add(t, hag);
    heap_last_ = hag;
    heap_peak_ = std::isnan(heap_peak_) ? hag : std::max(heap_peak_, hag);
  }
  if (s.goroutines) {
    gor_.add(t, *s.goroutines);
    gor_last_ = *s.goroutines;
    gor_peak_ = std::isnan(gor_peak_) ? *s.goroutines : std::max(gor_peak_, *s.goroutines);
  }
  if (s.num_gc) gc_.add(t, *s.num_gc);
  if (s.rss) rss_peak_ = std::isnan(rss_peak_) ? *s.rss : std::max(rss_peak_, *s.rss);

  heap_eval_ = heap_det_.evaluate(heap_, t);
  gor_eval_ = gor_det_.evaluate(gor_, t);

  live_.heap_after_gc = hag;
  live_.goroutines = s.goroutines ? *s.goroutines : kUnknown;
  live_.heap_growth_per_s = heap_eval_.trend.n >= 3 ? heap_eval_.trend.slope : 0;
  live_.goroutine_growth_per_s = gor_eval_.trend.n >= 3 ? gor_eval_.trend.slope : 0;
  if (gc_.size() >= 2 && gc_.times().back() > gc_.times().front()) {
    live_.gc_per_minute = (gc_.values().back() - gc_.values().front()) /
                          (gc_.times().back() - gc_.times().front()) * 60;
  }
  live_.limit = limit_;
  live_.seconds_to_oom = kInf;
  if (limit_ > 0 && heap_eval_.trend.n >= heap_det_.rule().min_points &&
      heap_eval_.trend.p <= 0.05 && heap_eval_.trend.slope > 0) {
    double used = kUnknown;
    if (pi.cgroup_current && !c_.limit && !gomemlimit_limit)
      used = static_cast<double>(*pi.cgroup_current);
    else if (s.rss && !(gomemlimit_limit && s.sys && s.heap_released))
      used = *s.rss;  // GOMEMLIMIT counts Sys - HeapReleased, not RSS
    else if (s.sys && s.heap_released)
      used = *s.sys - *s.heap_released;
    else if (!std::isnan(hag))
      used = hag * (1 + std::max(gogc_, 0.0) / 100);
    // Under GOGC the footprint peaks at live x (1+GOGC/100); a GOMEMLIMIT squeezes that headroom.
    double rate = heap_eval_.trend.slope * (gomemlimit_limit ? 1 : 1 + std::max(gogc_, 0.0) / 100);
    if (!std::isnan(used)) live_.seconds_to_oom = seconds_until(used, rate, limit_);
  }

  bool fire = (heap_eval_.fire || gor_eval_.fire);
  if (heap_eval_.leak && !live_.leak_heap) {
    note(fmt::format("heap after GC leak suspected: {}", heap_det_.at_detection().reason));
  }
  if (gor_eval_.leak && !live_.leak_goroutine) {
    note(fmt::format("goroutine leak suspected: {}", gor_det_.at_detection().reason));
  }
  live_.leak_heap = heap_det_.leaking();
  live_.leak_goroutine = gor_det_.leaking();
  if (fire) {
    std::string why =
        heap_eval_.fire ? "heap: " + heap_eval_.reason : "goroutines: " + gor_eval_.reason;
    if (heap_eval_.fire) heap_det_.fired(t);
    if (gor_eval_.fire) gor_det_.fired(t);
    capture(t, why);
  }
  if (live_.leak_heap || live_.leak_goroutine)
    live_.state = "LEAK";
  else if (heap_eval_.holds || gor_eval_.holds)
    live_.state = "growing";
  else if (std::max(heap_.size(), gor_.size()) < heap_det_.rule().min_points)
    live_.state = "warming up";
  else
    live_.state = "ok";
  prev_ = s;
}

void Run::take_baseline(double t, const std::string& heap_bytes) {
  epoch_.baseline_taken = true;
  if (!heap_bytes.empty()) epoch_.heap.push_back({fmt::format("baseline@{:.0f}s", t), heap_bytes});
  std::string g1;
  if (ep_.pprof) {
    auto r = target_.fetch("/debug/pprof/goroutine?debug=1");
    if (r) {
      g1 = std::move(*r);
      epoch_.base_goroutines = g1;
    } else {
      note(r.error(), true);
    }
  }
  if (!c_.capture || (heap_bytes.empty() && g1.empty())) return;
  store_.begin_set("baseline", unix_ms_now());
  if (!heap_bytes.empty()) {
    auto w = store_.add("heap.pb.gz", heap_bytes);
    if (!w) note("cannot write snapshot: " + w.error(), true);
  }
  if (!g1.empty()) {
    auto w = store_.add("goroutine-debug1.txt", g1);
    if (!w) note("cannot write snapshot: " + w.error(), true);
  }
  store_.end_set();
}

void Run::capture(double t, const std::string& why) {
  if (!ep_.pprof) {
    note("a trigger fired but the target serves no /debug/pprof: nothing to capture or attribute",
         true);
    return;
  }
  struct Item {
    const char* path;
    const char* kind;
  };
  std::vector<Item> items = {{"/debug/pprof/heap", "heap.pb.gz"},
                             {"/debug/pprof/allocs", "allocs.pb.gz"},
                             {"/debug/pprof/goroutine?debug=0", "goroutine.pb.gz"},
                             {"/debug/pprof/goroutine?debug=1", "goroutine-debug1.txt"}};
  // debug=2 stops the world for the whole dump: at most once per dump cooldown.
  if (t - last_dump_ >= c_.dump_cooldown_s) {
    items.push_back({"/debug/pprof/goroutine?debug=2", "goroutine-debug2.txt"});
    last_dump_ = t;
  }
  last_capture_ = t;
  if (c_.capture) store_.begin_set("trigger", unix_ms_now());
  size_t files = 0;
  for (const auto& it : items) {
    long timeout = std::string_view(it.kind) == "goroutine-debug2.txt" ? c_.http.timeout_ms * 4 : 0;
    auto r = target_.fetch(it.path, timeout);
    if (!r) {
      note(fmt::format("capture: {}", r.error()), true);
      continue;
    }
    std::string_view kind = it.kind;
    if (kind == "heap.pb.gz") {
      epoch_.heap.push_back({fmt::format("trigger@{:.0f}s", t), *r});
      // Keep the baseline and the latest captures only.
      if (epoch_.heap.size() > 8) epoch_.heap.erase(epoch_.heap.begin() + 1);
    } else if (kind == "goroutine-debug1.txt") {
      epoch_.last_goroutines = *r;
    }
    if (c_.capture) {
      auto w = store_.add(kind, *r);
      if (!w)
        note("cannot write snapshot: " + w.error(), true);
      else
        ++files;
    }
  }
  if (c_.capture) {
    store_.end_set();
    note(fmt::format("captured {} profiles into {} ({})", files, store_.dir(), why));
  }
  attribute();
}

void Run::attribute() {
  std::string why;
  if (heap_det_.leaking()) {
    // The latest attribution has the most data: when it names nothing, the earlier one was noise.
    heap_leak_ = attribute_heap(epoch_.heap, &why);
    if (!heap_leak_) note("heap attribution: " + why, true);
    // A stack must explain a fair part of the heap growth it is blamed for; a goroutine leak,
    // for one, grows the heap through many small allocations none of which stands out.
    double signal = heap_last_ - epoch_.first_heap;
    if (heap_leak_ && !std::isnan(signal) && heap_leak_->growth < 0.25 * signal) {
      note(
          fmt::format("heap attribution: the largest growing stack ({} in {}) explains under a "
                      "quarter of the heap growth ({})",
                      format_bytes(heap_leak_->growth), heap_leak_->function, format_bytes(signal)),
          true);
      heap_leak_.reset();
    }
  }
  if (gor_det_.leaking() && !epoch_.base_goroutines.empty() && !epoch_.last_goroutines.empty()) {
    if (auto l = attribute_goroutines(epoch_.base_goroutines, epoch_.last_goroutines, &why))
      gor_leak_ = l;
    else
      note("goroutine attribution: " + why, true);
  }
}

void Run::restart(double t, const std::string& why) {
  ++report_.restarts;
  note(fmt::format("target restarted at +{} ({}); trends start again", format_duration(t), why));
  heap_.clear();
  gor_.clear();
  gc_.clear();
  heap_det_.reset_streak();
  gor_det_.reset_streak();
  epoch_ = Epoch{};
  prev_.reset();
}

void Run::finish() {
  if (!reachable_ever_) {
    report_.verdict = "unreachable";
  } else {
    report_.verdict = heap_det_.leaking() || gor_det_.leaking() ? "leak" : "healthy";
  }
  auto add_leak = [&](const Detector& d, std::optional<Leak>& attributed, const char* kind,
                      const char* unit, auto fmt_value) {
    if (!d.leaking()) return;
    const Evaluation& e = d.at_detection();
    Leak l;
    if (attributed) {
      l = *attributed;
    } else {
      l.kind = kind;
      l.unit = unit;
      l.growth = e.trend.growth;
      l.message = fmt::format("{} grew {} over {} (from {}) and no single stack accounts for it",
                              std::string(unit) == "bytes" ? "heap after GC" : "goroutine count",
                              fmt_value(e.trend.growth), format_duration(e.trend.span),
                              fmt_value(e.baseline));
    }
    l.significance = e.trend.growth / std::max(e.baseline, 1.0);
    report_.leaks.push_back(std::move(l));
  };
  add_leak(gor_det_, gor_leak_, "goroutine-leak", "goroutines",
           [](double v) { return fmt::format("{:.0f}", v); });
  // Heap growth made of goroutine descriptors (runtime.malg) is the goroutine leak itself.
  // Heap growth made of goroutine descriptors (runtime.malg), or spread over many small stacks,
  // is the goroutine leak itself seen from the heap: one finding, not two.
  bool folded = gor_det_.leaking() && heap_det_.leaking() && !report_.leaks.empty() &&
                (!heap_leak_ || heap_leak_->function.rfind("runtime.", 0) == 0);
  if (folded) {
    const Evaluation& e = heap_det_.at_detection();
    report_.leaks.back().message +=
        heap_leak_ ? fmt::format("; the heap after GC grew too ({} in {})",
                                 format_bytes(heap_leak_->growth), heap_leak_->function)
                   : fmt::format("; the heap after GC grew too ({} over {}, no single stack)",
                                 format_bytes(e.trend.growth), format_duration(e.trend.span));
  } else {
    add_leak(heap_det_, heap_leak_, "heap-growth", "bytes",
             [](double v) { return format_bytes(v); });
  }
  std::stable_sort(report_.leaks.begin(), report_.leaks.end(),
                   [](const Leak& a, const Leak& b) { return a.significance > b.significance; });
  if (oom_first_ && oom_last_) report_.oom_kills = *oom_last_ - std::min(*oom_first_, *oom_last_);
  report_.snapshots = store_.files();

  auto& rows = report_.summary;
  if (reachable_ever_) {
    std::string limit =
        limit_ > 0 ? fmt::format("{} ({})", format_bytes(limit_), limit_source_) : "no limit known";
    auto verdict_of = [&](const Detector& d, const Evaluation& e) -> std::string {
      if (d.leaking()) return "leak";
      if (e.holds || (e.trending && e.trend.growth > 0)) return "warn";
      return "ok";
    };
    if (!std::isnan(heap_peak_)) {
      std::string v = heap_det_.leaking() ? "leak"
                      : (limit_ > 0 && heap_peak_ * (1 + std::max(gogc_, 0.0) / 100) > 0.9 * limit_)
                          ? "warn"
                          : "ok";
      rows.push_back(
          {fmt::format("heap after GC peak ({})", heap_source_),
           fmt::format("{} (last {})", format_bytes(heap_peak_), format_bytes(heap_last_)), limit,
           v});
      const Evaluation& e = heap_eval_;
      rows.push_back(
          {"heap after GC growth",
           fmt::format("{}/s over {} (p={:.2g})", format_bytes(e.trend.slope),
                       format_duration(e.trend.span), e.trend.p),
           fmt::format("baseline {}, trigger +{:.0f}% and >= {}", format_bytes(e.baseline),
                       heap_det_.rule().diff_pct, format_bytes(heap_det_.rule().min)),
           verdict_of(heap_det_, e)});
    }
    if (!std::isnan(gor_peak_)) {
      const Evaluation& e = gor_eval_;
      rows.push_back({"live goroutines", fmt::format("{:.0f} (peak {:.0f})", gor_last_, gor_peak_),
                      fmt::format("baseline {:.0f}", e.baseline),
                      gor_det_.leaking() ? "leak" : "ok"});
      rows.push_back({"goroutine growth",
                      fmt::format("{}/s over {} (p={:.2g})", format_number(e.trend.slope),
                                  format_duration(e.trend.span), e.trend.p),
                      fmt::format("trigger +{:.0f}% and >= {:.0f}", gor_det_.rule().diff_pct,
                                  gor_det_.rule().min),
                      verdict_of(gor_det_, e)});
    }
    if (!std::isnan(live_.gc_per_minute)) {
      double interval = live_.gc_per_minute > 0 ? 60 / live_.gc_per_minute : kInf;
      // Frequent GC is normal for a small heap; it matters when GC takes a large CPU share.
      std::string cpu = std::isnan(gc_cpu_) ? "" : fmt::format(", GC CPU {:.1f}%", gc_cpu_ * 100);
      rows.push_back({"GC interval",
                      fmt::format("{} ({} GC/min{})", format_duration(interval),
                                  format_number(live_.gc_per_minute), cpu),
                      "GC CPU < 10%", !std::isnan(gc_cpu_) && gc_cpu_ > 0.10 ? "warn" : "ok"});
    }
    if (!std::isnan(rss_peak_)) {
      rows.push_back({"RSS peak", format_bytes(rss_peak_), limit,
                      limit_ > 0 && rss_peak_ > 0.9 * limit_ ? "warn" : "ok"});
    }
    rows.push_back(
        {"time to OOM",
         std::isinf(live_.seconds_to_oom) ? std::string("not growing toward a limit")
                                          : format_duration(live_.seconds_to_oom),
         limit, !std::isinf(live_.seconds_to_oom) && live_.seconds_to_oom < 3600 ? "warn" : "ok"});
    if (oom_first_) {
      rows.push_back({"OOM kills (cgroup memory.events)", fmt::format("{}", report_.oom_kills), "0",
                      report_.oom_kills > 0 ? "warn" : "ok"});
    }
    rows.push_back({"restarts", fmt::format("{}", report_.restarts), "0",
                    report_.restarts > 0 ? "warn" : "ok"});
  }
}

}  // namespace

WatchReport run_watch(const WatchConfig& cfg, const std::atomic<bool>& stop,
                      const WatchHooks& hooks) {
  Run r(cfg, stop, hooks);
  return r.run();
}

}  // namespace oomguard::watch
