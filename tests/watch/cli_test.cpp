// The `oomguard watch` command end to end: usage errors, a target unreachable for the whole run
// (exit 2, JSON verdict "unreachable"), and SIGINT ending an unbounded run that still prints its
// summary. Runs the binary from the same build tree; skipped when it was not built.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

fs::path cli() { return fs::path(OOMGUARD_BINARY_DIR) / "src/cli/oomguard"; }

struct Child {
  pid_t pid = -1;
  int out_fd = -1;
  int err_fd = -1;
};

Child spawn(const std::vector<std::string>& args) {
  Child c;
  int out[2], err[2];
  if (pipe(out) != 0 || pipe(err) != 0) return c;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  posix_spawn_file_actions_addclose(&fa, err[0]);
  std::vector<std::string> all = {cli().string(), "watch"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (posix_spawn(&c.pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) c.pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  close(err[1]);
  c.out_fd = out[0];
  c.err_fd = err[0];
  return c;
}

struct Finished {
  int code = -1;
  std::string out, err;
};

std::string drain(int fd) {
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  close(fd);
  return s;
}

Finished wait_for(Child c) {
  Finished f;
  std::thread t([&] { f.err = drain(c.err_fd); });
  f.out = drain(c.out_fd);
  t.join();
  int st = 0;
  waitpid(c.pid, &st, 0);
  f.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return f;
}

Finished run(const std::vector<std::string>& args) { return wait_for(spawn(args)); }

// A port that was free a moment ago and has no listener now.
int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    close(fd);
    return 1;
  }
  close(fd);
  return ntohs(a.sin_port);
}

#define REQUIRE_CLI() \
  if (!fs::exists(cli())) GTEST_SKIP() << "oomguard not built"

TEST(WatchCli, UsageErrorsExit2) {
  REQUIRE_CLI();
  EXPECT_EQ(run({}).code, 2);
  Finished f = run({"http://127.0.0.1:1", "--interval", "10"});
  EXPECT_EQ(f.code, 2);
  EXPECT_NE(f.err.find("--interval: missing unit"), std::string::npos) << f.err;
  EXPECT_EQ(run({"http://127.0.0.1:1", "--limit", "lots"}).code, 2);
  EXPECT_EQ(run({"http://127.0.0.1:1", "--format", "xml"}).code, 2);
  EXPECT_EQ(run({"http://127.0.0.1:1", "--listen", "nowhere:port"}).code, 2);
}

TEST(WatchCli, UnreachableForTheWholeRunIsExit2WithJsonVerdict) {
  REQUIRE_CLI();
  int port = free_port();
  Finished f = run({"http://127.0.0.1:" + std::to_string(port), "--interval", "100ms", "--duration",
                    "300ms", "--format", "json", "--no-snapshots"});
  EXPECT_EQ(f.code, 2) << f.err;
  auto j = nlohmann::json::parse(f.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << f.out;
  EXPECT_EQ(j["verdict"], "unreachable");
  EXPECT_EQ(j["samples"], 0);
  EXPECT_TRUE(j["leaks"].empty());
  EXPECT_NE(f.err.find("never answered"), std::string::npos) << f.err;
}

TEST(WatchCli, SigintEndsTheRunWithASummary) {
  REQUIRE_CLI();
  httplib::Server s;
  std::atomic<int> polls{0};
  s.Get("/debug/vars", [&](const httplib::Request&, httplib::Response& res) {
    int n = ++polls;
    res.set_content(
        R"({"memstats":{"HeapAlloc":1000000,"NextGC":4000000,"NumGC":)" + std::to_string(n) + "}}",
        "application/json");
  });
  int port = s.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread server([&] { s.listen_after_bind(); });
  while (!s.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  Child c =
      spawn({"http://127.0.0.1:" + std::to_string(port), "--interval", "50ms", "--no-snapshots"});
  ASSERT_GT(c.pid, 0);
  // Discovery reads /debug/vars once; then every poll does. Interrupt after a few polls.
  while (polls.load() < 5) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(c.pid, SIGINT);
  Finished f = wait_for(c);
  s.stop();
  server.join();
  EXPECT_EQ(f.code, 0) << f.err;
  EXPECT_NE(f.out.find("metric"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("verdict: healthy"), std::string::npos) << f.out;
  // stderr is a pipe, not a terminal: no status line.
  EXPECT_EQ(f.err.find("\r"), std::string::npos);
}

}  // namespace
