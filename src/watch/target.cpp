#include "watch/target.h"

#include <fmt/format.h>

#include <algorithm>

#include "pprof/decode.h"
#include "watch/exposition.h"
#include "watch/expvar.h"

namespace oomguard::watch {

std::string Endpoints::describe() const {
  std::string s;
  auto add = [&](const char* n) {
    if (!s.empty()) s += ", ";
    s += n;
  };
  if (pprof) add("/debug/pprof");
  if (vars) add("/debug/vars");
  if (metrics) add("/metrics");
  return s.empty() ? "nothing" : s;
}

std::string base_url(std::string url) {
  if (!is_url(url)) url = "http://" + url;
  size_t q = url.find('?');
  if (q != std::string::npos) url.resize(q);
  while (!url.empty() && url.back() == '/') url.pop_back();
  for (std::string suffix : {"/debug/pprof", "/debug/vars", "/metrics"}) {
    if (url.size() > suffix.size() &&
        url.compare(url.size() - suffix.size(), suffix.size(), suffix) == 0) {
      url.resize(url.size() - suffix.size());
      break;
    }
  }
  return url;
}

std::optional<double> goroutines_from_index(std::string_view html) {
  size_t at = html.find("goroutine?debug=1");
  if (at == std::string_view::npos) return std::nullopt;
  // "<tr><td>17</td><td><a href='goroutine?debug=1'>": the count is in the cell before the link.
  size_t td = html.rfind("<td>", at);
  if (td == std::string_view::npos || td == 0 || at - td > 64) return std::nullopt;
  td = html.rfind("<td>", td - 1);
  if (td == std::string_view::npos || at - td > 96) return std::nullopt;
  size_t i = td + 4;
  double v = 0;
  bool digits = false;
  while (i < html.size() && html[i] >= '0' && html[i] <= '9') {
    v = v * 10 + (html[i] - '0');
    ++i;
    digits = true;
  }
  if (!digits || html.substr(i, 5) != "</td>") return std::nullopt;
  return v;
}

Result<std::pair<double, double>> heap_totals(std::string bytes) {
  pprof::DecodeLimits lim;
  lim.max_decompressed = uint64_t{256} << 20;
  auto p = pprof::decode(std::move(bytes), lim);
  if (!p) return Error{p.error()};
  int inuse = -1, alloc = -1;
  for (size_t i = 0; i < p->sample_types.size(); ++i) {
    if (p->sample_types[i].type == "inuse_space") inuse = static_cast<int>(i);
    if (p->sample_types[i].type == "alloc_space") alloc = static_cast<int>(i);
  }
  if (inuse < 0) return Error{"not a heap profile (no inuse_space)"};
  double in = 0, al = 0;
  size_t nv = p->num_values();
  for (size_t s = 0; s < p->num_samples(); ++s) {
    in += static_cast<double>(p->values[s * nv + static_cast<size_t>(inuse)]);
    if (alloc >= 0) al += static_cast<double>(p->values[s * nv + static_cast<size_t>(alloc)]);
  }
  return std::make_pair(in, al);
}

Result<double> goroutine_total(std::string bytes) {
  pprof::DecodeLimits lim;
  lim.max_decompressed = uint64_t{256} << 20;
  auto p = pprof::decode(std::move(bytes), lim);
  if (!p) return Error{p.error()};
  if (p->num_values() == 0) return Error{"empty goroutine profile"};
  double t = 0;
  for (size_t s = 0; s < p->num_samples(); ++s)
    t += static_cast<double>(p->values[s * p->num_values()]);
  return t;
}

Result<std::string> Target::fetch(const std::string& path, long timeout_ms) {
  HttpOptions o = http_;
  if (timeout_ms > 0) o.timeout_ms = timeout_ms;
  if (deadline_ != std::chrono::steady_clock::time_point::max()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline_ - std::chrono::steady_clock::now())
                    .count();
    long cap = static_cast<long>(std::max<int64_t>(left, 200));
    o.timeout_ms = std::min(o.timeout_ms, cap);
    o.connect_timeout_ms = std::min(o.connect_timeout_ms, cap);
  }
  auto r = http_get(base_ + path, o);
  if (!r) return Error{r.error()};
  if (r->status != 200) {
    std::string msg = r->body.substr(0, 120);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == '\r')) msg.pop_back();
    return Error{
        fmt::format("{}{}: HTTP {}{}{}", base_, path, r->status, msg.empty() ? "" : ": ", msg)};
  }
  return std::move(r->body);
}

