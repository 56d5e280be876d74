// Robust trend of one signal over a sliding window: Theil-Sen slope (median of pairwise
// slopes, insensitive to outliers and to a sawtooth's teeth), a one-sided Mann-Kendall test for
// an increase, and whether the growth is sustained (the recent half of the window still grows)
// rather than one step. Also the projection of time until a limit.
#pragma once

#include <cstddef>
#include <deque>
#include <span>
#include <vector>

#include "core/stats.h"

namespace oomguard::watch {

using oomguard::mann_kendall_p;  // one-sided p-value for an increasing trend
using oomguard::theil_sen_slope;

struct Trend {
  size_t n = 0;
  double span = 0;          // seconds covered
  double slope = 0;         // units per second (Theil-Sen)
  double intercept = 0;     // at x = last x (the fitted current level)
  double p = 1;             // Mann-Kendall, one-sided
  double growth = 0;        // slope x span
  double recent_slope = 0;  // Theil-Sen over the second half of the window
  bool sustained = false;   // recent_slope >= half of slope, both positive
};

Trend analyze_trend(std::span<const double> x, std::span<const double> y);

// Seconds until `level` growing at `slope` per second reaches `limit`; +Inf when not growing.
double seconds_until(double level, double slope, double limit);

// A time series bounded both in time span and in points (older points dropped first).
class Series {
 public:
  Series(double window_s, size_t max_points) : window_(window_s), max_(max_points) {}
  void add(double t, double v);
  void clear();
  [[nodiscard]] size_t size() const { return t_.size(); }
  [[nodiscard]] bool empty() const { return t_.empty(); }
  [[nodiscard]] double last() const { return v_.back(); }
  [[nodiscard]] double last_time() const { return t_.back(); }
  [[nodiscard]] std::span<const double> times() const { return t_; }
  [[nodiscard]] std::span<const double> values() const { return v_; }
  // The level the window started at: the median of its earliest quarter (at least 3 points).
  [[nodiscard]] double baseline() const;
  [[nodiscard]] Trend trend() const { return analyze_trend(t_, v_); }

 private:
  double window_;
  size_t max_;
  std::vector<double> t_, v_;
};

}  // namespace oomguard::watch
