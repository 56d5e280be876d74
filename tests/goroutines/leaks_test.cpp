#include "goroutines/leaks.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "goroutines/load.h"

namespace oomguard::goroutines {
namespace {

Snapshot must_load(std::string_view text) {
  auto r = load_bytes(text, "dump.txt");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error());
  if (!r.ok()) return Snapshot{};
  return std::move(r).value();
}

// n goroutines with the given state and frames ("func|file:line" each, leaf first).
std::string block(int first_id, int n, std::string_view state,
                  std::initializer_list<std::string_view> frames,
                  std::string_view creator = "main.start|/app/main.go:5") {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += fmt::format("goroutine {} [{}]:\n", first_id + i, state);
    for (std::string_view f : frames) {
      size_t bar = f.find('|');
      out += fmt::format("{}(...)\n\t{} +0x10\n", f.substr(0, bar), f.substr(bar + 1));
    }
    if (!creator.empty()) {
      size_t bar = creator.find('|');
      out += fmt::format("created by {}\n\t{} +0x20\n", creator.substr(0, bar),
                         creator.substr(bar + 1));
    }
    out += "\n";
  }
  return out;
}

TEST(Analyse, StateNamesThePrimitive) {
  Snapshot s = must_load(block(1, 1, "chan send", {"main.f|/app/f.go:3"}));
  EXPECT_EQ(analyse_group(s, s.groups[0]).blocking, Blocking::kChanSend);
  s = must_load(block(1, 1, "chan receive (nil chan)", {"main.f|/app/f.go:3"}));
  EXPECT_EQ(analyse_group(s, s.groups[0]).blocking, Blocking::kNilChanRecv);
  s = must_load(block(1, 1, "chan receive (durable)", {"main.f|/app/f.go:3"}));
  EXPECT_EQ(analyse_group(s, s.groups[0]).blocking, Blocking::kChanRecv);
  s = must_load(block(1, 1, "sync.RWMutex.RLock", {"main.f|/app/f.go:3"}));
  EXPECT_EQ(analyse_group(s, s.groups[0]).blocking, Blocking::kRWMutex);
}

TEST(Analyse, FramesRefineSemacquire) {
  Snapshot s = must_load(
      block(1, 1, "semacquire",
            {"sync.runtime_Semacquire|/go/src/runtime/sema.go:62",
             "sync.(*WaitGroup).Wait|/go/src/sync/waitgroup.go:139", "main.f|/app/f.go:3"}));
  GroupInfo info = analyse_group(s, s.groups[0]);
  EXPECT_EQ(info.blocking, Blocking::kWaitGroup);
  EXPECT_EQ(info.site, 2);
  s = must_load(block(1, 1, "semacquire",
                      {"sync.runtime_SemacquireMutex|/go/src/runtime/sema.go:77",
                       "sync.(*RWMutex).RLock|/go/src/sync/rwmutex.go:71", "main.f|/app/f.go:3"}));
  EXPECT_EQ(analyse_group(s, s.groups[0]).blocking, Blocking::kRWMutex);
}

TEST(Analyse, ProtoStyleFramesWithoutState) {
  std::string text =
      "goroutine profile: total 3\n"
      "3 @ 0x1 0x2 0x3 0x4\n"
      "#\t0x1\truntime.gopark+0x1\t/go/src/runtime/proc.go:363\n"
      "#\t0x2\truntime.chansend+0x1\t/go/src/runtime/chan.go:259\n"
      "#\t0x3\truntime.chansend1+0x1\t/go/src/runtime/chan.go:145\n"
      "#\t0x4\tmain.f+0x1\t/app/f.go:9\n\n";
  Snapshot s = must_load(text);
  GroupInfo info = analyse_group(s, s.groups[0]);
  EXPECT_EQ(info.blocking, Blocking::kChanSend);
  EXPECT_EQ(info.site, 3);
}

TEST(Analyse, Debug1HiddenRuntimeFramesGiveUserCode) {
  Snapshot s =
      must_load("goroutine profile: total 12\n12 @ 0x1 0x2\n#\t0x2\tmain.f+0x1\t/app/f.go:9\n");
  EXPECT_EQ(analyse_group(s, s.groups[0]).blocking, Blocking::kUserCode);
  auto sus = find_suspects(s);
  ASSERT_EQ(sus.size(), 1u);
  EXPECT_NE(sus[0].reason.find("debug=1 hides the runtime frames"), std::string::npos);
}

