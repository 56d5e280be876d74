// The `oomguard goroutines` command end to end: exit codes, formats, --base, --html, stdin.
// Runs the binary from the same build tree; skipped when it was not built.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

fs::path cli() { return fs::path(OOMGUARD_BINARY_DIR) / "src/cli/oomguard"; }
std::string testdata(const std::string& name) {
  return std::string(OOMGUARD_SOURCE_DIR) + "/tests/goroutines/testdata/" + name;
}

struct CliRun {
  int code = -1;
  std::string out;
};

CliRun run(const std::string& args) {
  CliRun r;
  std::string cmd = "'" + cli().string() + "' goroutines " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("oomguard_cli_" + std::to_string(getpid()) + "_" + name))
      .string();
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(cli())) GTEST_SKIP() << "oomguard binary not built";
  }
};

TEST_F(Cli, ExitOneWithSuspectsAndJsonShape) {
  CliRun r = run("--format json '" + testdata("goroutines.debug2.txt") + "'");
  EXPECT_EQ(r.code, 1);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "debug=2");
  EXPECT_EQ(j["suspects"][0]["function"], "main.sendLeak.func1");
  EXPECT_TRUE(j["groups"][0].contains("wait_minutes"));
}

TEST_F(Cli, ExitZeroWithoutSuspects) {
  std::string p = temp_path("benign.txt");
  std::ofstream(p) << "goroutine 1 [running]:\nmain.main()\n\t/a/main.go:3 +0x1\n\n"
                      "goroutine 2 [IO wait]:\ninternal/poll.runtime_pollWait(0x1)\n"
                      "\t/go/src/runtime/netpoll.go:305 +0x89\nmain.serve()\n\t/a/s.go:9 +0x2\n";
  CliRun r = run("'" + p + "'");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("no leak suspects"), std::string::npos);
  fs::remove(p);
}

TEST_F(Cli, ExitTwoOnInputErrors) {
  EXPECT_EQ(run("/nonexistent/dump.txt").code, 2);
  std::string p = temp_path("garbage.txt");
  std::ofstream(p) << "this is not a goroutine dump\n";
  EXPECT_EQ(run("'" + p + "'").code, 2);
  EXPECT_EQ(run("--similarity fuzzy '" + testdata("goroutines.debug2.txt") + "'").code, 2);
  fs::remove(p);
}

TEST_F(Cli, ReadsStandardInput) {
  CliRun r = run("--format json - < '" + testdata("goroutines.debug1.txt") + "'");
  EXPECT_EQ(r.code, 1);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "debug=1");
  EXPECT_EQ(j["source"], "<stdin>");
}

TEST_F(Cli, BaseShowsGrowth) {
  // The base is one goroutine of the send leak, cut from the current dump itself.
  std::ifstream in(testdata("goroutines.debug2.txt"));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string dump = ss.str();
  size_t at = dump.find(" [chan send]:\n");
  ASSERT_NE(at, std::string::npos);
  size_t begin = dump.rfind("goroutine ", at);
  size_t end = dump.find("\n\n", at);
  std::string base = temp_path("base.txt");
  std::ofstream(base) << dump.substr(begin, end - begin) << "\n";
  CliRun r = run("--format json --base '" + base + "' '" + testdata("goroutines.debug2.txt") + "'");
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("growth"));
  // The send leak grew from 1 to 200; everything else is new.
  EXPECT_EQ(j["growth"][0]["base_count"], 1);
  EXPECT_EQ(j["growth"][0]["count"], 200);
  EXPECT_EQ(j["growth"][0]["status"], "matched");
  EXPECT_EQ(j["growth"][0]["site"]["function"], "main.sendLeak.func1");
  fs::remove(base);
}

TEST_F(Cli, HtmlReportIsWrittenAndEscaped) {
  std::string dump = temp_path("evil.txt");
  std::ofstream out(dump);
  for (int i = 0; i < 12; ++i) {
    out << "goroutine " << i + 1 << " [chan send]:\nmain.<script>alert(1)</script>()\n"
        << "\t/a/x.go:1 +0x1\n\n";
  }
  out.close();
  std::string html = temp_path("out.html");
  CliRun r = run("--html '" + html + "' '" + dump + "'");
  EXPECT_EQ(r.code, 1);
  std::ifstream in(html);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string page = ss.str();
  EXPECT_NE(page.find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;"), std::string::npos);
  fs::remove(dump);
  fs::remove(html);
}

}  // namespace
