// Real Go 1.19 output committed under testdata/ (written by tests/oracle/goroutinegen with its
// truth.json): the same checks as the oracle, without a Go toolchain, so they also run under the
// sanitizers. The oracle test regenerates these with the installed Go at test time.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "goroutines/diff.h"
#include "goroutines/leaks.h"
#include "goroutines/load.h"

namespace oomguard::goroutines {
namespace {

std::string testdata(const std::string& name) {
  return std::string(OOMGUARD_SOURCE_DIR) + "/tests/goroutines/testdata/" + name;
}

nlohmann::json truth() {
  std::ifstream in(testdata("truth.json"));
  return nlohmann::json::parse(in);
}

void check(const std::string& file, Format want) {
  auto s = load(testdata(file));
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->format, want);
  auto t = truth();
  for (const auto& pop : t["populations"]) {
    uint64_t found = 0;
    for (const Group& g : s->groups) {
      GroupInfo info = analyse_group(*s, g);
      if (info.site < 0) continue;
      const Frame& f = g.frames[static_cast<size_t>(info.site)];
      if (base_name(s->str(f.file)) == pop["file"].get<std::string>() &&
          f.line == pop["line"].get<uint32_t>()) {
        found += g.count;
        EXPECT_EQ(s->str(f.function), pop["function"].get<std::string>());
      }
    }
    EXPECT_EQ(found, pop["count"].get<uint64_t>()) << file << ": " << pop["name"];
  }
  // pprof labels: debug=1 and proto carry them; Go 1.19's debug=2 does not print them.
  for (const auto& [name, labels] : t["labels"].items()) {
    for (const auto& pop : t["populations"]) {
      if (pop["name"] != name) continue;
      for (const Group& g : s->groups) {
        GroupInfo info = analyse_group(*s, g);
        if (info.site < 0 || g.frames[static_cast<size_t>(info.site)].line != pop["line"]) continue;
        EXPECT_EQ(s->str(g.labels), want == Format::kDebug2 ? "" : labels.get<std::string>())
            << file;
      }
    }
  }
  auto suspects = find_suspects(*s);
  ASSERT_FALSE(suspects.empty());
  EXPECT_EQ(s->str(suspects[0].function), "main.sendLeak.func1") << file;
  for (const Suspect& sp : suspects) {
    EXPECT_NE(s->str(sp.function), "main.sleepers.func1") << file;
    for (const Frame& f : s->groups[sp.group].frames) {
      EXPECT_NE(s->str(f.function), "net/http.(*conn).serve") << file;
    }
  }
}

TEST(Fixtures, Debug2) { check("goroutines.debug2.txt", Format::kDebug2); }
TEST(Fixtures, Debug1) { check("goroutines.debug1.txt", Format::kDebug1); }
TEST(Fixtures, Proto) { check("goroutines.pb.gz", Format::kProto); }

TEST(Fixtures, Debug2ProvesNilChannelAndInfersMutexFromFrames) {
  auto s = load(testdata("goroutines.debug2.txt"));
  ASSERT_TRUE(s.ok());
  bool nil_suspect = false;
  bool mutex_seen = false;
  for (const Suspect& sp : find_suspects(*s)) {
    nil_suspect |= sp.blocking == Blocking::kNilChanRecv;  // 7 < min-count, still reported
    mutex_seen |= sp.blocking == Blocking::kMutex;         // "semacquire" + sync.(*Mutex) frames
  }
  EXPECT_TRUE(nil_suspect);
  EXPECT_TRUE(mutex_seen);
}

TEST(Fixtures, ASnapshotDoesNotGrowAgainstItself) {
  auto a = load(testdata("goroutines.debug1.txt"));
  auto b = load(testdata("goroutines.debug1.txt"));
  ASSERT_TRUE(a.ok() && b.ok());
  for (const Growth& g : compare(*a, *b)) EXPECT_EQ(g.delta(), 0);
}

}  // namespace
}  // namespace oomguard::goroutines
