// Differential test (LABELS oracle): the files the loader keeps for GOROOT/src/... with default
// options must be exactly the files `go list std cmd` reports (GoFiles, TestGoFiles,
// XTestGoFiles) with CGO_ENABLED=0, which matches our cgo-off default. vendor/ trees are left
// out on both sides (our walks skip them; go list includes std's vendored packages). The std
// pattern itself leaves out builtin, and runtime/cgo when cgo is off; both are named explicitly.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "go/packages.h"

namespace oomguard::go {
namespace {

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

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

template <typename T>
void expect_same(const std::set<T>& want, const std::set<T>& got, const char* what) {
  std::vector<T> missing;
  std::vector<T> extra;
  for (const auto& w : want) {
    if (got.count(w) == 0) missing.push_back(w);
  }
  for (const auto& g : got) {
    if (want.count(g) == 0) extra.push_back(g);
  }
  std::string msg;
  for (size_t i = 0; i < missing.size() && i < 20; ++i) msg += "  missing: " + missing[i] + "\n";
  for (size_t i = 0; i < extra.size() && i < 20; ++i) msg += "  extra:   " + extra[i] + "\n";
  EXPECT_TRUE(missing.empty() && extra.empty())
      << what << ": " << missing.size() << " missing, " << extra.size() << " extra\n"
      << msg;
}

struct Config {
  const char* env;  // go environment for go list
  LoadOptions opts;
  const char* extra_patterns;  // packages the std pattern leaves out in this configuration
};

void compare_goroot(const Config& cfg) {
  const std::string env = std::string("GOTOOLCHAIN=local GOFLAGS=-mod=mod ") + cfg.env + " ";
  std::string goroot = trim(run(env + "go env GOROOT 2>/dev/null"));
  if (goroot.empty()) GTEST_SKIP() << "go not found";
  std::string listing =
      run("cd '" + goroot + "/src' && " + env +
          "go list -e -f '{{.Dir}}|{{.Name}}|{{join .GoFiles \" \"}} {{join .CgoFiles \" \"}} "
          "{{join .TestGoFiles \" \"}} {{join .XTestGoFiles \" \"}}' std cmd " +
          cfg.extra_patterns);
  ASSERT_FALSE(listing.empty());

  std::set<std::string> want_files;
  std::set<std::string> want_pkgs;  // "dir name"
  for (const std::string& line : split(listing, '\n')) {
    auto fields = split(line, '|');
    if (fields.size() < 3 || fields[0].find("/vendor/") != std::string::npos) continue;
    if (fields[2].find_first_not_of(' ') == std::string::npos) continue;
    want_pkgs.insert(fields[0] + " " + fields[1]);
    for (const std::string& f : split(fields[2], ' ')) {
      if (!f.empty()) want_files.insert(fields[0] + "/" + f);
    }
  }
  ASSERT_GT(want_files.size(), 2000U);

  LoadResult r = load_packages({goroot + "/src/..."}, cfg.opts);
  for (const Diagnostic& d : r.errors) ADD_FAILURE() << format_diagnostic(d);
  std::set<std::string> got_files;
  std::set<std::string> got_pkgs;
  std::map<std::string, std::set<std::string>> names_by_dir;
  for (const Package& p : r.packages) {
    names_by_dir[p.dir].insert(p.name);
    for (const SourceFile& f : p.files) got_files.insert(f.path);
  }
  // go list reports one package per directory: foo_test files belong to foo's XTestGoFiles.
  for (const auto& [dir, names] : names_by_dir) {
    for (const std::string& n : names) {
      bool xtest = n.size() > 5 && n.compare(n.size() - 5, 5, "_test") == 0;
      std::string base = xtest ? n.substr(0, n.size() - 5) : n;
      if (!xtest || names.count(base) == 0) got_pkgs.insert(dir + " " + base);
    }
  }
  expect_same(want_files, got_files, "files");
  expect_same(want_pkgs, got_pkgs, "packages");
  std::printf("[%s] compared %zu files in %zu packages\n", cfg.env, got_files.size(),
              got_pkgs.size());
}

TEST(PackagesOracle, GorootLinuxAmd64MatchesGoList) {
  compare_goroot({"CGO_ENABLED=0 GOOS=linux GOARCH=amd64", LoadOptions{}, "builtin runtime/cgo"});
}

TEST(PackagesOracle, GorootWithCgoTagMatchesGoListWithCgo) {
  LoadOptions opts;
  opts.tags = {"cgo"};
  compare_goroot({"CGO_ENABLED=1 GOOS=linux GOARCH=amd64", opts, "builtin"});
}

TEST(PackagesOracle, GorootWindowsArm64MatchesGoList) {
  LoadOptions opts;
  opts.goos = "windows";
  opts.goarch = "arm64";
  compare_goroot({"CGO_ENABLED=0 GOOS=windows GOARCH=arm64", opts, "builtin runtime/cgo"});
}

TEST(PackagesOracle, GorootWithUserTagsMatchesGoList) {
  LoadOptions opts;
  opts.tags = {"purego,math_big_pure_go", "osusergo"};
  compare_goroot({"CGO_ENABLED=0 GOFLAGS='-mod=mod -tags=purego,math_big_pure_go,osusergo'", opts,
                  "builtin runtime/cgo"});
}

}  // namespace
}  // namespace oomguard::go
