#include "pprof/report.h"

#include <gtest/gtest.h>

#include "pprof/decode.h"
#include "pprof/measurement.h"
#include "pprof/transform.h"
#include "profile_writer.h"

namespace oomguard::pprof {
namespace {

using testing::encode;
using testing::simple_profile;
using testing::WProfile;

Profile load(const WProfile& w) {
  auto p = decode(encode(w));
  EXPECT_TRUE(p.ok()) << p.error();
  return std::move(p.value());
}

const TopRow* row(const TopReport& r, const std::string& name) {
  for (const auto& x : r.rows) {
    if (x.name == name) return &x;
  }
  return nullptr;
}

// Formatting rules from google/pprof internal/measurement (values as go tool pprof prints).
TEST(Measurement, ScaledLabels) {
  EXPECT_EQ(scaled_label(5242880, "bytes", "kB"), "5120kB");
  EXPECT_EQ(scaled_label(1651100, "bytes", "kB"), "1612.40kB");
  EXPECT_EQ(scaled_label(5242880, "bytes", "MB"), "5MB");
  EXPECT_EQ(scaled_label(0, "bytes", "MB"), "0");
  EXPECT_EQ(scaled_label(-1536, "bytes", "minimum"), "-1.50kB");
  EXPECT_EQ(scaled_label(1500000000, "nanoseconds", "auto"), "1.50s");
  EXPECT_EQ(scaled_label(802060000, "nanoseconds", "auto"), "802.06ms");
  EXPECT_EQ(scaled_label(40000000, "nanoseconds", "ms"), "40ms");
  EXPECT_EQ(scaled_label(7200LL * 1000000000, "nanoseconds", "auto"), "2hrs");
  EXPECT_EQ(scaled_label(11, "count", "count"), "11");
  EXPECT_EQ(scaled_label(3, "goroutine", "minimum"), "3");
  EXPECT_EQ(scale_value(100, "count", "minimum").second, "");
  EXPECT_EQ(scale_value(100, "widgets", "parsecs").second, "parsecs");
}

TEST(Measurement, Percentages) {
  EXPECT_EQ(percentage(1, 3), "33.33%");
  EXPECT_EQ(percentage(3, 3), "  100%");
  EXPECT_EQ(percentage(-9996, 10000), "  100%");
  EXPECT_EQ(percentage(0, 3), "    0%");
  EXPECT_EQ(percentage(1, 1000), "  0.1%");
  EXPECT_EQ(percentage(83, 100000), "0.083%");
  EXPECT_EQ(percentage(1, 10000000), "1e-05%");
  EXPECT_EQ(percentage(5, 0), "    0%");
}

TEST(Top, FlatCumAndRecursionCountedOnce) {
  // f0 <- f1 <- f2 (leaf first); the recursive stack visits f1 twice.
  auto p =
      load(simple_profile({{{0, 1, 2}, 300000000}, {{1, 1, 2}, 100000000}, {{2}, 600000000}}, 3));
  ReportOptions o;
  auto r = top_report(p, o);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->total, 1000000000);
  EXPECT_EQ(r->sample_type, "cpu");
  EXPECT_EQ(r->output_unit, "ms");
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0].name, "main.f2");  // sorted by flat
  EXPECT_EQ(r->rows[0].flat, 600000000);
  EXPECT_EQ(r->rows[0].cum, 1000000000);
  EXPECT_EQ(r->rows[0].flat_text, "600ms");
  EXPECT_EQ(r->rows[0].cum_pct, "  100%");
  const TopRow* f1 = row(*r, "main.f1");
  ASSERT_NE(f1, nullptr);
  EXPECT_EQ(f1->flat, 100000000);
  EXPECT_EQ(f1->cum, 400000000);  // not 500ms: once per sample
  EXPECT_EQ(r->rows.back().sum_pct, "  100%");
  std::string text = format_top_text(*r);
  EXPECT_NE(text.find("      flat  flat%   sum%        cum   cum%\n"), std::string::npos);
  EXPECT_NE(text.find("     600ms 60.00% 60.00%     1000ms   100%  main.f2\n"), std::string::npos)
      << text;

  o.cum_sort = true;
  r = top_report(p, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0].name, "main.f2");
  EXPECT_EQ(r->rows[1].name, "main.f1");
}

TEST(Top, DropsNodesUnderTheNodeFraction) {
  std::vector<std::pair<std::vector<int>, int64_t>> stacks{{{0, 2}, 990000000}, {{1, 2}, 4000000}};
  auto p = load(simple_profile(stacks, 3));
  auto r = top_report(p, ReportOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->dropped_nodes, 1);
  EXPECT_EQ(row(*r, "main.f1"), nullptr);
  bool found = false;
  for (const auto& l : r->labels) found = found || l == "Dropped 1 node (cum <= 4.97ms)";
  EXPECT_TRUE(found) << format_top_text(*r);
  // f1's flat is lost (its sample now ends in a dropped node) but f2's cum keeps it.
  EXPECT_EQ(row(*r, "main.f2")->cum, 994000000);
}

