// oomguard watch URL: poll a live Go service, detect goroutine and heap leaks, capture
// snapshots on a trigger, attribute the growth, and export the signals to Prometheus.
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "cli/commands.h"
#include "core/exit_codes.h"
#include "watch/exporter.h"
#include "watch/report.h"
#include "watch/units.h"
#include "watch/watcher.h"

namespace oomguard::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int /*sig*/) { g_stop.store(true); }

struct WatchArgs {
  std::string url;
  std::string interval = "10s";
  std::string duration = "0";
  std::string limit = "auto";
  int pid = 0;
  std::string out = "oomguard-snapshots";
  bool no_snapshots = false;
  std::string listen;
  std::string format = "text";
  std::string window = "5m";
  std::string timeout = "5s";
  std::string max_bytes = "64MiB";
  std::string cooldown = "1m";
  std::string dump_cooldown = "5m";
  size_t max_snapshots = 20;
  double goroutine_min = 100, goroutine_diff = 25, goroutine_abs = 0;
  std::string heap_min = "4MiB", heap_abs = "0";
  double heap_diff = 25;
  int confirm = 3;
};

int usage(const std::string& msg) {
  std::fprintf(stderr, "oomguard watch: %s\n", msg.c_str());
  return kExitUsage;
}

int run(const WatchArgs& a) {
  using namespace watch;
  WatchConfig c = default_config();
  c.url = a.url;
  auto dur = [&](const std::string& flag, const std::string& v, double& out) -> bool {
    auto r = parse_duration(v);
    if (!r) {
      usage(fmt::format("{}: {}", flag, r.error()));
      return false;
    }
    out = *r;
    return true;
  };
  auto bytes = [&](const std::string& flag, const std::string& v, double& out) -> bool {
    auto r = parse_bytes(v);
    if (!r) {
      usage(fmt::format("{}: {}", flag, r.error()));
      return false;
    }
    out = static_cast<double>(*r);
    return true;
  };
  double timeout = 5, max_bytes = 0, cooldown = 60;
  if (!dur("--interval", a.interval, c.interval_s) ||
      !dur("--duration", a.duration, c.duration_s) || !dur("--window", a.window, c.window_s) ||
      !dur("--timeout", a.timeout, timeout) || !dur("--cooldown", a.cooldown, cooldown) ||
      !dur("--dump-cooldown", a.dump_cooldown, c.dump_cooldown_s) ||
      !bytes("--max-bytes", a.max_bytes, max_bytes) ||
      !bytes("--heap-min", a.heap_min, c.heap.min) ||
      !bytes("--heap-abs", a.heap_abs, c.heap.abs)) {
    return kExitUsage;
  }
  if (c.interval_s <= 0) return usage("--interval must be positive");
  if (timeout <= 0) return usage("--timeout must be positive");
  if (c.window_s < c.interval_s * 4) return usage("--window must hold at least 4 intervals");
  if (a.limit != "auto") {
    auto l = parse_bytes(a.limit);
    if (!l || *l == 0) return usage(fmt::format("--limit: {}", l ? "must be positive" : l.error()));
    c.limit = *l;
  }
  if (a.confirm < 1) return usage("--confirm must be at least 1");
  c.pid = a.pid;
  c.out_dir = a.out;
  c.capture = !a.no_snapshots && !a.out.empty();
  c.max_snapshots = a.max_snapshots;
  c.http.timeout_ms = static_cast<long>(timeout * 1000);
  c.http.connect_timeout_ms = std::min<long>(c.http.timeout_ms, 2000);
  c.http.max_bytes = static_cast<uint64_t>(max_bytes);
  c.heap.diff_pct = a.heap_diff;
  c.heap.cooldown_s = cooldown;
  c.heap.confirm = a.confirm;
  c.goroutines.min = a.goroutine_min;
  c.goroutines.diff_pct = a.goroutine_diff;
  c.goroutines.abs = a.goroutine_abs;
  c.goroutines.cooldown_s = cooldown;
  c.goroutines.confirm = a.confirm;

  Exporter exporter;
  bool exporting = false;
  if (!a.listen.empty()) {
    auto hp = parse_listen(a.listen);
    if (!hp) return usage(hp.error());
    auto port = exporter.start(hp->first, hp->second);
    if (!port) return usage(port.error());
    exporting = true;
    std::fprintf(stderr, "oomguard watch: serving metrics on http://%s:%d/metrics\n",
                 hp->first.find(':') != std::string::npos ? ("[" + hp->first + "]").c_str()
                                                          : hp->first.c_str(),
                 *port);
    LiveState init;
    init.target = c.url;
    exporter.set_metrics(format_metrics({init}));
  }

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  bool tty = isatty(STDERR_FILENO) == 1;
  bool status_shown = false;
  WatchHooks hooks;
  hooks.on_sample = [&](const LiveState& s) {
    if (exporting) exporter.set_metrics(format_metrics({s}));
    if (tty) {
      std::string line = format_status_line(s);
      // A wrapped line could not be erased with \r: cut it to the terminal's width.
      winsize ws{};
      if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 && line.size() >= ws.ws_col) {
        line.resize(ws.ws_col - 1);
      }
      std::fprintf(stderr, "\r\033[K%s", line.c_str());
      std::fflush(stderr);
      status_shown = true;
    }
  };
  hooks.on_note = [&](const std::string& n) {
    if (status_shown) std::fputs("\r\033[K", stderr);
    std::fprintf(stderr, "oomguard watch: %s\n", n.c_str());
    status_shown = false;
  };
  WatchReport r = run_watch(c, g_stop, hooks);
  if (status_shown) std::fputs("\r\033[K", stderr);
  exporter.stop();
  std::string out = a.format == "json" ? format_json(r) : format_text(r);
  if (a.format == "json") {
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else {
    // Notes were already printed live on stderr.
    WatchReport quiet = r;
    quiet.notes.clear();
    out = format_text(quiet);
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  if (r.verdict == "unreachable") {
    std::fprintf(stderr, "oomguard watch: %s never answered during the run\n", c.url.c_str());
  }
  return r.exit_code();
}

}  // namespace

