// The watch loop against an in-process fake target (cpp-httplib on 127.0.0.1, random port)
// serving canned responses: a target that hangs, answers garbage, sends an endless body,
// disappears and comes back restarted, or never answers; a leak attributed end to end; and the
// exporter read back with our own exposition parser. Phases advance on the watcher's own sample
// callback, so nothing depends on timing.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "core/http_fetch.h"
#include "fixture.h"
#include "watch/exporter.h"
#include "watch/exposition.h"
#include "watch/report.h"
#include "watch/watcher.h"

namespace oomguard::watch {
namespace {

enum class Mode { kNormal, kHang, kGarbage, kEndless };

// A fake Go service: expvar memstats with a GC counter, the pprof index with a goroutine count,
// heap and goroutine profiles from the leakysvc fixtures.
class FakeTarget {
 public:
  std::atomic<Mode> mode{Mode::kNormal};
  std::atomic<int> num_gc{100};
  std::atomic<int> goroutines{20};
  std::atomic<bool> leaky_profile{false};
  std::atomic<bool> serve_pprof{true};

  ~FakeTarget() { stop(); }

  int start(int port = 0) {
    server_ = std::make_unique<httplib::Server>();
    server_->new_task_queue = [] { return new httplib::ThreadPool(4); };
    server_->Get("/debug/vars", [this](const httplib::Request&, httplib::Response& res) {
      switch (mode.load()) {
        case Mode::kHang:
          for (int i = 0; i < 40 && !stopping_; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
          res.set_content("{}", "application/json");
          return;
        case Mode::kGarbage:
          res.set_content("<html>\x01\x02 not json", "text/html");
          return;
        case Mode::kEndless:
          res.set_chunked_content_provider(
              "application/json", [this](size_t, httplib::DataSink& sink) {
                std::string chunk(8192, ' ');
                return !stopping_ && sink.write(chunk.data(), chunk.size());
              });
          return;
        case Mode::kNormal:
          break;
      }
      int gc = num_gc.fetch_add(1);
      res.set_content(
          fmt(R"({"cmdline":["fake"],"memstats":{"HeapAlloc":3000000,"NextGC":4000000,"NumGC":)",
              gc, R"(,"Sys":9000000,"HeapReleased":1000000,"TotalAlloc":)", gc * 1000, "}}"),
          "application/json");
    });
    server_->Get("/debug/pprof/", [this](const httplib::Request&, httplib::Response& res) {
      if (!serve_pprof || mode != Mode::kNormal) {
        res.status = 404;
        return;
      }
      res.set_content(
          fmt("<html><table><tr><td>", goroutines.load(),
              "</td><td><a href='goroutine?debug=1'>goroutine</a></td></tr></table></html>"),
          "text/html");
    });
    server_->Get("/debug/pprof/heap", [this](const httplib::Request&, httplib::Response& res) {
      if (!serve_pprof || mode != Mode::kNormal) {
        res.status = 404;
        return;
      }
      res.set_content(fixture(leaky_profile ? "heap-3.pb.gz" : "heap-1.pb.gz"),
                      "application/octet-stream");
    });
    server_->Get("/debug/pprof/goroutine", [this](const httplib::Request& req,
                                                  httplib::Response& res) {
      if (!serve_pprof || mode != Mode::kNormal) {
        res.status = 404;
        return;
      }
      std::string debug = req.has_param("debug") ? req.get_param_value("debug") : "0";
      if (debug == "1") {
        res.set_content(
            fixture(leaky_profile ? "goroutine-leak-debug1.txt" : "goroutine-baseline-debug1.txt"),
            "text/plain");
      } else {
        res.set_content("goroutine 1 [running]:\nmain.main()\n\t/x/main.go:1 +0x1\n", "text/plain");
      }
    });
    server_->Get("/debug/pprof/allocs", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(fixture("heap-1.pb.gz"), "application/octet-stream");
    });
    stopping_ = false;
    port_ = port == 0 ? server_->bind_to_any_port("127.0.0.1")
                      : (server_->bind_to_port("127.0.0.1", port) ? port : -1);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (port_ > 0 && !server_->is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return port_;
  }

  void stop() {
    stopping_ = true;
    if (thread_.joinable()) {
      server_->stop();
      thread_.join();
    }
  }

  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  template <typename... A>
  static std::string fmt(const A&... a) {
    std::ostringstream os;
    (os << ... << a);
    return os.str();
  }
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  int port_ = -1;
};

WatchConfig test_config(const std::string& url) {
  WatchConfig c = default_config();
  c.url = url;
  c.interval_s = 0.02;
  c.capture = false;
  c.http.timeout_ms = 300;
  c.http.connect_timeout_ms = 300;
  c.http.max_bytes = 64 << 10;
  for (TriggerRule* r : {&c.heap, &c.goroutines}) {
    r->min_span_s = 0;
    r->cooldown_s = 0;
  }
  return c;
}

bool any_note(const WatchReport& r, const std::string& needle) {
  for (const auto& n : r.notes) {
    if (n.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string all_notes(const WatchReport& r) {
  std::string s;
  for (const auto& n : r.notes) s += n + "\n";
  return s;
}

// Stops the run after `n` samples (counted by the watcher's callback).
struct StopAfter {
  std::atomic<bool> stop{false};
  int seen = 0;
  WatchHooks hooks(int n, std::function<void(int, const LiveState&)> each = nullptr) {
    WatchHooks h;
    h.on_sample = [this, n, each](const LiveState& s) {
      ++seen;
      if (each) each(seen, s);
      if (seen >= n) stop = true;
    };
    return h;
  }
};

TEST(FakeTarget, HangingTargetTimesOutAndIsUnreachable) {
  FakeTarget t;
  ASSERT_GT(t.start(), 0);
  t.mode = Mode::kHang;
  t.serve_pprof = false;
  StopAfter s;
  WatchReport r = run_watch(test_config(t.url()), s.stop, s.hooks(2));
  t.stop();
  EXPECT_EQ(r.verdict, "unreachable");
  EXPECT_EQ(r.exit_code(), 2);
  EXPECT_TRUE(any_note(r, "Timeout") || any_note(r, "timed out")) << all_notes(r);
}

TEST(FakeTarget, GarbageIsReportedNotCrashed) {
  FakeTarget t;
  ASSERT_GT(t.start(), 0);
  t.mode = Mode::kGarbage;
  StopAfter s;
  WatchReport r = run_watch(test_config(t.url()), s.stop, s.hooks(3));
  t.stop();
  EXPECT_EQ(r.verdict, "unreachable");
  EXPECT_TRUE(any_note(r, "/debug/vars: expvar: not valid JSON")) << all_notes(r);
  EXPECT_TRUE(any_note(r, "/metrics: HTTP 404")) << all_notes(r);
}

TEST(FakeTarget, EndlessBodyHitsTheSizeLimit) {
  FakeTarget t;
  ASSERT_GT(t.start(), 0);
  t.mode = Mode::kEndless;
  StopAfter s;
  WatchReport r = run_watch(test_config(t.url()), s.stop, s.hooks(2));
  t.stop();
  EXPECT_EQ(r.verdict, "unreachable");
  EXPECT_TRUE(any_note(r, "larger than the limit of 65536 bytes")) << all_notes(r);
}

TEST(FakeTarget, UnreachableForTheWholeRun) {
  int port = 0;
  {
    FakeTarget t;  // find a free port, then close it
    port = t.start();
  }
  WatchConfig c = test_config("http://127.0.0.1:" + std::to_string(port));
  c.duration_s = 0.2;
  std::atomic<bool> stop{false};
  WatchReport r = run_watch(c, stop, {});
  EXPECT_EQ(r.verdict, "unreachable");
  EXPECT_EQ(r.samples, 0u);
  EXPECT_EQ(r.exit_code(), 2);
  EXPECT_TRUE(any_note(r, "127.0.0.1:" + std::to_string(port))) << all_notes(r);
  EXPECT_NE(format_text(r).find("unreachable"), std::string::npos);
}

TEST(FakeTarget, DisappearsAndComesBackRestarted) {
  FakeTarget t;
  int port = t.start();
  ASSERT_GT(port, 0);
  t.serve_pprof = false;  // expvar only
  StopAfter s;
  bool restarted_ok = true;
  auto hooks = s.hooks(16, [&](int n, const LiveState& st) {
    if (n == 5) {
      EXPECT_TRUE(st.up);
      t.stop();  // connection refused from now on
    }
    if (n == 9) {
      EXPECT_FALSE(st.up);
      t.num_gc = 1;  // a new process: its counters start again
      restarted_ok = t.start(port) == port;
    }
  });
  WatchReport r = run_watch(test_config(t.url()), s.stop, hooks);
  t.stop();
  ASSERT_TRUE(restarted_ok);
  EXPECT_EQ(r.verdict, "healthy") << all_notes(r);
  EXPECT_EQ(r.restarts, 1u);
  EXPECT_EQ(r.samples, 12u);  // 16 polls, 4 of them while down
  EXPECT_TRUE(any_note(r, "target stopped answering")) << all_notes(r);
  EXPECT_TRUE(any_note(r, "target unreachable for")) << all_notes(r);
  EXPECT_TRUE(any_note(r, "target restarted")) << all_notes(r);
}

TEST(FakeTarget, GoroutineLeakAttributedEndToEnd) {
  FakeTarget t;
  ASSERT_GT(t.start(), 0);
  WatchConfig c = test_config(t.url());
  c.capture = true;
  c.out_dir =
      (std::filesystem::temp_directory_path() / ("oomguard-fake-" + std::to_string(getpid())))
          .string();
  std::filesystem::remove_all(c.out_dir);
  StopAfter s;
  auto hooks = s.hooks(30, [&](int n, const LiveState&) {
    t.goroutines = 20 + 25 * n;          // 25 more per poll
    if (n == 1) t.leaky_profile = true;  // every profile after the baseline shows the leak
  });
  WatchReport r = run_watch(c, s.stop, hooks);
  t.stop();
  ASSERT_EQ(r.verdict, "leak") << all_notes(r);
  ASSERT_FALSE(r.leaks.empty());
  EXPECT_EQ(r.leaks[0].kind, "goroutine-leak");
  EXPECT_EQ(r.leaks[0].function, "main.lookupWithTimeoutLeaky");
  EXPECT_EQ(r.leaks[0].line, 58);
  EXPECT_EQ(r.exit_code(), 1);
  EXPECT_FALSE(r.snapshots.empty());
  for (const auto& p : r.snapshots) EXPECT_TRUE(std::filesystem::exists(p)) << p;
  auto j = format_json(r);
  EXPECT_NE(j.find(R"("verdict":"leak")"), std::string::npos);
  EXPECT_NE(j.find(R"("function":"main.lookupWithTimeoutLeaky")"), std::string::npos);
  std::filesystem::remove_all(c.out_dir);
}

TEST(Exporter, ServesMetricsThatParseBack) {
  Exporter e;
  auto port = e.start("127.0.0.1", 0);
  ASSERT_TRUE(port.ok()) << port.error();
  LiveState s;
  s.target = "http://h:1/\"odd\"\\";
  s.up = true;
  s.heap_after_gc = 12345678;
  s.goroutines = 250;
  s.heap_growth_per_s = 1024.5;
  s.goroutine_growth_per_s = 5;
  s.gc_per_minute = 12;
  s.seconds_to_oom = kInf;
  s.limit = 0;
  s.leak_goroutine = true;
  s.restarts = 2;
  s.snapshots = 7;
  e.set_metrics(format_metrics({s}));
  auto r = http_get("http://127.0.0.1:" + std::to_string(*port) + "/metrics");
  e.stop();
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->content_type.find("version=0.0.4"), std::string::npos);
  auto x = parse_exposition(r->body);
  ASSERT_TRUE(x.ok()) << x.error();
  std::vector<std::pair<std::string, std::string>> tl = {{"target", s.target}};
  auto val = [&](const char* name, std::vector<std::pair<std::string, std::string>> extra = {}) {
    extra.insert(extra.end(), tl.begin(), tl.end());
    const MetricSample* m = x->find(name, extra);
    EXPECT_NE(m, nullptr) << name;
    return m == nullptr ? -1.0 : m->value;
  };
  EXPECT_EQ(val("oomguard_up"), 1);
  EXPECT_EQ(val("oomguard_heap_after_gc_bytes"), 12345678);
  EXPECT_EQ(val("oomguard_goroutines"), 250);
  EXPECT_EQ(val("oomguard_heap_growth_bytes_per_second"), 1024.5);
  EXPECT_EQ(val("oomguard_goroutine_growth_per_second"), 5);
  EXPECT_EQ(val("oomguard_gc_per_minute"), 12);
  EXPECT_TRUE(std::isinf(val("oomguard_seconds_to_oom")));
  EXPECT_EQ(val("oomguard_memory_limit_bytes"), 0);
  EXPECT_EQ(val("oomguard_leak_detected", {{"kind", "goroutine-leak"}}), 1);
  EXPECT_EQ(val("oomguard_leak_detected", {{"kind", "heap-growth"}}), 0);
  EXPECT_EQ(val("oomguard_restarts_total"), 2);
  EXPECT_EQ(val("oomguard_snapshots_total"), 7);
  EXPECT_EQ(x->types.at("oomguard_restarts_total"), "counter");
  EXPECT_EQ(x->types.at("oomguard_up"), "gauge");
  EXPECT_FALSE(x->help.at("oomguard_seconds_to_oom").empty());
}

TEST(Exporter, ListenAddresses) {
  EXPECT_EQ(parse_listen(":9464")->first, "127.0.0.1");
  EXPECT_EQ(parse_listen("9464")->second, 9464);
  EXPECT_EQ(parse_listen("0.0.0.0:1")->first, "0.0.0.0");
  EXPECT_EQ(parse_listen("[::1]:9464")->first, "::1");
  EXPECT_FALSE(parse_listen("host:port").ok());
  EXPECT_FALSE(parse_listen("h:70000").ok());
}

}  // namespace
}  // namespace oomguard::watch

namespace oomguard::watch {
namespace {

// A target with only a Prometheus /metrics (client_golang's Go and process collectors): the
// goroutine count, the heap goal (heap after GC = NextGC / 2 at GOGC=100) and the RSS come from
// it, and a process_start_time_seconds change is a restart.
TEST(FakeTarget, PrometheusOnlyTarget) {
  std::string base = fixture("metrics-client_golang-1.14.txt");
  size_t at = base.find("\nprocess_start_time_seconds ");  // served below with our value
  ASSERT_NE(at, std::string::npos);
  base.erase(at + 1, base.find('\n', at + 1) - at);
  std::atomic<int> start_time{1000};
  httplib::Server s;
  s.Get("/metrics", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(base + "process_start_time_seconds " + std::to_string(start_time.load()) + "\n",
                    "text/plain; version=0.0.4");
  });
  int port = s.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread th([&] { s.listen_after_bind(); });
  while (!s.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  StopAfter stop;
  LiveState seen;
  auto hooks = stop.hooks(10, [&](int n, const LiveState& st) {
    seen = st;
    if (n == 6) start_time = 2000;
  });
  WatchReport r = run_watch(test_config("http://127.0.0.1:" + std::to_string(port) + "/metrics"),
                            stop.stop, hooks);
  s.stop();
  th.join();
  EXPECT_EQ(r.verdict, "healthy") << all_notes(r);
  EXPECT_EQ(r.samples, 10u);
  EXPECT_EQ(r.restarts, 1u);
  EXPECT_EQ(seen.goroutines, 4);
  EXPECT_EQ(seen.heap_after_gc, 4194304.0 / 2);
  bool rss = false;
  for (const auto& row : r.summary) rss = rss || row.metric == "RSS peak";
  EXPECT_TRUE(rss);
  EXPECT_TRUE(any_note(r, "using /metrics")) << all_notes(r);
}

}  // namespace
}  // namespace oomguard::watch

namespace oomguard::watch {
namespace {

// --pid with a fake /proc and cgroup v2 tree: the limit comes from memory.max, an OOM kill
// recorded in memory.events while the target is gone is counted and noted, and the target's
// return with fresh counters is a restart.
TEST(FakeTarget, OomKillSeenInTheCgroup) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("oomguard-fake-root-" + std::to_string(getpid()));
  fs::remove_all(root);
  auto put = [&](const std::string& rel, const std::string& text) {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel) << text;
  };
  put("proc/4242/status", "VmRSS:\t204800 kB\n");
  put("proc/4242/cgroup", "0::/svc\n");
  put("sys/fs/cgroup/svc/memory.max", "536870912\n");
  put("sys/fs/cgroup/svc/memory.current", "209715200\n");
  put("sys/fs/cgroup/svc/memory.events", "oom 0\noom_kill 0\n");

