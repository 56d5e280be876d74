#include "report/printers.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace oomguard::report {
namespace {

std::vector<Finding> sample() {
  Finding a;
  a.file = "pkg/a.go";
  a.pos = {100, 12, 3};
  a.end = {120, 12, 23};
  a.rule = "defer-in-loop";
  a.severity = Severity::kWarning;
  a.message = "defer f.Close() in a loop keeps every file open until readAll returns";
  a.suggestion = "close it in the loop body";
  a.related.push_back({"pkg/a.go", {80, 10, 2}, "the loop"});
  Finding b;
  b.file = "pkg/b,c.go";
  b.pos = {5, 1, 1};
  b.rule = "alloc-in-loop";
  b.severity = Severity::kInfo;
  b.message = "100% of\nthe time";
  return {a, b};
}

TEST(Printers, TextIsGoVetStyle) {
  EXPECT_EQ(render_text(sample()),
            "pkg/a.go:12:3: defer f.Close() in a loop keeps every file open until readAll "
            "returns (defer-in-loop)\n"
            "pkg/b,c.go:1:1: 100% of\nthe time (alloc-in-loop)\n");
}

TEST(Printers, JsonHasEveryField) {
  auto j = nlohmann::json::parse(render_json(sample()));
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2U);
  EXPECT_EQ(j[0]["file"], "pkg/a.go");
  EXPECT_EQ(j[0]["line"], 12);
  EXPECT_EQ(j[0]["col"], 3);
  EXPECT_EQ(j[0]["end_line"], 12);
  EXPECT_EQ(j[0]["end_col"], 23);
  EXPECT_EQ(j[0]["rule"], "defer-in-loop");
  EXPECT_EQ(j[0]["severity"], "warning");
  EXPECT_EQ(j[0]["suggestion"], "close it in the loop body");
  EXPECT_EQ(j[0]["related"][0]["line"], 10);
  EXPECT_EQ(j[1]["severity"], "info");
  EXPECT_EQ(j[1]["end_line"], 1);  // unknown end: the start
}

TEST(Printers, SarifIsVersion210WithRulesAndFingerprints) {
  PrintContext ctx;
  ctx.tool_version = "0.1.0";
  ctx.rules = {{"alloc-in-loop", "large allocation in a loop", Severity::kInfo, 0, 0, "", {}},
               {"defer-in-loop", "defer inside a loop", Severity::kWarning, 0, 0, "# doc", {}}};
  auto j = nlohmann::json::parse(render_sarif(sample(), ctx));
  EXPECT_EQ(j["version"], "2.1.0");
  EXPECT_TRUE(j.contains("$schema"));
  const auto& run = j["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "oomguard");
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 2U);
  EXPECT_EQ(run["tool"]["driver"]["rules"][1]["help"]["markdown"], "# doc");
  const auto& r0 = run["results"][0];
  EXPECT_EQ(r0["ruleId"], "defer-in-loop");
  EXPECT_EQ(r0["ruleIndex"], 1);
  EXPECT_EQ(r0["level"], "warning");
  const auto& reg = r0["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(reg["startLine"], 12);
  EXPECT_EQ(reg["startColumn"], 3);
  EXPECT_EQ(reg["endColumn"], 23);
  EXPECT_EQ(r0["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "pkg/a.go");
  EXPECT_EQ(r0["relatedLocations"][0]["message"]["text"], "the loop");
  EXPECT_FALSE(r0["partialFingerprints"].empty());
  EXPECT_EQ(run["results"][1]["level"], "note");
}

TEST(Printers, FingerprintIgnoresLineMoves) {
  auto v = sample();
  Finding moved = v[0];
  moved.pos.line += 40;
  EXPECT_EQ(fingerprint(v[0]), fingerprint(moved));
  EXPECT_NE(fingerprint(v[0]), fingerprint(v[1]));
}

TEST(Printers, GithubAnnotationsEscape) {
  auto out = render_github(sample());
  EXPECT_NE(out.find("::warning file=pkg/a.go,line=12,col=3,endLine=12,endColumn=23,"
                     "title=defer-in-loop::defer f.Close()"),
            std::string::npos)
      << out;
  EXPECT_NE(
      out.find("::notice file=pkg/b%2Cc.go,line=1,col=1,title=alloc-in-loop::100%25 of%0Athe time"),
      std::string::npos)
      << out;
}

TEST(Printers, ParseFormat) {
  Format f{};
  EXPECT_TRUE(parse_format("sarif", &f));
  EXPECT_EQ(f, Format::kSarif);
  EXPECT_FALSE(parse_format("xml", &f));
}

}  // namespace
}  // namespace oomguard::report
