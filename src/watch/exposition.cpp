#include "watch/exposition.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace oomguard::watch {

const std::string* MetricSample::label(std::string_view key) const {
  for (const auto& [k, v] : labels) {
    if (k == key) return &v;
  }
  return nullptr;
}

const MetricSample* Exposition::find(
    std::string_view name, const std::vector<std::pair<std::string, std::string>>& match) const {
  for (const auto& s : samples) {
    if (s.name != name) continue;
    bool ok = true;
    for (const auto& [k, v] : match) {
      const std::string* got = s.label(k);
      if (got == nullptr || *got != v) {
        ok = false;
        break;
      }
    }
    if (ok) return &s;
  }
  return nullptr;
}

namespace {

bool name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

class LineParser {
 public:
  LineParser(std::string_view line, size_t lineno) : s_(line), lineno_(lineno) {}

  Error err(std::string_view msg) const { return Error{fmt::format("line {}: {}", lineno_, msg)}; }
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }

  bool name(std::string& out) {
    size_t b = i_;
    if (i_ >= s_.size() || !name_start(s_[i_])) return false;
    while (i_ < s_.size() && name_char(s_[i_])) ++i_;
    out.assign(s_.substr(b, i_ - b));
    return true;
  }

  // A double-quoted string with \\ \" \n escapes (other escapes are kept verbatim, as
  // Prometheus does).
  bool quoted(std::string& out) {
    if (peek() != '"') return false;
    ++i_;
    out.clear();
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return true;
      if (c == '\\' && i_ < s_.size()) {
        char e = s_[i_++];
        if (e == 'n')
          out += '\n';
        else if (e == '\\')
          out += '\\';
        else if (e == '"')
          out += '"';
        else {
          out += '\\';
          out += e;
        }
        continue;
      }
      out += c;
    }
    return false;
  }

  std::string_view token() {
    size_t b = i_;
    while (i_ < s_.size() && s_[i_] != ' ' && s_[i_] != '\t') ++i_;
    return s_.substr(b, i_ - b);
  }

  std::string_view rest() const { return s_.substr(std::min(i_, s_.size())); }
  void advance(size_t n) { i_ += n; }

 private:
  std::string_view s_;
  size_t i_ = 0;
  size_t lineno_;
};

bool parse_float(std::string_view t, double& out) {
  if (t.empty()) return false;
  bool neg = false;
  if (t.front() == '+' || t.front() == '-') {
    neg = t.front() == '-';
    t.remove_prefix(1);
  }
  if (t == "Inf" || t == "inf" || t == "INF" || t == "Infinity") {
    out = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (t == "NaN" || t == "nan" || t == "NAN") {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (t.empty() || !((t.front() >= '0' && t.front() <= '9') || t.front() == '.')) return false;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  if (ec == std::errc::result_out_of_range) {
    out = std::numeric_limits<double>::infinity();
  } else if (ec != std::errc() || p != t.data() + t.size()) {
    return false;
  }
  if (neg) out = -out;
  return true;
}

}  // namespace

Result<Exposition> parse_exposition(std::string_view text, const ExpositionLimits& lim) {
  Exposition e;
  size_t lineno = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    LineParser p(line, lineno);
    p.skip_ws();
    if (p.at_end()) continue;
    if (p.peek() == '#') {
      p.advance(1);
      p.skip_ws();
      std::string_view kw = p.token();
      if (kw == "EOF") break;
      if (kw != "HELP" && kw != "TYPE") continue;
      p.skip_ws();
      std::string fam;
      if (!p.name(fam)) {
        std::string q;
        if (!p.quoted(q)) continue;  // a malformed comment is still only a comment
        fam = q;
      }
      p.skip_ws();
      std::string_view rest = p.rest();
      if (kw == "TYPE") {
        e.types[fam] = std::string(rest);
      } else {
        std::string h;
        for (size_t i = 0; i < rest.size(); ++i) {
          if (rest[i] == '\\' && i + 1 < rest.size() &&
              (rest[i + 1] == 'n' || rest[i + 1] == '\\')) {
            h += rest[i + 1] == 'n' ? '\n' : '\\';
            ++i;
          } else {
            h += rest[i];
          }
        }
        e.help[fam] = std::move(h);
      }
      continue;
    }
    if (e.samples.size() >= lim.max_samples) {
      return p.err(fmt::format("more than {} samples", lim.max_samples));
    }
    MetricSample s;
    bool named = p.name(s.name);
    if (!named && p.peek() != '{') return p.err("expected a metric name");
    if (p.peek() == '{') {
      p.advance(1);
      bool first = true;
      while (true) {
        p.skip_ws();
        if (p.peek() == '}') {
          p.advance(1);
          break;
        }
        if (p.at_end()) return p.err("unterminated label set");
        std::string key;
        if (p.peek() == '"') {
          // Prometheus 3 quoted UTF-8 names: the metric name as the first bare string, or a
          // quoted label name before '='.
          std::string q;
          if (!p.quoted(q)) return p.err("unterminated quoted name");
          p.skip_ws();
          if (p.peek() != '=') {
            if (!first || named) return p.err("quoted metric name must come first");
            s.name = std::move(q);
            named = true;
            first = false;
            p.skip_ws();
            if (p.peek() == ',') p.advance(1);
            continue;
          }
          key = std::move(q);
        } else if (!p.name(key)) {
          return p.err("expected a label name");
        }
        first = false;
        p.skip_ws();
        if (p.peek() != '=') return p.err(fmt::format("expected '=' after label {}", key));
        p.advance(1);
        p.skip_ws();
        std::string val;
        if (!p.quoted(val)) return p.err(fmt::format("label {}: expected a quoted value", key));
        if (s.labels.size() >= lim.max_labels) return p.err("too many labels");
        s.labels.emplace_back(std::move(key), std::move(val));
        p.skip_ws();
        if (p.peek() == ',') {
          p.advance(1);
        } else if (p.peek() != '}') {
          return p.err("expected ',' or '}' in label set");
        }
      }
    }
    if (!named) return p.err("sample without a metric name");
    p.skip_ws();
    std::string_view vt = p.token();
    if (!parse_float(vt, s.value)) return p.err(fmt::format("invalid value '{}'", vt));
    p.skip_ws();
    if (!p.at_end() && p.peek() != '#') {  // '#' = OpenMetrics exemplar
      std::string_view ts = p.token();
      int64_t t = 0;
      auto [ptr, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), t);
      if (ec == std::errc() && ptr == ts.data() + ts.size()) {
        s.timestamp_ms = t;
      } else {
        double d = 0;  // OpenMetrics timestamps are float seconds
        if (!parse_float(ts, d) || !std::isfinite(d) || std::fabs(d) > 9.2e15) {
          return p.err(fmt::format("invalid timestamp '{}'", ts));
        }
        s.timestamp_ms = static_cast<int64_t>(d * 1000);
      }
      p.skip_ws();
      if (!p.at_end() && p.peek() != '#') return p.err("unexpected text after the timestamp");
    }
    e.samples.push_back(std::move(s));
  }
  return e;
}

