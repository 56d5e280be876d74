// Trend and trigger logic on synthetic series sampled like the watcher does (every second, the
// detector evaluated after each sample with the default rules): a healthy sawtooth, noise and a
// one-off step must never alarm; a linear leak must be detected within a minute.
#include "watch/detector.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

#include "watch/trend.h"
#include "watch/watcher.h"

namespace oomguard::watch {
namespace {

constexpr double MiB = 1 << 20;

// Feeds f(t) for t = 0..seconds-1; returns the first second the detector declared a leak, or -1.
double first_leak(const TriggerRule& rule, double seconds, const std::function<double(double)>& f) {
  Series s(300, 600);
  Detector d(rule);
  for (double t = 0; t < seconds; t += 1) {
    s.add(t, f(t));
    if (d.evaluate(s, t).leak) return t;
  }
  return -1;
}

TEST(TheilSen, RobustToOutliers) {
  std::vector<double> x, y;
  for (int i = 0; i < 20; ++i) {
    x.push_back(i);
    y.push_back(2.0 * i + 1);
  }
  y[5] = 1000;
  y[12] = -1000;
  EXPECT_NEAR(theil_sen_slope(x, y), 2.0, 1e-9);
  EXPECT_LT(mann_kendall_p(y), 0.001);
  std::vector<double> flat(20, 3.0);
  EXPECT_EQ(mann_kendall_p(flat), 1);
}

TEST(Projection, SecondsUntilLimit) {
  EXPECT_DOUBLE_EQ(seconds_until(100, 10, 200), 10);
  EXPECT_TRUE(std::isinf(seconds_until(100, 0, 200)));
  EXPECT_TRUE(std::isinf(seconds_until(100, -1, 200)));
  EXPECT_TRUE(std::isinf(seconds_until(100, 1, 0)));
  EXPECT_DOUBLE_EQ(seconds_until(300, 1, 200), 0);
}

TEST(Series, WindowBoundsTimeAndPoints) {
  Series s(10, 5);
  for (int i = 0; i < 20; ++i) s.add(i, i);
  EXPECT_EQ(s.size(), 5u);
  EXPECT_EQ(s.times().front(), 15);
  Series w(3, 100);
  for (int i = 0; i < 20; ++i) w.add(i, i);
  EXPECT_EQ(w.times().front(), 16);
}

TEST(Detector, HealthySawtoothHeapAfterGCNeverAlarms) {
  WatchConfig c = default_config();
  std::mt19937 rng(1);
  std::normal_distribution<double> noise(0, 0.3 * MiB);
  // The raw heap climbs 10 -> 20 MiB and drops at each GC; after GC it is 10 MiB +- noise.
  EXPECT_EQ(first_leak(c.heap, 900, [&](double) { return 10 * MiB + noise(rng); }), -1);
}

TEST(Detector, RawSawtoothNeverAlarmsEither) {
  WatchConfig c = default_config();
  // Even fed the raw heap (what HeapAlloc shows), a sawtooth is flat on average.
  EXPECT_EQ(first_leak(c.heap, 900,
                       [](double t) { return 10 * MiB + 10 * MiB * std::fmod(t, 7.0) / 7.0; }),
            -1);
  // (A tooth longer than the trend's minimum span looks like a ramp while it lasts: that is why
  // watch never uses the raw heap as a signal, only the heap after GC.)
}

TEST(Detector, LinearHeapLeakFoundWithinAMinute) {
  WatchConfig c = default_config();
  std::mt19937 rng(2);
  std::normal_distribution<double> noise(0, 0.2 * MiB);
  // 0.2 MB/s on top of a 3 MiB live heap.
  double t = first_leak(c.heap, 120, [&](double s) { return 3 * MiB + 200e3 * s + noise(rng); });
  EXPECT_GE(t, 0);
  EXPECT_LE(t, 60);
}

TEST(Detector, StepIsNotALeak) {
  WatchConfig c = default_config();
  std::mt19937 rng(3);
  std::normal_distribution<double> noise(0, 0.1 * MiB);
  EXPECT_EQ(
      first_leak(c.heap, 600, [&](double t) { return (t < 30 ? 10 : 20) * MiB + noise(rng); }), -1);
  EXPECT_EQ(first_leak(c.goroutines, 600, [&](double t) { return t < 60 ? 150.0 : 400.0; }), -1);
}

TEST(Detector, WarmUpIsNotALeak) {
  WatchConfig c = default_config();
  // A cache filling up at start: fast growth that levels off.
  EXPECT_EQ(
      first_leak(c.heap, 600, [](double t) { return 2 * MiB + 30 * MiB * (1 - std::exp(-t / 8)); }),
      -1);
}

TEST(Detector, NoiseNeverAlarms) {
  WatchConfig c = default_config();
  for (unsigned seed = 10; seed < 20; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> heap(8 * MiB, 14 * MiB);
    std::uniform_real_distribution<double> gor(40, 260);
    EXPECT_EQ(first_leak(c.heap, 600, [&](double) { return heap(rng); }), -1) << seed;
    EXPECT_EQ(first_leak(c.goroutines, 600, [&](double) { return gor(rng); }), -1) << seed;
  }
}

TEST(Detector, GoroutineLeakFoundWithinAMinute) {
  WatchConfig c = default_config();
  std::mt19937 rng(4);
  std::uniform_real_distribution<double> inflight(0, 40);
  double t = first_leak(c.goroutines, 120, [&](double s) { return 20 + 5 * s + inflight(rng); });
  EXPECT_GE(t, 0);
  EXPECT_LE(t, 60);
}

TEST(Detector, MinKeepsSmallServicesQuiet) {
  WatchConfig c = default_config();
  // Growing, but from 5 to 60 goroutines: below --goroutine-min.
  EXPECT_EQ(first_leak(c.goroutines, 120, [](double s) { return 5 + s / 2; }), -1);
}

TEST(Detector, AbsFiresWithoutTrendAndCooldownLimitsCaptures) {
  TriggerRule r;
  r.min = 0;
  r.abs = 1000;
  r.cooldown_s = 60;
  r.confirm = 1;
  Series s(300, 600);
  Detector d(r);
  int fires = 0;
  for (double t = 0; t < 120; t += 1) {
    s.add(t, 5000);
    Evaluation e = d.evaluate(s, t);
    if (e.fire) {
      ++fires;
      d.fired(t);
    }
  }
  EXPECT_EQ(fires, 2);  // t=0 and t=60
  EXPECT_TRUE(d.leaking());
}

}  // namespace
}  // namespace oomguard::watch
