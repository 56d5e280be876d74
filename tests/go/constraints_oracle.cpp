// Differential test (LABELS oracle): match_build_constraints against go/build's MatchFile on
// thousands of generated file headers and names plus the fuzz corpus, in two configurations.
// The Go side is tests/go/testdata/constraints_oracle (standard library only).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "go/packages.h"

namespace oomguard::go {
namespace {

namespace fs = std::filesystem;

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

// Random headers from the pieces that matter to go/build's header rules.
class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  std::string file() { return name() + "\n" + header() + body(); }

 private:
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  template <typename T>
  const T& one_of(const std::vector<T>& v) {
    return v[pick(v.size())];
  }

  std::string name() {
    static const std::vector<std::string> stems = {"x", "a_b", "windows", "x_y"};
    static const std::vector<std::string> parts = {"",       "_linux", "_windows", "_amd64",
                                                   "_arm64", "_unix",  "_android", "_foo"};
    std::string n = one_of(stems) + one_of(parts) + one_of(parts);
    if (pick(4) == 0) n += "_test";
    if (pick(8) == 0) n += ".pb";
    return n;
  }

  std::string tag() {
    static const std::vector<std::string> tags = {
        "linux",        "windows", "amd64",   "arm64",
        "unix",         "cgo",     "gc",      "gccgo",
        "go1.1",        "go1.19",  "go1.20",  "ignore",
        "integration",  "foo",     "android", "goexperiment.regabiargs",
        "boringcrypto", "a.b_c",   "x-y",     "caf\xC3\xA9"};
    return one_of(tags);
  }

  std::string expr(int depth) {
    switch (depth > 3 ? 0 : pick(7)) {
      case 0:
      case 1:
        return tag();
      case 2:
        return "!" + expr(depth + 1);
      case 3:
        return "(" + expr(depth + 1) + ")";
      case 4:
        return expr(depth + 1) + " && " + expr(depth + 1);
      case 5:
        return expr(depth + 1) + " || " + expr(depth + 1);
      default: {
        static const std::vector<std::string> junk = {"&", "|", "&&", "||", "!", "(",
                                                      ")", "",  " ",  "!!", ",", "\t"};
        return expr(depth + 1) + one_of(junk) + (pick(2) != 0 ? expr(depth + 1) : "");
      }
    }
  }

  std::string plus_build() {
    std::string s;
    size_t clauses = pick(4);
    for (size_t i = 0; i < clauses; ++i) {
      if (i > 0) s += pick(5) == 0 ? "\t" : " ";
      size_t lits = 1 + pick(3);
      for (size_t j = 0; j < lits; ++j) {
        if (j > 0) s += ",";
        size_t bang = pick(6);
        if (bang == 0) s += "!";
        if (bang == 1) s += "!!";
        s += tag();
      }
    }
    return s;
  }

  std::string line() {
    switch (pick(12)) {
      case 0:
      case 1:
        return "";
      case 2:
        return "// Copyright";
      case 3:
      case 4:
        return "//go:build " + expr(0);
      case 5:
      case 6:
        return std::string(pick(3) == 0 ? "//+build " : "// +build ") + plus_build();
      case 7:
        return "/* block */";
      case 8:
        return pick(2) != 0 ? "/*" : "*/";
      case 9:
        return "  \t";
      case 10:
        return std::string(pick(2) != 0 ? "//go:build" : "// +build");
      default:
        return "//go:buildx";
    }
  }

  std::string header() {
    std::string h = pick(10) == 0 ? "\xEF\xBB\xBF" : "";
    size_t n = pick(7);
    const char* eol = pick(6) == 0 ? "\r\n" : "\n";
    for (size_t i = 0; i < n; ++i) h += line() + eol;
    return h;
  }

  std::string body() {
    std::string b = "package x\n";
    if (pick(3) == 0) b += "\n" + line() + "\n";  // constraint-looking lines after the clause
    if (pick(4) == 0) b += "import \"os\"\n";
    return b;
  }

  std::mt19937 rng_;
};

TEST(ConstraintsOracle, MatchesGoBuildMatchFile) {
  const std::string env = "GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0 ";
  if (run(env + "go version 2>/dev/null").empty()) GTEST_SKIP() << "go not found";

  std::string tmpl = (fs::temp_directory_path() / "oomguard_constraints_XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  const fs::path dir = tmpl;
  std::map<std::string, std::string> inputs;
  Generator gen(20261127);
  for (int i = 0; i < 4000; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "gen%05d", i);
    inputs[name] = gen.file();
  }
  const fs::path corpus = fs::path(OOMGUARD_SOURCE_DIR) / "fuzz/corpus/fuzz_go_constraints";
  for (const auto& e : fs::directory_iterator(corpus)) {
    std::ifstream in(e.path(), std::ios::binary);
    inputs["corpus_" + e.path().filename().string()] =
        std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  for (const auto& [name, data] : inputs) {
    std::ofstream(dir / name, std::ios::binary) << data;
  }

  const std::string prog =
      std::string(OOMGUARD_SOURCE_DIR) + "/tests/go/testdata/constraints_oracle";
  std::string out = run("cd '" + prog + "' && " + env + "go run . '" + dir.string() + "'");
  fs::remove_all(dir);
  ASSERT_FALSE(out.empty()) << "the Go oracle produced no output";

  LoadOptions linux_opts;
  LoadOptions windows_opts;
  windows_opts.goos = "windows";
  windows_opts.goarch = "arm64";
  windows_opts.tags = {"integration", "foo", "cgo"};
  std::istringstream lines(out);
  std::string input;
  std::string config;
  std::string want;
  size_t compared = 0;
  size_t mismatches = 0;
  std::map<std::string, size_t> verdicts;
  while (lines >> input >> config >> want) {
    ++verdicts[want];
    if (want == "skip") continue;
    const std::string& data = inputs.at(input);
    std::string_view v(data);
    std::string name = ".go";
    std::string_view contents = v;
    size_t nl = v.find('\n');
    if (nl != std::string_view::npos && nl <= 64) {
      name = std::string(v.substr(0, nl)) + ".go";
      contents = v.substr(nl + 1);
    }
    std::string err;
    bool ok = match_build_constraints(name, contents, config == "linux" ? linux_opts : windows_opts,
                                      &err);
    std::string got = !err.empty() ? "error" : ok ? "true" : "false";
    ++compared;
    if (got != want && ++mismatches <= 20) {
      ADD_FAILURE() << input << " [" << config << "] go/build: " << want << ", ours: " << got << " "
                    << err << "\n--- name: " << name << "\n"
                    << contents << "\n---";
    }
  }
  EXPECT_EQ(mismatches, 0U);
  EXPECT_GT(compared, 6000U);
  EXPECT_GT(verdicts["true"], 1000U);
  EXPECT_GT(verdicts["false"], 1000U);
  EXPECT_GT(verdicts["error"], 100U);
  std::printf("compared %zu verdicts (true %zu, false %zu, error %zu, skipped %zu)\n", compared,
              verdicts["true"], verdicts["false"], verdicts["error"], verdicts["skip"]);
}

}  // namespace
}  // namespace oomguard::go