  FakeTarget t;
  int port = t.start();
  ASSERT_GT(port, 0);
  t.serve_pprof = false;
  WatchConfig c = test_config(t.url());
  c.pid = 4242;
  c.proc_root = root.string();
  StopAfter stop;
  LiveState first;
  bool back = true;
  auto hooks = stop.hooks(12, [&](int n, const LiveState& st) {
    if (n == 1) first = st;
    if (n == 4) {
      t.stop();
      put("sys/fs/cgroup/svc/memory.events", "oom 1\noom_kill 1\n");
    }
    if (n == 7) {
      t.num_gc = 1;
      back = t.start(port) == port;
    }
  });
  WatchReport r = run_watch(c, stop.stop, hooks);
  t.stop();
  fs::remove_all(root);
  ASSERT_TRUE(back);
  EXPECT_EQ(first.limit, 536870912);
  EXPECT_EQ(r.oom_kills, 1u);
  EXPECT_EQ(r.restarts, 1u);
  EXPECT_TRUE(any_note(r, "OOM kill recorded by the cgroup")) << all_notes(r);
  bool row = false, rss = false;
  for (const auto& s : r.summary) {
    row = row || (s.metric.rfind("OOM kills", 0) == 0 && s.observed == "1");
    rss = rss || (s.metric == "RSS peak" && s.observed == "200.0 MiB");
  }
  EXPECT_TRUE(row && rss) << format_text(r);
}

}  // namespace
}  // namespace oomguard::watch

namespace oomguard::watch {
namespace {

// An expvar-only target whose heap goal grows by 1 MiB per poll: heap after GC comes from
// NextGC/(1+GOGC/100), the leak is declared without a stack to name (no pprof), and with
// --limit the time to OOM is finite.
TEST(FakeTarget, ExpvarOnlyHeapGrowthWithLimit) {
  std::atomic<int> polls{0};
  httplib::Server s;
  s.Get("/debug/vars", [&](const httplib::Request&, httplib::Response& res) {
    int n = ++polls;
    long long next_gc = (16LL << 20) + static_cast<long long>(n) * (1LL << 20);
    res.set_content(R"({"memstats":{"NextGC":)" + std::to_string(next_gc) + R"(,"NumGC":)" +
                        std::to_string(n) + R"(,"Sys":)" + std::to_string(next_gc * 2) +
                        R"(,"HeapReleased":0}})",
                    "application/json");
  });
  int port = s.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread th([&] { s.listen_after_bind(); });
  while (!s.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  WatchConfig c = test_config("http://127.0.0.1:" + std::to_string(port));
  c.limit = uint64_t{1} << 30;
  StopAfter stop;
  LiveState last;
  WatchReport r =
      run_watch(c, stop.stop, stop.hooks(30, [&](int, const LiveState& st) { last = st; }));
  s.stop();
  th.join();
  ASSERT_EQ(r.verdict, "leak") << all_notes(r);
  ASSERT_EQ(r.leaks.size(), 1u);
  EXPECT_EQ(r.leaks[0].kind, "heap-growth");
  EXPECT_EQ(r.leaks[0].function, "");
  EXPECT_EQ(r.leaks[0].unit, "bytes");
  EXPECT_NE(r.leaks[0].message.find("no single stack"), std::string::npos) << r.leaks[0].message;
  EXPECT_TRUE(last.leak_heap);
  EXPECT_FALSE(last.leak_goroutine);
  EXPECT_EQ(last.limit, double(1 << 30));
  EXPECT_TRUE(std::isfinite(last.seconds_to_oom)) << last.seconds_to_oom;
  EXPECT_GT(last.seconds_to_oom, 0);
  EXPECT_GT(last.heap_growth_per_s, 0);
  EXPECT_TRUE(any_note(r, "serves no /debug/pprof")) << all_notes(r);
}

}  // namespace
}  // namespace oomguard::watch
