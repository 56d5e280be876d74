// Robust statistics shared by the growth analysis of profile snapshots (pprof growth) and the
// live trend of a watched signal (watch): median, Theil-Sen slope, one-sided Mann-Kendall test.
#pragma once

#include <span>
#include <vector>

namespace oomguard {

// Median of v (reordered in place); the mean of the two middle values for an even count; 0 when
// empty.
double median(std::vector<double>& v);

// Median of the pairwise slopes (y[j]-y[i])/(x[j]-x[i]) over pairs with distinct x.
double theil_sen_slope(std::span<const double> x, std::span<const double> y);

// One-sided p-value of a Mann-Kendall test for an increasing trend (normal approximation with
// tie correction); 1 with fewer than three points or no increase.
double mann_kendall_p(std::span<const double> y);

}  // namespace oomguard
