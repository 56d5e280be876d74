#include "watch/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/exit_codes.h"
#include "watch/exposition.h"
#include "watch/units.h"

namespace oomguard::watch {

int WatchReport::exit_code() const {
  if (verdict == "leak") return kExitFindings;
  if (verdict == "unreachable") return kExitUsage;
  return kExitOk;
}

std::string format_status_line(const LiveState& s) {
  auto or_dash = [](double v, auto f) { return std::isnan(v) ? std::string("-") : f(v); };
  std::string heap = or_dash(s.heap_after_gc, [](double v) { return format_bytes(v); });
  std::string gor = or_dash(s.goroutines, [](double v) { return fmt::format("{:.0f}", v); });
  std::string gc = or_dash(s.gc_per_minute, [](double v) { return format_number(v); });
  std::string oom = std::isinf(s.seconds_to_oom) ? "-" : format_duration(s.seconds_to_oom);
  return fmt::format("{} | heap after GC {} ({}/s) | goroutines {} ({}/s) | GC/min {} | OOM in {}",
                     s.state, heap, format_bytes(s.heap_growth_per_s), gor,
                     format_number(s.goroutine_growth_per_s), gc, oom);
}

std::string format_text(const WatchReport& r) {
  std::string out;
  for (const auto& n : r.notes) out += "note: " + n + "\n";
  if (!r.notes.empty()) out += "\n";
  size_t w[4] = {6, 8, 19, 7};
  for (const auto& row : r.summary) {
    w[0] = std::max(w[0], row.metric.size());
    w[1] = std::max(w[1], row.observed.size());
    w[2] = std::max(w[2], row.limit.size());
    w[3] = std::max(w[3], row.verdict.size());
  }
  auto line = [&](const std::string& a, const std::string& b, const std::string& c,
                  const std::string& d) {
    return fmt::format("{:<{}} | {:<{}} | {:<{}} | {}\n", a, w[0], b, w[1], c, w[2], d);
  };
  if (!r.summary.empty()) {
    out += line("metric", "observed", "limit or baseline", "verdict");
    out += fmt::format("{}-+-{}-+-{}-+-{}\n", std::string(w[0], '-'), std::string(w[1], '-'),
                       std::string(w[2], '-'), std::string(w[3], '-'));
    for (const auto& row : r.summary) out += line(row.metric, row.observed, row.limit, row.verdict);
    out += "\n";
  }
  out += fmt::format("target {}: {} samples, {} restart{}, {} OOM kill{}, {} snapshot file{}\n",
                     r.target, r.samples, r.restarts, r.restarts == 1 ? "" : "s", r.oom_kills,
                     r.oom_kills == 1 ? "" : "s", r.snapshots.size(),
                     r.snapshots.size() == 1 ? "" : "s");
  if (r.verdict == "unreachable") {
    out += "verdict: unreachable: the target never answered\n";
  } else if (r.verdict == "healthy") {
    out += "verdict: healthy: no sustained growth of the heap after GC or of goroutines\n";
  } else {
    out += fmt::format("verdict: leak ({} finding{})\n", r.leaks.size(),
                       r.leaks.size() == 1 ? "" : "s");
    for (const auto& l : r.leaks) {
      std::string where = l.function.empty() ? "(no single stack)"
                                             : fmt::format("{} {}:{}", l.function, l.file, l.line);
      out += fmt::format("  {} {}: {}\n", l.kind, where, l.message);
    }
  }
  return out;
}

std::string format_json(const WatchReport& r) {
  nlohmann::ordered_json j;
  j["target"] = r.target;
  j["verdict"] = r.verdict;
  auto leaks = nlohmann::ordered_json::array();
  for (const auto& l : r.leaks) {
    nlohmann::ordered_json o;
    o["kind"] = l.kind;
    o["function"] = l.function;
    o["file"] = l.file;
    o["line"] = l.line;
    o["growth"] = std::isfinite(l.growth) ? l.growth : 0.0;
    o["unit"] = l.unit;
    o["message"] = l.message;
    leaks.push_back(std::move(o));
  }
  j["leaks"] = std::move(leaks);
  j["samples"] = r.samples;
  j["restarts"] = r.restarts;
  j["oom_kills"] = r.oom_kills;
  j["snapshots"] = r.snapshots;
  auto rows = nlohmann::ordered_json::array();
  for (const auto& row : r.summary) {
    rows.push_back({{"metric", row.metric},
                    {"observed", row.observed},
                    {"limit", row.limit},
                    {"verdict", row.verdict}});
  }
  j["summary"] = std::move(rows);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string format_metrics(const std::vector<LiveState>& targets) {
  std::string out;
  auto family = [&](const char* name, const char* type, const char* help, auto value) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, escape_help(help), name, type);
    for (const auto& t : targets) value(t);
  };
  auto sample = [&](const char* name, const LiveState& t, double v, const std::string& extra = "") {
    out += fmt::format("{}{{target=\"{}\"{}}} {}\n", name, escape_label_value(t.target), extra,
                       format_metric_value(v));
  };
  auto gauge = [&](const char* name, const char* type, const char* help, double LiveState::*f) {
    family(name, type, help, [&](const LiveState& t) { sample(name, t, t.*f); });
  };
  family("oomguard_up", "gauge", "1 when the last poll of the target succeeded.",
         [&](const LiveState& t) { sample("oomguard_up", t, t.up ? 1 : 0); });
  gauge("oomguard_heap_after_gc_bytes", "gauge",
        "Live heap as of the last GC (runtime heap_live, heap profile inuse_space, or "
        "NextGC/(1+GOGC/100)).",
        &LiveState::heap_after_gc);
  gauge("oomguard_goroutines", "gauge", "Goroutines of the target.", &LiveState::goroutines);
  gauge("oomguard_heap_growth_bytes_per_second", "gauge",
        "Theil-Sen slope of the heap after GC over the window.", &LiveState::heap_growth_per_s);
  gauge("oomguard_goroutine_growth_per_second", "gauge",
        "Theil-Sen slope of the goroutine count over the window.",
        &LiveState::goroutine_growth_per_s);
  gauge("oomguard_gc_per_minute", "gauge", "GC cycles per minute over the window.",
        &LiveState::gc_per_minute);
  gauge("oomguard_seconds_to_oom", "gauge",
        "Projected seconds until the memory limit; +Inf when not growing or no limit.",
        &LiveState::seconds_to_oom);
  gauge("oomguard_memory_limit_bytes", "gauge",
        "Memory limit used for the projection (--limit, cgroup, GOMEMLIMIT); 0 when unknown.",
        &LiveState::limit);
  family("oomguard_leak_detected", "gauge", "1 when a leak of this kind was detected.",
         [&](const LiveState& t) {
           sample("oomguard_leak_detected", t, t.leak_goroutine ? 1 : 0,
                  ",kind=\"goroutine-leak\"");
           sample("oomguard_leak_detected", t, t.leak_heap ? 1 : 0, ",kind=\"heap-growth\"");
         });
  family("oomguard_restarts_total", "counter", "Restarts of the target seen by the watcher.",
         [&](const LiveState& t) {
           sample("oomguard_restarts_total", t, static_cast<double>(t.restarts));
         });
  family("oomguard_snapshots_total", "counter", "Snapshot files written.", [&](const LiveState& t) {
    sample("oomguard_snapshots_total", t, static_cast<double>(t.snapshots));
  });
  return out;
}

}  // namespace oomguard::watch
