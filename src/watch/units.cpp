#include "watch/units.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace oomguard::watch {

Result<double> parse_duration(std::string_view s) {
  std::string orig(s);
  if (s.empty()) return Error{"empty duration"};
  if (s.front() == '+') s.remove_prefix(1);
  if (!s.empty() && s.front() == '-') return Error{fmt::format("negative duration '{}'", orig)};
  if (s == "0") return 0.0;
  if (s.empty()) return Error{fmt::format("invalid duration '{}'", orig)};
  double total = 0;
  while (!s.empty()) {
    size_t i = 0;
    double whole = 0;
    bool digits = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      whole = whole * 10 + (s[i] - '0');
      ++i;
      digits = true;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      double scale = 0.1;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        whole += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
        digits = true;
      }
    }
    if (!digits) return Error{fmt::format("invalid duration '{}'", orig)};
    size_t u = i;
    while (u < s.size() && !(s[u] >= '0' && s[u] <= '9') && s[u] != '.') ++u;
    std::string_view unit = s.substr(i, u - i);
    double mult = 0;
    if (unit == "ns")
      mult = 1e-9;
    else if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs")
      mult = 1e-6;
    else if (unit == "ms")
      mult = 1e-3;
    else if (unit == "s")
      mult = 1;
    else if (unit == "m")
      mult = 60;
    else if (unit == "h")
      mult = 3600;
    else if (unit.empty())
      return Error{fmt::format("missing unit in duration '{}'", orig)};
    else
      return Error{fmt::format("unknown unit '{}' in duration '{}'", unit, orig)};
    total += whole * mult;
    s.remove_prefix(u);
  }
  if (!std::isfinite(total) || total > 1e12)
    return Error{fmt::format("duration '{}' too large", orig)};
  return total;
}

Result<uint64_t> parse_bytes(std::string_view s) {
  std::string orig(s);
  size_t i = 0;
  uint64_t v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    uint64_t d = static_cast<uint64_t>(s[i] - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) {
      return Error{fmt::format("size '{}' too large", orig)};
    }
    v = v * 10 + d;
    ++i;
  }
  if (i == 0) return Error{fmt::format("invalid size '{}' (want e.g. 512MiB or 1073741824)", orig)};
  std::string_view unit = s.substr(i);
  if (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  uint64_t mult = 1;
  if (unit.empty() || unit == "B")
    mult = 1;
  else if (unit == "KiB" || unit == "K" || unit == "k")
    mult = uint64_t{1} << 10;
  else if (unit == "MiB" || unit == "M")
    mult = uint64_t{1} << 20;
  else if (unit == "GiB" || unit == "G")
    mult = uint64_t{1} << 30;
  else if (unit == "TiB" || unit == "T")
    mult = uint64_t{1} << 40;
  else if (unit == "KB" || unit == "kB")
    mult = 1000;
  else if (unit == "MB")
    mult = 1000ull * 1000;
  else if (unit == "GB")
    mult = 1000ull * 1000 * 1000;
  else if (unit == "TB")
    mult = 1000ull * 1000 * 1000 * 1000;
  else
    return Error{fmt::format("unknown unit '{}' in size '{}'", unit, orig)};
  if (v != 0 && mult > std::numeric_limits<uint64_t>::max() / v) {
    return Error{fmt::format("size '{}' too large", orig)};
  }
  return v * mult;
}

std::string format_bytes(double b) {
  if (!std::isfinite(b)) return b > 0 ? "+Inf" : (b < 0 ? "-Inf" : "NaN");
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double a = std::fabs(b);
  int u = 0;
  while (a >= 1024 && u < 5) {
    a /= 1024;
    ++u;
  }
  double v = b < 0 ? -a : a;
  if (u == 0) return fmt::format("{:.0f} B", v);
  return fmt::format("{:.1f} {}", v, units[u]);
}

std::string format_duration(double s) {
  if (!std::isfinite(s)) return "never";
  if (s < 0) return "-" + format_duration(-s);
  if (s < 1) return fmt::format("{:.0f}ms", s * 1000);
  if (s < 60) return fmt::format("{:.1f}s", s);
  auto total = static_cast<int64_t>(std::llround(s));
  int64_t h = total / 3600, m = (total % 3600) / 60, sec = total % 60;
  if (h > 0) return fmt::format("{}h{}m", h, m);
  return fmt::format("{}m{}s", m, sec);
}

std::string format_number(double v) {
  if (!std::isfinite(v)) return v > 0 ? "+Inf" : (v < 0 ? "-Inf" : "NaN");
  if (std::fabs(v) >= 100 || v == std::floor(v)) return fmt::format("{:.0f}", v);
  if (std::fabs(v) >= 1) return fmt::format("{:.1f}", v);
  return fmt::format("{:.3f}", v);
}

}  // namespace oomguard::watch
