// Triggers in the manner of holmes (min / diff / abs with a cooldown), made safe for signals
// that oscillate: a rule holds when the fitted current level is at least `min` and either above
// `abs`, or `diff` percent above the window's baseline with a significant, sustained upward
// trend (Theil-Sen slope, Mann-Kendall p, recent half still growing). A leak is declared when
// the rule holds on `confirm` consecutive samples; a capture fires at most once per cooldown.
#pragma once

#include <cstddef>
#include <limits>
#include <string>

#include "watch/trend.h"

namespace oomguard::watch {

struct TriggerRule {
  double min = 0;          // level below which nothing fires (units of the signal)
  double diff_pct = 25;    // growth over the window's baseline, percent
  double abs = 0;          // level that fires regardless of trend; 0 = off
  double cooldown_s = 60;  // between captures
  double max_p = 0.01;     // Mann-Kendall significance
  size_t min_points = 8;   // samples in the window before a trend counts
  double min_span_s = 20;  // and the time they must cover (a start-up warm-up is not a trend)
  int confirm = 3;         // consecutive samples
};

struct Evaluation {
  Trend trend;
  double level = 0;  // fitted current level (or the last value with few points)
  double baseline = 0;
  bool trending = false;  // significant sustained growth
  bool holds = false;     // the rule holds on this sample
  bool leak = false;      // held `confirm` times in a row (latched by the detector)
  bool fire = false;      // capture now (rule holds and the cooldown has passed)
  std::string reason;
};

class Detector {
 public:
  explicit Detector(TriggerRule r) : r_(r) {}
  Evaluation evaluate(const Series& s, double now);
  void fired(double now) { last_fire_ = now; }
  void reset_streak() { streak_ = 0; }
  [[nodiscard]] bool leaking() const { return leaking_; }
  [[nodiscard]] const Evaluation& last() const { return last_; }
  [[nodiscard]] const Evaluation& at_detection() const { return detected_; }
  [[nodiscard]] const TriggerRule& rule() const { return r_; }

 private:
  TriggerRule r_;
  int streak_ = 0;
  bool leaking_ = false;
  double last_fire_ = -std::numeric_limits<double>::infinity();
  Evaluation last_;
  Evaluation detected_;
};

}  // namespace oomguard::watch
