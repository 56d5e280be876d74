#include "goroutines/render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "goroutines/diff.h"
#include "goroutines/leaks.h"
#include "goroutines/load.h"

namespace oomguard::goroutines {
namespace {

Snapshot must_load(std::string_view text, const std::string& name = "dump.txt") {
  auto r = load_bytes(text, name);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error());
  if (!r.ok()) return Snapshot{};
  return std::move(r).value();
}

std::string goroutines(int first, int n, std::string_view state, std::string_view fn, int line) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "goroutine " + std::to_string(first + i) + " [" + std::string(state) + "]:\n" +
           std::string(fn) + "(0x1)\n\t/app/main.go:" + std::to_string(line) +
           " +0x1\ncreated by main.start\n\t/app/main.go:3 +0x2\n\n";
  }
  return out;
}

TEST(Json, SchemaOfGroupsAndSuspects) {
  Snapshot s = must_load(goroutines(10, 12, "chan send, 4 minutes", "main.leak", 20) +
                         goroutines(40, 2, "IO wait", "main.read", 30));
  Report r;
  r.snapshot = &s;
  r.suspects = find_suspects(s);
  auto j = nlohmann::json::parse(render_json(r));
  ASSERT_EQ(j["groups"].size(), 2u);
  const auto& g = j["groups"][0];
  EXPECT_EQ(g["count"], 12);
  EXPECT_EQ(g["state"], "chan send");
  EXPECT_EQ(g["wait_minutes"]["min"], 4);
  EXPECT_EQ(g["wait_minutes"]["max"], 4);
  EXPECT_EQ(g["frames"][0]["function"], "main.leak");
  EXPECT_EQ(g["frames"][0]["file"], "/app/main.go");
  EXPECT_EQ(g["frames"][0]["line"], 20);
  EXPECT_EQ(g["created_by"]["function"], "main.start");
  EXPECT_EQ(g["created_by"]["line"], 3);
  ASSERT_EQ(j["suspects"].size(), 1u);
  const auto& sp = j["suspects"][0];
  EXPECT_EQ(sp["group"], 0);
  EXPECT_EQ(sp["function"], "main.leak");
  EXPECT_EQ(sp["file"], "/app/main.go");
  EXPECT_EQ(sp["line"], 20);
  EXPECT_TRUE(sp["score"].is_number());
  EXPECT_TRUE(sp["reason"].is_string());
}

TEST(Json, InvalidUtf8InTheDumpStillGivesValidJson) {
  Snapshot s = must_load("goroutine 1 [select]:\nmain.f\xff\xfe()\n\t/a.go:1 +0x1\n");
  Report r;
  r.snapshot = &s;
  std::string out = render_json(r);
  EXPECT_TRUE(nlohmann::json::accept(out));
}

TEST(Html, EscapesEveryStringAndIsSelfContained) {
  std::string evil =
      "goroutine 1 [chan send]:\nmain.<script>alert(1)</script>(0x1)\n"
      "\t/app/\"x\"&<b>.go:7 +0x1\n";
  std::string text;
  for (int i = 0; i < 12; ++i) text += evil + "\n";
  Snapshot s = must_load(text, "<img src=x onerror=alert(2)>");
  Report r;
  r.snapshot = &s;
  r.suspects = find_suspects(s);
  ASSERT_FALSE(r.suspects.empty());
  std::string html = render_html(r);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("main.&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;x&quot;&amp;&lt;b&gt;.go:7"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
}

TEST(Diff, GrowthNewAndVanishedGroups) {
  Snapshot base = must_load(goroutines(1, 10, "chan send", "main.leak", 20) +
                            goroutines(100, 5, "select", "main.gone", 40) +
                            goroutines(200, 3, "chan receive", "main.same", 50));
  Snapshot cur = must_load(goroutines(1, 250, "chan send", "main.leak", 20) +
                           goroutines(400, 7, "semacquire", "main.fresh", 60) +
                           goroutines(500, 3, "chan receive", "main.same", 50));
  auto growth = compare(base, cur);
  ASSERT_EQ(growth.size(), 4u);
  EXPECT_EQ(growth[0].delta(), 240);
  EXPECT_EQ(cur.str(cur.groups[static_cast<size_t>(growth[0].current)].frames[0].function),
            "main.leak");
  EXPECT_EQ(growth[1].base, -1);  // new
  EXPECT_EQ(growth[1].count, 7u);
  EXPECT_EQ(growth[2].delta(), 0);
  EXPECT_EQ(growth[3].current, -1);  // vanished
  EXPECT_EQ(growth[3].base_count, 5u);

  Report r;
  r.snapshot = &cur;
  r.base = &base;
  r.growth = growth;
  auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j["growth"][0]["delta"], 240);
  EXPECT_EQ(j["growth"][1]["status"], "new");
  EXPECT_EQ(j["growth"][3]["status"], "vanished");
  std::string text = render_text(r);
  EXPECT_NE(text.find("+240"), std::string::npos);
  EXPECT_NE(text.find("vanished"), std::string::npos);
}

TEST(Diff, StateChangeIsANewGroup) {
  Snapshot base = must_load(goroutines(1, 2, "chan send", "main.leak", 20));
  Snapshot cur = must_load(goroutines(1, 2, "chan send, 3 minutes", "main.leak", 20));
  auto growth = compare(base, cur);  // minutes are not part of the key
  ASSERT_EQ(growth.size(), 1u);
  EXPECT_EQ(growth[0].delta(), 0);
}

TEST(Text, ListsGroupsLargestFirstAndSuspects) {
  Snapshot s = must_load(goroutines(1, 3, "select", "main.small", 5) +
                         goroutines(10, 30, "chan send", "main.big", 9));
  Report r;
  r.snapshot = &s;
  r.suspects = find_suspects(s);
  std::string text = render_text(r);
  EXPECT_LT(text.find("main.big"), text.find("main.small"));
  EXPECT_NE(text.find("leak suspects"), std::string::npos);
  EXPECT_NE(text.find("30 goroutines [chan send]"), std::string::npos);
}

}  // namespace
}  // namespace oomguard::goroutines