void register_watch(CLI::App& app, Runner& runner) {
  auto a = std::make_shared<WatchArgs>();
  CLI::App* sub = app.add_subcommand(
      "watch",
      "Watch a running Go service (net/http/pprof, expvar /debug/vars or Prometheus /metrics): "
      "heap after GC, goroutines, GC rate and time to OOM; capture profiles on a trigger and name "
      "the leaking function. Exit 0: healthy, 1: leak detected, 2: usage error or target "
      "unreachable for the whole run.");
  sub->add_option("url", a->url,
                  "base URL of the service's debug listener, e.g. http://127.0.0.1:6060")
      ->required();
  sub->add_option("--interval", a->interval, "poll interval (Go duration)")->capture_default_str();
  sub->add_option("--duration", a->duration, "stop after this long (0 = until SIGINT/SIGTERM)")
      ->capture_default_str();
  sub->add_option("--limit", a->limit,
                  "memory limit for the time-to-OOM projection: auto (cgroup of --pid, then "
                  "GOMEMLIMIT) or a size like 4GiB")
      ->capture_default_str();
  sub->add_option("--pid", a->pid,
                  "process id of the service on this host (RSS, cgroup limit, OOM kills)");
  sub->add_option("--out", a->out, "directory for captured snapshots")->capture_default_str();
  sub->add_flag("--no-snapshots", a->no_snapshots, "capture and attribute in memory only");
  sub->add_option("--max-snapshots", a->max_snapshots,
                  "trigger captures kept in --out (baselines are kept)")
      ->capture_default_str();
  sub->add_option("--listen", a->listen,
                  "serve Prometheus /metrics on this address (host:port; ':port' binds 127.0.0.1)");
  sub->add_option("--format", a->format, "final report: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->add_option("--window", a->window, "trend window (Go duration)")->capture_default_str();
  sub->add_option("--timeout", a->timeout, "per-request timeout (Go duration)")
      ->capture_default_str();
  sub->add_option("--max-bytes", a->max_bytes, "per-response size limit")->capture_default_str();
  sub->add_option("--cooldown", a->cooldown, "minimum time between two trigger captures")
      ->capture_default_str();
  sub->add_option("--dump-cooldown", a->dump_cooldown,
                  "minimum time between two debug=2 goroutine dumps (they stop the world)")
      ->capture_default_str();
  sub->add_option("--goroutine-min", a->goroutine_min, "goroutines below this never trigger")
      ->capture_default_str();
  sub->add_option("--goroutine-diff", a->goroutine_diff,
                  "trigger on a sustained growth of this percent over the window's baseline")
      ->capture_default_str();
  sub->add_option("--goroutine-abs", a->goroutine_abs,
                  "trigger at this many goroutines regardless of trend (0 = off)")
      ->capture_default_str();
  sub->add_option("--heap-min", a->heap_min, "heap after GC below this never triggers")
      ->capture_default_str();
  sub->add_option("--heap-diff", a->heap_diff,
                  "trigger on a sustained growth of this percent over the window's baseline")
      ->capture_default_str();
  sub->add_option("--heap-abs", a->heap_abs,
                  "trigger at this heap after GC regardless of trend (0 = off)")
      ->capture_default_str();
  sub->add_option("--confirm", a->confirm, "consecutive samples a trigger must hold")
      ->capture_default_str();
  sub->callback([a, &runner] { runner = [a] { return run(*a); }; });
}

}  // namespace oomguard::cli
