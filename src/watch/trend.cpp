#include "watch/trend.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace oomguard::watch {

Trend analyze_trend(std::span<const double> x, std::span<const double> y) {
  Trend t;
  t.n = std::min(x.size(), y.size());
  if (t.n < 2) {
    if (t.n == 1) t.intercept = y[0];
    return t;
  }
  x = x.first(t.n);
  y = y.first(t.n);
  t.span = x.back() - x.front();
  t.slope = theil_sen_slope(x, y);
  // Level at the last point: the median of residual-corrected values.
  std::vector<double> lv;
  lv.reserve(t.n);
  for (size_t i = 0; i < t.n; ++i) lv.push_back(y[i] + t.slope * (x.back() - x[i]));
  t.intercept = median(lv);
  t.p = mann_kendall_p(y);
  t.growth = t.slope * t.span;
  size_t half = t.n / 2;
  if (t.n - half >= 3) {
    t.recent_slope = theil_sen_slope(x.subspan(half), y.subspan(half));
  }
  t.sustained = t.slope > 0 && t.recent_slope > 0 && t.recent_slope >= 0.5 * t.slope;
  return t;
}

double seconds_until(double level, double slope, double limit) {
  if (!(slope > 0) || !(limit > 0)) return std::numeric_limits<double>::infinity();
  if (level >= limit) return 0;
  return (limit - level) / slope;
}

void Series::add(double t, double v) {
  t_.push_back(t);
  v_.push_back(v);
  size_t drop = 0;
  while (drop < t_.size() && (t_.back() - t_[drop] > window_ || t_.size() - drop > max_)) ++drop;
  if (drop > 0) {
    t_.erase(t_.begin(), t_.begin() + static_cast<ptrdiff_t>(drop));
    v_.erase(v_.begin(), v_.begin() + static_cast<ptrdiff_t>(drop));
  }
}

void Series::clear() {
  t_.clear();
  v_.clear();
}

double Series::baseline() const {
  if (v_.empty()) return 0;
  size_t k = std::min(v_.size(), std::max<size_t>(3, v_.size() / 4));
  std::vector<double> first(v_.begin(), v_.begin() + static_cast<ptrdiff_t>(k));
  return median(first);
}

}  // namespace oomguard::watch