RuntimeStats stats_from_exposition(const Exposition& e) {
  RuntimeStats r;
  auto get = [&](std::string_view name) -> std::optional<double> {
    const MetricSample* s = e.find(name);
    if (s == nullptr || std::isnan(s->value)) return std::nullopt;
    return s->value;
  };
  r.goroutines = get("go_goroutines");
  if (!r.goroutines) r.goroutines = get("go_sched_goroutines_goroutines");
  r.heap_alloc = get("go_memstats_heap_alloc_bytes");
  r.heap_inuse = get("go_memstats_heap_inuse_bytes");
  r.heap_sys = get("go_memstats_heap_sys_bytes");
  r.heap_released = get("go_memstats_heap_released_bytes");
  r.sys = get("go_memstats_sys_bytes");
  r.next_gc = get("go_memstats_next_gc_bytes");
  if (!r.next_gc) r.next_gc = get("go_gc_heap_goal_bytes");
  r.heap_live = get("go_gc_heap_live_bytes");
  r.total_alloc = get("go_memstats_alloc_bytes_total");
  r.num_gc = get("go_gc_duration_seconds_count");
  if (!r.num_gc) r.num_gc = get("go_gc_cycles_total_gc_cycles_total");
  if (auto last = get("go_memstats_last_gc_time_seconds")) r.last_gc_ns = *last * 1e9;
  r.gogc = get("go_gc_gogc_percent");
  r.gomemlimit = get("go_gc_gomemlimit_bytes");
  r.rss = get("process_resident_memory_bytes");
  r.process_start = get("process_start_time_seconds");
  return r;
}

std::string escape_label_value(std::string_view v) {
  std::string o;
  o.reserve(v.size());
  for (char c : v) {
    if (c == '\\')
      o += "\\\\";
    else if (c == '"')
      o += "\\\"";
    else if (c == '\n')
      o += "\\n";
    else
      o += c;
  }
  return o;
}

std::string escape_help(std::string_view v) {
  std::string o;
  for (char c : v) {
    if (c == '\\')
      o += "\\\\";
    else if (c == '\n')
      o += "\\n";
    else
      o += c;
  }
  return o;
}

std::string format_metric_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{:.0f}", v);
  return fmt::format("{}", v);
}

}  // namespace oomguard::watch
