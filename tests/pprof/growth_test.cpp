#include "pprof/growth.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "pprof/decode.h"
#include "profile_writer.h"

namespace oomguard::pprof {
namespace {

using testing::encode;
using testing::WProfile;

constexpr int64_t kPeriod = 524288;

// A heap snapshot of functions runtime.mallocgc (0), main.leak (1), main.stable (2),
// main.noise (3), main.tiny (4), main.main (5); each stack is leaf..main.main.
Snapshot heap(int64_t t_sec, int64_t leak, int64_t stable, int64_t noise, int64_t tiny,
              const std::string& name) {
  WProfile w;
  w.sample_types = {{"alloc_objects", "count"},
                    {"alloc_space", "bytes"},
                    {"inuse_objects", "count"},
                    {"inuse_space", "bytes"}};
  w.period_type = {"space", "bytes"};
  w.period = kPeriod;
  w.time_nanos = 1700000000000000000 + t_sec * 1000000000;
  w.mapping_file = "/bin/app";
  const char* names[] = {"runtime.mallocgc", "main.leak", "main.stable",
                         "main.noise",       "main.tiny", "main.main"};
  for (int f = 0; f < 6; ++f) {
    w.functions.push_back({static_cast<uint64_t>(f + 1), names[f], "/src/app/main.go", 0});
    w.locations.push_back({static_cast<uint64_t>(f + 1),
                           1,
                           static_cast<uint64_t>(0x401000 + 16 * f),
                           {{static_cast<uint64_t>(f + 1), int64_t{10} * (f + 1)}}});
  }
  auto add = [&](std::vector<uint64_t> locs, int64_t bytes) {
    if (bytes == 0) return;
    w.samples.push_back({locs, {bytes / 1024, bytes, bytes / 1024, bytes}, {}, {}});
  };
  add({1, 2, 6}, leak);
  add({1, 3, 6}, stable);
  add({4, 6}, noise);
  add({5, 6}, tiny);
  auto p = decode(encode(w));
  EXPECT_TRUE(p.ok());
  return {name, std::move(p.value())};
}

std::vector<Snapshot> series(bool shuffled) {
  std::vector<Snapshot> s;
  int64_t noise[] = {8 * kPeriod,  12 * kPeriod, 7 * kPeriod,
                     13 * kPeriod, 9 * kPeriod,  11 * kPeriod};
  for (int i = 0; i < 6; ++i) {
    // leak: +10 periods per 30 s; tiny: a steady but negligible 1 KiB per step.
    s.push_back(heap(30 * i, (20 + 10 * i) * kPeriod, 50 * kPeriod, noise[i], 4096 + 1024 * i,
                     "snap" + std::to_string(i)));
  }
  if (shuffled) std::swap(s[1], s[4]), std::swap(s[0], s[5]);
  return s;
}

TEST(Growth, FindsTheGrowingStackOnly) {
  auto r = analyze_growth(series(true), GrowthOptions{});
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->sample_type, "inuse_space");
  EXPECT_EQ(r->order.front(), "snap0");  // ordered by time_nanos, not argument order
  EXPECT_EQ(r->order.back(), "snap5");
  EXPECT_EQ(r->stacks, 4u);
  ASSERT_EQ(r->suspects.size(), 1u) << format_growth_text(*r);
  const Suspect& s = r->suspects[0];
  EXPECT_DOUBLE_EQ(s.slope_per_minute, 20.0 * kPeriod);  // 10 periods per 30 s
  EXPECT_DOUBLE_EQ(s.share, 1.0);
  EXPECT_EQ(s.values.front(), 20 * kPeriod);
  EXPECT_EQ(s.values.back(), 70 * kPeriod);
  ASSERT_EQ(s.frames.size(), 3u);
  EXPECT_EQ(s.frames[s.key_frame].function, "main.leak");  // runtime frames skipped
  EXPECT_LT(s.mk_p, 0.01);
  std::string text = format_growth_text(*r);
  EXPECT_NE(text.find("#1 +10MB/min (100.0% of growth)"), std::string::npos) << text;
  EXPECT_NE(text.find("   at main.leak /src/app/main.go:20"), std::string::npos) << text;
  auto j = nlohmann::json::parse(format_growth_json(*r));
  EXPECT_EQ(j["suspects"][0]["key_frame"]["function"], "main.leak");
  EXPECT_EQ(j["rate_unit"], "bytes/min");
}

TEST(Growth, SampleIndexAndNoTime) {
  auto snaps = series(false);
  for (auto& s : snaps) s.profile.time_nanos = 0;
  GrowthOptions o;
  o.sample_index = "inuse_objects";
  auto r = analyze_growth(std::move(snaps), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->sample_type, "inuse_objects");
  ASSERT_FALSE(r->suspects.empty());
  EXPECT_EQ(r->suspects[0].frames[1].function, "main.leak");
  EXPECT_NE(format_growth_text(*r).find("/snapshot"), std::string::npos);
}

TEST(Growth, StableSeriesHasNoSuspects) {
  std::vector<Snapshot> s;
  for (int i = 0; i < 4; ++i) s.push_back(heap(10 * i, 5 * kPeriod, 50 * kPeriod, 0, 0, "s"));
  auto r = analyze_growth(std::move(s), GrowthOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->suspects.empty());
  EXPECT_NE(format_growth_text(*r).find("no stack grows"), std::string::npos);
}

TEST(Growth, Errors) {
  std::vector<Snapshot> one;
  one.push_back(heap(0, 1, 1, 1, 1, "a"));
  EXPECT_FALSE(analyze_growth(std::move(one), GrowthOptions{}).ok());
  auto s = series(false);
  GrowthOptions o;
  o.sample_index = "bogus";
  EXPECT_FALSE(analyze_growth(std::move(s), o).ok());
}

}  // namespace
}  // namespace oomguard::pprof