TEST(Benign, NetPollerTimersAndStdlibGoroutinesAreNotSuspects) {
  std::string text;
  text += block(
      1, 50, "IO wait",
      {"internal/poll.runtime_pollWait|/go/src/runtime/netpoll.go:305", "main.read|/app/r.go:3"});
  text += block(100, 50, "select",
                {"runtime.selectgo|/go/src/runtime/select.go:328",
                 "net/http.(*persistConn).readLoop|/go/src/net/http/transport.go:2213"},
                "net/http.(*Transport).dialConn|/go/src/net/http/transport.go:1751");
  text +=
      block(200, 50, "sleep", {"time.Sleep|/go/src/runtime/time.go:195", "main.tick|/app/t.go:8"});
  text += block(300, 50, "chan receive",
                {"os/signal.signal_recv|/go/src/runtime/sigqueue.go:152",
                 "os/signal.loop|/go/src/os/signal/signal_unix.go:23"},
                "os/signal.Notify.func1.1|/go/src/os/signal/signal.go:151");
  text += block(400, 50, "chan receive",
                {"database/sql.(*DB).connectionOpener|/go/src/database/sql/sql.go:1224"},
                "database/sql.OpenDB|/go/src/database/sql/sql.go:792");
  Snapshot s = must_load(text);
  EXPECT_TRUE(find_suspects(s).empty());
}

TEST(Suspects, MinCountFiltersSmallGroupsButNotNilChannels) {
  std::string text = block(1, 3, "chan receive", {"main.worker|/app/w.go:10"});
  text += block(10, 1, "chan send (nil chan)", {"main.nilsend|/app/n.go:4"});
  Snapshot s = must_load(text);
  auto sus = find_suspects(s);
  ASSERT_EQ(sus.size(), 1u);
  EXPECT_EQ(sus[0].blocking, Blocking::kNilChanSend);
  LeakOptions lo;
  lo.min_count = 2;
  EXPECT_EQ(find_suspects(s, lo).size(), 2u);
}

TEST(Suspects, MainGoroutineSelectForeverIsNotALeak) {
  Snapshot s = must_load(block(1, 1, "select (no cases)", {"main.main|/app/main.go:20"}, ""));
  EXPECT_TRUE(find_suspects(s).empty());
  Snapshot t = must_load(block(5, 1, "select (no cases)", {"main.park|/app/p.go:3"}));
  EXPECT_EQ(find_suspects(t).size(), 1u);
}

TEST(Suspects, RankedByEvidenceAndExplained) {
  std::string text =
      block(1, 20, "semacquire",
            {"sync.runtime_SemacquireMutex|/go/src/runtime/sema.go:77",
             "sync.(*Mutex).lockSlow|/go/src/sync/mutex.go:171",
             "sync.(*Mutex).Lock|/go/src/sync/mutex.go:90", "main.locker|/app/l.go:12"});
  text += block(100, 500, "chan send, 42 minutes", {"main.start.func1|/app/main.go:9"});
  Snapshot s = must_load(text);
  auto sus = find_suspects(s);
  ASSERT_EQ(sus.size(), 2u);
  EXPECT_EQ(s.str(sus[0].function), "main.start.func1");
  EXPECT_EQ(sus[0].line, 9u);
  EXPECT_GT(sus[0].score, sus[1].score);
  EXPECT_EQ(sus[0].reason,
            "500 goroutines blocked on chan send in main.start.func1 (main.go:9), created by "
            "main.start (main.go:5), for 42 minutes: nothing receives from the channel");
  EXPECT_EQ(sus[1].blocking, Blocking::kMutex);
  EXPECT_EQ(s.str(sus[1].function), "main.locker");
  EXPECT_EQ(sus[1].line, 12u);
}

TEST(Suspects, LongerWaitsRankHigher) {
  std::string text = block(1, 30, "chan receive", {"main.a|/app/a.go:1"});
  text += block(100, 30, "chan receive, 120 minutes", {"main.b|/app/b.go:1"});
  Snapshot s = must_load(text);
  auto sus = find_suspects(s);
  ASSERT_EQ(sus.size(), 2u);
  EXPECT_EQ(s.str(sus[0].function), "main.b");
}

TEST(Packages, StdlibDetection) {
  EXPECT_EQ(package_of("net/http.(*conn).serve"), "net/http");
  EXPECT_EQ(package_of("main.main.func1"), "main");
  EXPECT_EQ(package_of("github.com/a/b.(*T).M"), "github.com/a/b");
  EXPECT_TRUE(is_stdlib_package("net/http"));
  EXPECT_TRUE(is_stdlib_package("internal/poll"));
  EXPECT_FALSE(is_stdlib_package("main"));
  EXPECT_FALSE(is_stdlib_package("github.com/a/b"));
}

}  // namespace
}  // namespace oomguard::goroutines