Endpoints Target::discover(std::vector<std::string>& errors) {
  Endpoints e;
  if (auto r = fetch("/debug/pprof/")) {
    if (r->find("goroutine") != std::string::npos || r->find("heap") != std::string::npos) {
      e.pprof = true;
    } else {
      errors.push_back(fmt::format("{}/debug/pprof/: not a net/http/pprof index", base_));
    }
  } else {
    errors.push_back(r.error());
  }
  if (auto r = fetch("/debug/vars")) {
    auto d = decode_expvar(*r);
    if (d)
      e.vars = true;
    else
      errors.push_back(fmt::format("{}/debug/vars: {}", base_, d.error()));
  } else {
    errors.push_back(r.error());
  }
  if (auto r = fetch("/metrics")) {
    auto d = parse_exposition(*r);
    if (d && (d->find("go_goroutines") != nullptr ||
              d->find("go_memstats_heap_alloc_bytes") != nullptr)) {
      e.metrics = true;
    } else {
      errors.push_back(fmt::format("{}/metrics: {}", base_,
                                   d ? "no Go collector metrics (go_goroutines)" : d.error()));
    }
  } else {
    errors.push_back(r.error());
  }
  return e;
}

PollResult Target::poll(const Endpoints& e, bool& ok) {
  PollResult pr;
  ok = false;
  if (e.metrics) {
    auto r = fetch("/metrics");
    if (!r) {
      pr.errors.push_back(r.error());
    } else if (auto d = parse_exposition(*r); !d) {
      pr.errors.push_back(fmt::format("{}/metrics: {}", base_, d.error()));
    } else {
      pr.stats.merge_missing(stats_from_exposition(*d));
      ok = true;
    }
  }
  if (e.vars) {
    auto r = fetch("/debug/vars");
    if (!r) {
      pr.errors.push_back(r.error());
    } else if (auto d = decode_expvar(*r); !d) {
      pr.errors.push_back(fmt::format("{}/debug/vars: {}", base_, d.error()));
    } else {
      pr.stats.merge_missing(*d);
      ok = true;
    }
  }
  if (e.pprof) {
    auto r = fetch("/debug/pprof/heap");
    if (!r) {
      pr.errors.push_back(r.error());
    } else {
      pr.heap_profile = *r;
      auto t = heap_totals(std::move(*r));
      if (!t) {
        pr.heap_profile.clear();
        pr.errors.push_back(fmt::format("{}/debug/pprof/heap: {}", base_, t.error()));
      } else {
        pr.stats.profile_inuse = t->first;
        pr.stats.profile_alloc = t->second;
        ok = true;
      }
    }
    if (!pr.stats.goroutines) {
      // The index page counts goroutines with runtime.NumGoroutine: no stack walk at all.
      auto idx = fetch("/debug/pprof/");
      std::optional<double> n;
      if (idx) n = goroutines_from_index(*idx);
      if (!n) {
        auto g = fetch("/debug/pprof/goroutine?debug=0");
        if (g) {
          auto t = goroutine_total(std::move(*g));
          if (t)
            n = *t;
          else
            pr.errors.push_back(fmt::format("{}/debug/pprof/goroutine: {}", base_, t.error()));
        } else {
          pr.errors.push_back(g.error());
        }
      }
      if (n) {
        pr.stats.goroutines = n;
        ok = true;
      }
    }
  }
  return pr;
}

}  // namespace oomguard::watch
