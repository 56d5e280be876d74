// The printers: the JSON contract (keys, order, types), the summary table, the status line and
// the exit codes.
#include "watch/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace oomguard::watch {
namespace {

WatchReport leak_report() {
  WatchReport r;
  r.target = "http://127.0.0.1:6060";
  r.verdict = "leak";
  r.leaks.push_back({"goroutine-leak", "main.lookupWithTimeoutLeaky", "/src/orders.go", 58, 2469,
                     "goroutines", "2469 goroutines parked", 6.7});
  r.samples = 61;
  r.restarts = 1;
  r.oom_kills = 2;
  r.snapshots = {"a/heap.pb.gz"};
  r.summary.push_back({"live goroutines", "3068 (peak 3068)", "baseline 368", "leak"});
  return r;
}

TEST(Report, JsonContract) {
  auto j = nlohmann::ordered_json::parse(format_json(leak_report()));
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"target", "verdict", "leaks", "samples", "restarts",
                                            "oom_kills", "snapshots", "summary"}));
  const auto& l = j["leaks"][0];
  std::vector<std::string> lk;
  for (auto it = l.begin(); it != l.end(); ++it) lk.push_back(it.key());
  EXPECT_EQ(lk, (std::vector<std::string>{"kind", "function", "file", "line", "growth", "unit",
                                          "message"}));
  EXPECT_TRUE(l["line"].is_number_integer());
  EXPECT_TRUE(l["growth"].is_number());
  EXPECT_EQ(j["samples"], 61);
  EXPECT_EQ(j["oom_kills"], 2);
  EXPECT_EQ(j["summary"][0]["verdict"], "leak");
  EXPECT_EQ(j["summary"][0]["limit"], "baseline 368");
}

TEST(Report, ExitCodes) {
  WatchReport r = leak_report();
  EXPECT_EQ(r.exit_code(), 1);
  r.verdict = "healthy";
  EXPECT_EQ(r.exit_code(), 0);
  r.verdict = "unreachable";
  EXPECT_EQ(r.exit_code(), 2);
}

TEST(Report, TextNamesKindFunctionAndLine) {
  std::string t = format_text(leak_report());
  EXPECT_NE(t.find("metric"), std::string::npos);
  EXPECT_NE(t.find("limit or baseline"), std::string::npos);
  EXPECT_NE(t.find("goroutine-leak main.lookupWithTimeoutLeaky /src/orders.go:58"),
            std::string::npos)
      << t;
}

TEST(Report, StatusLine) {
  LiveState s;
  s.heap_after_gc = 3 << 20;
  s.goroutines = 120;
  s.heap_growth_per_s = 1024;
  s.goroutine_growth_per_s = 2.5;
  s.gc_per_minute = 30;
  s.seconds_to_oom = 90;
  s.state = "growing";
  std::string l = format_status_line(s);
  EXPECT_NE(l.find("heap after GC 3.0 MiB"), std::string::npos) << l;
  EXPECT_NE(l.find("goroutines 120"), std::string::npos) << l;
  EXPECT_NE(l.find("OOM in 1m30s"), std::string::npos) << l;
  EXPECT_NE(l.find("growing"), std::string::npos) << l;
  LiveState unknown;
  EXPECT_NE(format_status_line(unknown).find("heap after GC -"), std::string::npos);
}

}  // namespace
}  // namespace oomguard::watch