TEST(Top, InlineLabels) {
  WProfile w = simple_profile({}, 3);
  // Location 10: f0 inlined into f1; location 2: f1 alone (not inlined).
  w.locations.push_back({10, 1, 0x409000, {{1, 3}, {2, 7}}});
  w.samples.push_back({{10, 3}, {1, 10}, {}, {}});
  w.samples.push_back({{2, 3}, {1, 10}, {}, {}});
  auto r = top_report(load(w), ReportOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "main.f0")->inline_label, "(inline)");
  EXPECT_EQ(row(*r, "main.f1")->inline_label, "");
  ReportOptions o;
  o.noinlines = true;
  r = top_report(load(w), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "main.f0"), nullptr);
}

TEST(Top, GranularityNames) {
  WProfile w = simple_profile({{{0, 1}, 10000000}}, 2);
  w.functions[0].file = "/src/./app/../app/main.go";
  ReportOptions o;
  o.granularity = Granularity::kLines;
  auto r = top_report(load(w), o);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(row(*r, "main.f0 /src/app/main.go:10"), nullptr) << format_top_text(*r);
  o.granularity = Granularity::kFileFunctions;
  r = top_report(load(w), o);
  EXPECT_NE(row(*r, "main.f0 /src/app/main.go"), nullptr);
  o.granularity = Granularity::kFiles;
  r = top_report(load(w), o);
  ASSERT_EQ(r->rows.size(), 1u);  // both functions live in one file
  EXPECT_EQ(r->rows[0].name, "/src/app/main.go");
  EXPECT_EQ(r->rows[0].flat, 10000000);
}

TEST(Top, FocusIgnoreHide) {
  auto p = load(simple_profile({{{0, 2}, 10000000}, {{1, 2}, 30000000}}, 3));
  ReportOptions o;
  o.focus = "f0";
  auto r = top_report(p, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 40000000);  // percentages stay relative to the whole profile
  EXPECT_EQ(row(*r, "main.f1"), nullptr);
  EXPECT_EQ(row(*r, "main.f2")->cum, 10000000);
  EXPECT_EQ(r->labels[r->labels.size() - 2], "   focus=f0");
  o = {};
  o.ignore = "f0";
  r = top_report(p, o);
  EXPECT_EQ(row(*r, "main.f0"), nullptr);
  EXPECT_EQ(row(*r, "main.f2")->cum, 30000000);
  o = {};
  o.hide = "f[01]";
  r = top_report(p, o);
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].name, "main.f2");
  EXPECT_EQ(r->rows[0].flat, 40000000);  // hidden leaves hand their flat to the caller
  o = {};
  o.focus = "(";
  EXPECT_FALSE(top_report(p, o).ok());
}

TEST(Top, BaseAndDiffBase) {
  auto cur = load(simple_profile({{{0, 2}, 50000000}, {{1, 2}, 30000000}}, 3));
  auto base = load(simple_profile({{{0, 2}, 20000000}, {{1, 2}, 30000000}}, 3));
  Profile b = base;
  scale(b, -1);
  std::vector<Profile> v;
  v.push_back(cur);
  v.push_back(b);
  auto merged = merge(std::move(v));
  ASSERT_TRUE(merged.ok()) << merged.error();
  EXPECT_EQ(merged->num_samples(), 1u);  // f1's stack cancelled out
  auto r = top_report(*merged, ReportOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 30000000);
  EXPECT_EQ(row(*r, "main.f0")->flat, 30000000);

  Profile d = base;
  set_label(d, "pprof::base", "true");
  scale(d, -1);
  v.clear();
  v.push_back(cur);
  v.push_back(d);
  merged = merge(std::move(v));
  ASSERT_TRUE(merged.ok());
  r = top_report(*merged, ReportOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 50000000);  // the base's total
  EXPECT_EQ(row(*r, "main.f0")->flat_pct, "60.00%");
  EXPECT_EQ(row(*r, "main.f1"), nullptr);  // +30 -30
}

TEST(Top, MergeRejectsDifferentTypes) {
  auto cpu = load(simple_profile({{{0}, 10000000}}, 1));
  WProfile w = simple_profile({{{0}, 10000000}}, 1);
  w.sample_types[1] = {"alloc_space", "bytes"};
  std::vector<Profile> v;
  v.push_back(cpu);
  v.push_back(load(w));
  auto m = merge(std::move(v));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().find("incompatible sample types"), std::string::npos);
}

TEST(Top, JsonFormat) {
  auto r = top_report(load(simple_profile({{{0}, 10000000}}, 1)), ReportOptions{});
  ASSERT_TRUE(r.ok());
  std::string j = format_top_json(*r);
  EXPECT_NE(j.find("\"name\": \"main.f0\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"flat\": 10000000"), std::string::npos);
}

TEST(Transform, CleanPath) {
  EXPECT_EQ(clean_path("/a/./b/../c//d/"), "/a/c/d");
  EXPECT_EQ(clean_path("../x/../../y"), "../../y");
  EXPECT_EQ(clean_path("/.."), "/");
  EXPECT_EQ(clean_path(""), ".");
}

}  // namespace
}  // namespace oomguard::pprof
