#include "pprof/growth.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>
#include <unordered_map>

#include "core/stats.h"
#include "pprof/measurement.h"

namespace oomguard::pprof {
namespace {

struct StackSeries {
  std::vector<GrowthFrame> frames;
  std::vector<int64_t> values;
};

std::string stack_key(const std::vector<Frame>& frames) {
  std::string k;
  for (const auto& f : frames) {
    k += f.function;
    k += '\x1f';
    k += f.file;
    k += '\x1f';
    k += std::to_string(f.line);
    if (f.function.empty()) k += fmt::format("@{:x}", f.address);
    k += '\x1e';
  }
  return k;
}

bool is_runtime_frame(std::string_view fn) { return fn.rfind("runtime.", 0) == 0 || fn.empty(); }

}  // namespace

Result<GrowthReport> analyze_growth(std::vector<Snapshot> snaps, const GrowthOptions& o) {
  if (snaps.size() < 2) return Error{"growth needs at least two snapshots"};
  // Time order: by time_nanos when every snapshot has one, else the given order.
  bool timed = std::all_of(snaps.begin(), snaps.end(),
                           [](const Snapshot& s) { return s.profile.time_nanos != 0; });
  if (timed) {
    std::stable_sort(snaps.begin(), snaps.end(), [](const Snapshot& a, const Snapshot& b) {
      return a.profile.time_nanos < b.profile.time_nanos;
    });
    timed = snaps.back().profile.time_nanos > snaps.front().profile.time_nanos;
  }
  GrowthReport r;
  std::string name = o.sample_index;
  if (name.empty()) {
    for (const auto& st : snaps[0].profile.sample_types) {
      if (st.type == "inuse_space") name = "inuse_space";
    }
  }
  std::vector<size_t> idx;
  for (const auto& s : snaps) {
    std::string err;
    int i = sample_index(s.profile, name, &err);
    if (i < 0) return Error{fmt::format("{}: {}", s.name, err)};
    const auto& st = s.profile.sample_types[static_cast<size_t>(i)];
    if (r.sample_type.empty()) {
      r.sample_type = std::string(st.type);
      r.unit = std::string(st.unit);
    } else if (st.type != r.sample_type || st.unit != r.unit) {
      return Error{fmt::format("{}: sample type {}/{} differs from {}/{}", s.name, st.type, st.unit,
                               r.sample_type, r.unit)};
    }
    idx.push_back(static_cast<size_t>(i));
    r.period = std::max(r.period, s.profile.period);
  }
  size_t n = snaps.size();
  std::vector<double> x(n);
  for (size_t i = 0; i < n; ++i) {
    r.order.push_back(snaps[i].name);
    x[i] =
        timed ? static_cast<double>(snaps[i].profile.time_nanos - snaps[0].profile.time_nanos) / 1e9
              : static_cast<double>(i);
    r.seconds.push_back(timed ? x[i] : 0);
  }

  std::unordered_map<std::string, size_t> by_key;
  std::vector<StackSeries> series;
  std::vector<Frame> frames;
  for (size_t i = 0; i < n; ++i) {
    const Profile& p = snaps[i].profile;
    size_t nv = p.num_values();
    for (size_t s = 0; s < p.num_samples(); ++s) {
      int64_t v = p.values[s * nv + idx[i]];
      if (v == 0) continue;
      expand_frames(p, s, frames);
      auto [it, inserted] = by_key.try_emplace(stack_key(frames), series.size());
      if (inserted) {
        StackSeries ss;
        for (const auto& f : frames) {
          ss.frames.push_back({std::string(f.function), std::string(f.file), f.line});
        }
        ss.values.assign(n, 0);
        series.push_back(std::move(ss));
      }
      series[it->second].values[i] = add_wrap(series[it->second].values[i], v);
    }
  }
  r.stacks = series.size();

  // Sampling noise: a heap stack's growth below one sampling period (bytes) is not significant.
  double noise = (r.unit == "bytes" && r.period > 1) ? static_cast<double>(r.period) : 1.0;
  double span = x.back() - x.front();
  std::vector<Suspect> growing;
  for (auto& ss : series) {
    std::vector<double> y(ss.values.begin(), ss.values.end());
    double slope = theil_sen_slope(x, y);
    if (slope <= 0) continue;
    Suspect s;
    s.values = ss.values;
    s.growth = slope * span;
    s.slope_per_minute = timed ? slope * 60 : slope;
    size_t up = 0;
    for (size_t i = 0; i + 1 < n; ++i) up += y[i + 1] >= y[i] ? 1 : 0;
    s.monotone = static_cast<double>(up) / static_cast<double>(n - 1);
    s.mk_p = mann_kendall_p(y);
    if (s.monotone < o.min_monotone) continue;
    if (n >= 4 && s.mk_p > o.max_p_value) continue;
    if (s.growth <= noise || y.back() - y.front() <= noise) continue;
    s.frames = std::move(ss.frames);
    s.key_frame = 0;
    for (size_t k = 0; k < s.frames.size(); ++k) {
      if (!is_runtime_frame(s.frames[k].function)) {
        s.key_frame = k;
        break;
      }
    }
    growing.push_back(std::move(s));
  }
  for (const auto& s : growing) r.total_growth += s.growth;
  for (auto& s : growing) s.share = r.total_growth > 0 ? s.growth / r.total_growth : 0;
  std::sort(growing.begin(), growing.end(), [](const Suspect& a, const Suspect& b) {
    if (a.slope_per_minute != b.slope_per_minute) return a.slope_per_minute > b.slope_per_minute;
    return a.values.back() > b.values.back();
  });
  for (auto& s : growing) {
    if (s.share < o.min_share) continue;
    if (static_cast<int>(r.suspects.size()) >= o.max_suspects) break;
    r.suspects.push_back(std::move(s));
  }
  return r;
}

namespace {

std::string fmt_value(double v, const std::string& unit) {
  return scaled_label(static_cast<int64_t>(std::llround(v)), unit, "auto");
}

std::string rate_suffix(const GrowthReport& r) {
  bool timed = r.seconds.size() > 1 && r.seconds.back() > 0;
  return timed ? "/min" : "/snapshot";
}

}  // namespace

std::string format_growth_text(const GrowthReport& r) {
  std::string out;
  bool timed = r.seconds.size() > 1 && r.seconds.back() > 0;
  out += fmt::format("{} across {} snapshots", r.sample_type, r.order.size());
  if (timed) out += fmt::format(" over {:.1f}s", r.seconds.back());
  out += fmt::format(" ({} stacks, sampling period {}): ", r.stacks, r.period);
  if (r.suspects.empty()) {
    out += "no stack grows consistently beyond sampling noise\n";
    return out;
  }
  out += fmt::format("{} growing stack{}, total growth {}\n", r.suspects.size(),
                     r.suspects.size() == 1 ? "" : "s", fmt_value(r.total_growth, r.unit));
  int rank = 0;
  for (const auto& s : r.suspects) {
    ++rank;
    out += fmt::format("\n#{} +{}{} ({:.1f}% of growth): {} -> {}, non-decreasing {:.0f}%", rank,
                       fmt_value(s.slope_per_minute, r.unit), rate_suffix(r), s.share * 100,
                       fmt_value(static_cast<double>(s.values.front()), r.unit),
                       fmt_value(static_cast<double>(s.values.back()), r.unit), s.monotone * 100);
    if (r.order.size() >= 4) out += fmt::format(", trend p={:.3g}", s.mk_p);
    out += '\n';
    if (!s.frames.empty()) {
      const auto& k = s.frames[s.key_frame];
      out += fmt::format("   at {} {}:{}\n", k.function, k.file, k.line);
    }
    size_t shown = 0;
    for (const auto& f : s.frames) {
      if (++shown > 12) {
        out += fmt::format("      ... {} more frames\n", s.frames.size() - 12);
        break;
      }
      out += fmt::format("      {} {}:{}\n", f.function.empty() ? "?" : f.function, f.file, f.line);
    }
  }
  return out;
}

std::string format_growth_json(const GrowthReport& r) {
  nlohmann::json j;
  j["sample_type"] = r.sample_type;
  j["unit"] = r.unit;
  j["period"] = r.period;
  j["snapshots"] = r.order;
  j["seconds"] = r.seconds;
  j["stacks"] = r.stacks;
  j["total_growth"] = r.total_growth;
  j["rate_unit"] = r.unit + rate_suffix(r);
  auto arr = nlohmann::json::array();
  for (const auto& s : r.suspects) {
    nlohmann::json js;
    js["rate"] = s.slope_per_minute;
    js["growth"] = s.growth;
    js["share"] = s.share;
    js["values"] = s.values;
    js["non_decreasing"] = s.monotone;
    js["trend_p"] = s.mk_p;
    auto frames = nlohmann::json::array();
    for (const auto& f : s.frames) {
      frames.push_back({{"function", f.function}, {"file", f.file}, {"line", f.line}});
    }
    js["frames"] = std::move(frames);
    if (!s.frames.empty()) js["key_frame"] = js["frames"][s.key_frame];
    arr.push_back(std::move(js));
  }
  j["suspects"] = std::move(arr);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace oomguard::pprof
