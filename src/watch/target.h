// A watched service over HTTP: discovery of what it exposes (net/http/pprof, expvar,
// Prometheus /metrics), one poll of its runtime statistics, and captures of profiles. Every
// request has a timeout and a response-size limit; failures come back as messages.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/http_fetch.h"
#include "core/result.h"
#include "watch/stats.h"

namespace oomguard::watch {

struct Endpoints {
  bool pprof = false;
  bool vars = false;
  bool metrics = false;
  [[nodiscard]] bool any() const { return pprof || vars || metrics; }
  [[nodiscard]] std::string describe() const;
};

// "http://h:p/debug/pprof/" -> "http://h:p": the base the endpoints hang off.
std::string base_url(std::string url);

// The goroutine count in the /debug/pprof/ index page ("<td>N</td><td><a href='goroutine?...").
std::optional<double> goroutines_from_index(std::string_view html);

// Totals of a heap profile (inuse_space, alloc_space), as of the last completed GC.
Result<std::pair<double, double>> heap_totals(std::string bytes);
// Sum of a goroutine proto profile's counts.
Result<double> goroutine_total(std::string bytes);

struct PollResult {
  RuntimeStats stats;
  std::string heap_profile;         // raw bytes of /debug/pprof/heap when fetched
  std::vector<std::string> errors;  // one per endpoint that failed
};

class Target {
 public:
  Target(std::string url, HttpOptions http) : base_(base_url(std::move(url))), http_(http) {}

  // Probes each endpoint once; errors lists why each one is not used.
  Endpoints discover(std::vector<std::string>& errors);
  // Polls the discovered endpoints; `ok` is false when none answered usefully.
  PollResult poll(const Endpoints& e, bool& ok);
  Result<std::string> fetch(const std::string& path, long timeout_ms = 0);

  [[nodiscard]] const std::string& base() const { return base_; }
  // Requests started after this point are cut to end by it (at least 200 ms each), so a
  // hanging target cannot stretch a bounded run by more than that.
  void set_deadline(std::chrono::steady_clock::time_point d) { deadline_ = d; }

 private:
  std::string base_;
  HttpOptions http_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
};

}  // namespace oomguard::watch
