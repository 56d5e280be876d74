// Oracle: tests/oracle/goroutinegen (Go) creates known goroutine populations and dumps them as
// debug=2, debug=1 and proto; each population's count must come out exactly in every format, and
// the unbuffered-send leak must be the top suspect. Registered with LABELS oracle (extra.cmake).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "goroutines/leaks.h"
#include "goroutines/load.h"

namespace oomguard::goroutines {
namespace {

namespace fs = std::filesystem;

const fs::path& out_dir() {
  static const fs::path dir = fs::path(OOMGUARD_BINARY_DIR) / "goroutines-oracle";
  return dir;
}

class Oracle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (std::system("go version >/dev/null 2>&1") != 0) return;
    fs::create_directories(out_dir());
    std::string cmd = std::string("cd '") + OOMGUARD_SOURCE_DIR +
                      "/tests/oracle/goroutinegen' && GOTOOLCHAIN=local GOFLAGS=-mod=mod go run . "
                      "-out '" +
                      out_dir().string() + "'";
    generated_ = std::system(cmd.c_str()) == 0;
    if (generated_) {
      std::ifstream in(out_dir() / "truth.json");
      truth_ = nlohmann::json::parse(in);
    }
  }
  void SetUp() override {
    if (!generated_) GTEST_SKIP() << "go toolchain unavailable or goroutinegen failed";
  }

  // Checks every population against the groups of one snapshot.
  static void check_counts(const Snapshot& s) {
    for (const auto& pop : truth_["populations"]) {
      std::string file = pop["file"];
      int line = pop["line"];
      uint64_t found = 0;
      int groups = 0;
      for (const Group& g : s.groups) {
        GroupInfo info = analyse_group(s, g);
        if (info.site < 0) continue;
        const Frame& f = g.frames[static_cast<size_t>(info.site)];
        if (base_name(s.str(f.file)) == file && f.line == static_cast<uint32_t>(line)) {
          found += g.count;
          ++groups;
        }
      }
      EXPECT_EQ(found, pop["count"].get<uint64_t>())
          << format_name(s.format) << ": population " << pop["name"] << " at " << file << ":"
          << line;
      EXPECT_EQ(groups, 1) << format_name(s.format) << ": population " << pop["name"]
                           << " should form exactly one group";
    }
    for (const auto& [name, labels] : truth_["labels"].items()) {
      for (const auto& pop : truth_["populations"]) {
        if (pop["name"] != name) continue;
        for (const Group& g : s.groups) {
          GroupInfo info = analyse_group(s, g);
          if (info.site < 0 || g.frames[static_cast<size_t>(info.site)].line != pop["line"]) {
            continue;
          }
          EXPECT_EQ(s.str(g.labels), s.format == Format::kDebug2 ? "" : labels.get<std::string>())
              << format_name(s.format);
        }
      }
    }
    // Idle keep-alive server connections: counted, never suspects.
    uint64_t serve = 0;
    for (const Group& g : s.groups) {
      for (const Frame& f : g.frames) {
        if (s.str(f.function) == "net/http.(*conn).serve") {
          serve += g.count;
          EXPECT_TRUE(analyse_group(s, g).benign) << format_name(s.format);
          break;
        }
      }
    }
    EXPECT_EQ(serve, truth_["http_idle_conns"].get<uint64_t>()) << format_name(s.format);
  }

  static void check_top_suspect(const Snapshot& s) {
    auto suspects = find_suspects(s);
    ASSERT_FALSE(suspects.empty()) << format_name(s.format);
    std::string want_fn;
    int want_line = 0;
    for (const auto& pop : truth_["populations"]) {
      if (pop["name"] == truth_["top_suspect"]) {
        want_fn = pop["function"];
        want_line = pop["line"];
      }
    }
    EXPECT_EQ(s.str(suspects[0].function), want_fn) << format_name(s.format);
    EXPECT_EQ(suspects[0].line, static_cast<uint32_t>(want_line)) << format_name(s.format);
    for (const Suspect& sp : suspects) {
      EXPECT_NE(s.str(sp.function), "main.sleepers.func1") << "sleepers are benign";
    }
  }

  static inline bool generated_ = false;
  static inline nlohmann::json truth_;
};

TEST_F(Oracle, Debug2CountsAndTopSuspect) {
  auto s = load((out_dir() / "goroutines.debug2.txt").string());
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->format, Format::kDebug2);
  check_counts(*s);
  check_top_suspect(*s);
  // States in debug=2 come from the runtime's own wait reasons.
  for (const auto& pop : truth_["populations"]) {
    bool seen = false;
    for (const Group& g : s->groups) {
      GroupInfo info = analyse_group(*s, g);
      if (info.site >= 0 && g.frames[static_cast<size_t>(info.site)].line == pop["line"] &&
          s->str(g.state) == pop["blocking"].get<std::string>()) {
        seen = true;
      }
    }
    EXPECT_TRUE(seen) << pop["name"] << " state " << pop["blocking"];
  }
}

TEST_F(Oracle, Debug1CountsAndTopSuspect) {
  auto s = load((out_dir() / "goroutines.debug1.txt").string());
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->format, Format::kDebug1);
  EXPECT_EQ(s->total, s->declared_total);
  check_counts(*s);
  check_top_suspect(*s);
}

TEST_F(Oracle, ProtoCountsAndTopSuspect) {
  auto s = load((out_dir() / "goroutines.pb.gz").string());
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->format, Format::kProto);
  check_counts(*s);
  check_top_suspect(*s);
}

TEST_F(Oracle, AllFormatsAgreeOnTheTotal) {
  auto a = load((out_dir() / "goroutines.debug2.txt").string());
  auto b = load((out_dir() / "goroutines.debug1.txt").string());
  auto c = load((out_dir() / "goroutines.pb.gz").string());
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->total, b->total);
  EXPECT_EQ(b->total, c->total);
}

TEST_F(Oracle, CliJsonNamesTheSendLeakFirstAndExitsOne) {
  fs::path cli = fs::path(OOMGUARD_BINARY_DIR) / "src/cli/oomguard";
  if (!fs::exists(cli)) GTEST_SKIP() << "oomguard binary not built";
  fs::path json_out = out_dir() / "cli.json";
  std::string cmd = "'" + cli.string() + "' goroutines --format json '" +
                    (out_dir() / "goroutines.debug2.txt").string() + "' > '" + json_out.string() +
                    "'";
  int rc = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 1);
  std::ifstream in(json_out);
  auto j = nlohmann::json::parse(in);
  ASSERT_FALSE(j["suspects"].empty());
  EXPECT_EQ(j["suspects"][0]["function"], "main.sendLeak.func1");
  size_t gi = j["suspects"][0]["group"];
  for (const auto& pop : truth_["populations"]) {
    if (pop["name"] == "send") {
      EXPECT_EQ(j["groups"][gi]["count"], pop["count"]);
    }
  }
  EXPECT_EQ(j["groups"][gi]["state"], "chan send");
  EXPECT_EQ(j["groups"][gi]["created_by"]["function"], "main.sendLeak");
}

}  // namespace
}  // namespace oomguard::goroutines
