#include "watch/detector.h"

#include <fmt/format.h>

#include <algorithm>

namespace oomguard::watch {

Evaluation Detector::evaluate(const Series& s, double now) {
  Evaluation e;
  if (s.empty()) {
    last_ = e;
    return e;
  }
  e.trend = s.trend();
  e.baseline = s.baseline();
  e.level = e.trend.n >= r_.min_points ? std::max(e.trend.intercept, 0.0) : s.last();
  bool over_min = e.level >= r_.min;
  bool abs_hit = r_.abs > 0 && e.level >= r_.abs && s.last() >= r_.abs;
  double base = std::max(e.baseline, 1.0);
  double need = base * r_.diff_pct / 100;
  e.trending = e.trend.n >= r_.min_points && e.trend.span >= r_.min_span_s && e.trend.slope > 0 &&
               e.trend.p <= r_.max_p && e.trend.sustained;
  bool diff_hit = e.trend.growth >= need && e.level - e.baseline >= need;
  e.holds = over_min && (abs_hit || (diff_hit && e.trending));
  if (abs_hit) {
    e.reason = fmt::format("level {:.0f} is above the absolute threshold {:.0f}", e.level, r_.abs);
  } else if (e.holds) {
    e.reason = fmt::format("grew {:.0f} ({:.0f}%) over {:.0f}s at {:.4g}/s, trend p={:.2g}",
                           e.trend.growth, 100 * e.trend.growth / base, e.trend.span, e.trend.slope,
                           e.trend.p);
  }
  streak_ = e.holds ? streak_ + 1 : 0;
  if (streak_ >= r_.confirm && !leaking_) {
    leaking_ = true;
    e.leak = true;
    detected_ = e;
  }
  e.leak = leaking_;
  e.fire = e.holds && streak_ >= r_.confirm && now - last_fire_ >= r_.cooldown_s;
  last_ = e;
  return e;
}

}  // namespace oomguard::watch
