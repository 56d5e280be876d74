#include "watch/trend.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace oomguard::watch {
namespace {

double median(std::vector<double>& v) {
  if (v.empty()) return 0;
  size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<ptrdiff_t>(mid), v.end());
  double m = v[mid];
  if (v.size() % 2 == 0) {
    double lo = *std::max_element(v.begin(), v.begin() + static_cast<ptrdiff_t>(mid));
    m = (m + lo) / 2;
  }
  return m;
}

}  // namespace

double theil_sen_slope(std::span<const double> x, std::span<const double> y) {
  std::vector<double> slopes;
  size_t n = std::min(x.size(), y.size());
  slopes.reserve(n * (n - (n > 0 ? 1 : 0)) / 2);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (x[j] != x[i]) slopes.push_back((y[j] - y[i]) / (x[j] - x[i]));
    }
  }
  return median(slopes);
}

double mann_kendall_p(std::span<const double> y) {
  size_t n = y.size();
  if (n < 3) return 1;
  double s = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) s += (y[j] > y[i]) - (y[j] < y[i]);
  }
  double nn = static_cast<double>(n);
  double var = nn * (nn - 1) * (2 * nn + 5) / 18;
  std::vector<double> sorted(y.begin(), y.end());
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && sorted[j] == sorted[i]) ++j;
    double t = static_cast<double>(j - i);
    var -= t * (t - 1) * (2 * t + 5) / 18;
    i = j;
  }
  if (var <= 0 || s <= 0) return 1;
  double z = (s - 1) / std::sqrt(var);
  return 0.5 * std::erfc(z / std::sqrt(2.0));
}

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
