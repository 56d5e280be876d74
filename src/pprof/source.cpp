#include "pprof/source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "core/http_fetch.h"
#include "pprof/transform.h"

namespace oomguard::pprof {
namespace {

// The N of a "seconds=N" query parameter, or 0.
long query_seconds(const std::string& url) {
  size_t q = url.find('?');
  if (q == std::string::npos) return 0;
  size_t at = q;
  while ((at = url.find("seconds=", at)) != std::string::npos) {
    if (url[at - 1] == '?' || url[at - 1] == '&')
      return std::strtol(url.c_str() + at + 8, nullptr, 10);
    at += 8;
  }
  return 0;
}

}  // namespace

Result<Profile> load_profile(const std::string& source, const SourceOptions& o) {
  std::string bytes;
  if (is_url(source)) {
    HttpOptions h;
    h.timeout_ms = o.timeout_ms;
    if (long secs = query_seconds(source); secs > 0) {
      secs = std::min(secs, 86400L);  // a day: no profile is collected for longer
      h.timeout_ms = std::max<long>(h.timeout_ms, secs * 1500 + 10000);
    }
    h.max_bytes = o.max_input;
    auto r = http_get(source, h);
    if (!r) return Error{r.error()};  // already names the URL
    if (r->status != 200) {
      std::string body = r->body.substr(0, 200);
      while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
      return Error{fmt::format("{}: HTTP status {}: {}", source, r->status, body)};
    }
    bytes = std::move(r->body);
  } else {
    auto r = read_file(source, o.max_input);
    if (!r) return Error{r.error()};
    bytes = std::move(r.value());
  }
  auto p = decode(std::move(bytes), o.limits);
  if (!p) return Error{fmt::format("{}: {}", source, p.error())};
  return p;
}

}  // namespace oomguard::pprof

namespace oomguard::pprof {

Result<Profile> load_for_report(const std::string& source, const std::string& base, bool diff_base,
                                const SourceOptions& o) {
  auto p = load_profile(source, o);
  if (!p) return p;
  Profile out = std::move(p.value());
  if (!base.empty()) {
    auto b = load_profile(base, o);
    if (!b) return b;
    if (diff_base) set_label(b.value(), "pprof::base", "true");
    scale(b.value(), -1);
    std::vector<Profile> both;
    both.push_back(std::move(out));
    both.push_back(std::move(b.value()));
    auto m = merge(std::move(both));
    if (!m) return Error{fmt::format("{}: {}", base, m.error())};
    out = std::move(m.value());
  } else if (needs_compaction(out)) {
    std::vector<Profile> one;
    one.push_back(std::move(out));
    auto m = merge(std::move(one));
    if (!m) return m;
    out = std::move(m.value());
  }
  auto pr = remove_uninteresting(out);
  if (!pr) return Error{fmt::format("{}: {}", source, pr.error())};
  return out;
}

}  // namespace oomguard::pprof
