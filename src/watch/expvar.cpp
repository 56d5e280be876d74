#include "watch/expvar.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace oomguard::watch {

void RuntimeStats::merge_missing(const RuntimeStats& o) {
  auto m = [](std::optional<double>& a, const std::optional<double>& b) {
    if (!a && b) a = b;
  };
  m(heap_alloc, o.heap_alloc);
  m(heap_inuse, o.heap_inuse);
  m(heap_sys, o.heap_sys);
  m(heap_released, o.heap_released);
  m(sys, o.sys);
  m(next_gc, o.next_gc);
  m(heap_live, o.heap_live);
  m(profile_inuse, o.profile_inuse);
  m(profile_alloc, o.profile_alloc);
  m(total_alloc, o.total_alloc);
  m(num_gc, o.num_gc);
  m(pause_total_ns, o.pause_total_ns);
  m(last_gc_ns, o.last_gc_ns);
  m(gc_cpu_fraction, o.gc_cpu_fraction);
  m(gogc, o.gogc);
  m(gomemlimit, o.gomemlimit);
  m(goroutines, o.goroutines);
  m(process_start, o.process_start);
  m(rss, o.rss);
}

namespace {

constexpr int kMaxDepth = 64;

// nlohmann's parser is iterative, but a hostile depth still costs memory; refuse it up front.
bool depth_ok(std::string_view s) {
  int depth = 0;
  bool in_str = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_str) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_str = false;
      continue;
    }
    if (c == '"')
      in_str = true;
    else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

std::optional<double> num(const nlohmann::json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

}  // namespace

Result<RuntimeStats> decode_expvar(std::string_view text) {
  if (!depth_ok(text))
    return Error{fmt::format("expvar: JSON nests deeper than {} levels", kMaxDepth)};
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return Error{"expvar: not valid JSON"};
  if (!j.is_object()) return Error{"expvar: not a JSON object"};
  auto ms = j.find("memstats");
  if (ms == j.end() || !ms->is_object()) return Error{"expvar: no \"memstats\" object"};
  const auto& m = *ms;
  RuntimeStats s;
  s.heap_alloc = num(m, "HeapAlloc");
  s.heap_inuse = num(m, "HeapInuse");
  s.heap_sys = num(m, "HeapSys");
  s.heap_released = num(m, "HeapReleased");
  s.sys = num(m, "Sys");
  s.next_gc = num(m, "NextGC");
  s.total_alloc = num(m, "TotalAlloc");
  s.num_gc = num(m, "NumGC");
  s.pause_total_ns = num(m, "PauseTotalNs");
  s.last_gc_ns = num(m, "LastGC");
  s.gc_cpu_fraction = num(m, "GCCPUFraction");
  return s;
}

}  // namespace oomguard::watch
