#include "core/stats.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace oomguard {

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

}  // namespace oomguard
