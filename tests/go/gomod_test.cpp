// go.mod parsing and discovery up the directory tree.
#include "go/gomod.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "go/packages.h"
#include "go/walk.h"

namespace oomguard::go {
namespace {

namespace fs = std::filesystem;

class TempTree {
 public:
  TempTree() {
    std::string tmpl = (fs::temp_directory_path() / "oomguard_gomod_XXXXXX").string();
    root_ = ::mkdtemp(tmpl.data()) != nullptr ? tmpl : std::string();
  }
  ~TempTree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  std::string path(const std::string& rel) const { return root_ + "/" + rel; }
  void write(const std::string& rel, const std::string& contents) const {
    fs::create_directories(fs::path(path(rel)).parent_path());
    std::ofstream(path(rel), std::ios::binary) << contents;
  }
  void mkdir(const std::string& rel) const { fs::create_directories(path(rel)); }
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

TEST(ParseGoMod, ModuleAndGoLines) {
  auto f = parse_go_mod("module example.com/m\n\ngo 1.21\n\nrequire golang.org/x/net v0.1.0\n");
  EXPECT_EQ(f.module_path, "example.com/m");
  EXPECT_EQ(f.go_version, "1.21");
  EXPECT_EQ(f.error, "");
}

TEST(ParseGoMod, GoVersionKeptAsWritten) {
  EXPECT_EQ(parse_go_mod("module m\ngo 1.21.3\n").go_version, "1.21.3");
  EXPECT_EQ(parse_go_mod("module m\ngo 1.22rc1\n").go_version, "1.22rc1");
  EXPECT_EQ(parse_go_mod("module m\n").go_version, "");
}

TEST(ParseGoMod, QuotedPathsAndComments) {
  EXPECT_EQ(parse_go_mod("module \"example.com/q\"\n").module_path, "example.com/q");
  EXPECT_EQ(parse_go_mod("module `example.com/raw`\n").module_path, "example.com/raw");
  EXPECT_EQ(parse_go_mod("// module fake\nmodule real // comment\n").module_path, "real");
  EXPECT_EQ(parse_go_mod("module m//c\ngo 1.20 // newest\n").go_version, "1.20");
  EXPECT_EQ(parse_go_mod("module\tm\r\ngo\t1.19\r\n").go_version, "1.19");
}

TEST(ParseGoMod, BlocksDoNotConfuseDirectives) {
  auto f = parse_go_mod(
      "module (\n  example.com/block\n)\nrequire (\n  go v1.0.0\n  module v2.0.0\n)\n"
      "replace (\n)\ngo 1.20\n");
  EXPECT_EQ(f.module_path, "example.com/block");
  EXPECT_EQ(f.go_version, "1.20");
  EXPECT_EQ(parse_go_mod("module (example.com/one)\n").module_path, "example.com/one");
}

TEST(ParseGoMod, Errors) {
  auto f = parse_go_mod("module m\ngo 1.20\nreplace x => \"unterminated\n");
  EXPECT_EQ(f.module_path, "m");
  EXPECT_EQ(f.error, "unterminated quoted string");
  EXPECT_EQ(f.error_line, 3U);
  auto g = parse_go_mod("\nmodule\n");
  EXPECT_EQ(g.module_path, "");
  EXPECT_EQ(g.error_line, 2U);
}

TEST(GoMinorVersion, Parses) {
  EXPECT_EQ(go_minor_version("1.21"), 21);
  EXPECT_EQ(go_minor_version("1.21.3"), 21);
  EXPECT_EQ(go_minor_version("1.22rc1"), 22);
  EXPECT_EQ(go_minor_version("2.0"), -1);
  EXPECT_EQ(go_minor_version(""), -1);
  EXPECT_EQ(go_minor_version("1."), -1);
}

TEST(FindModule, NearestGoModUpTheTree) {
  TempTree t;
  t.write("go.mod", "module example.com/top\ngo 1.21.3\n");
  t.write("a/sub/go.mod", "module \"example.com/sub\" // nested\n");
  t.mkdir("a/b/c");
  t.mkdir("a/sub/deep/er");

  auto top = find_module(t.path("a/b/c"));
  ASSERT_TRUE(top.has_value());
  EXPECT_EQ(top->dir, t.root());
  EXPECT_EQ(top->module_path, "example.com/top");
  EXPECT_EQ(top->go_version, "1.21.3");

  auto sub = find_module(t.path("a/sub/deep/er"));
  ASSERT_TRUE(sub.has_value());
  EXPECT_EQ(sub->dir, t.path("a/sub"));
  EXPECT_EQ(sub->module_path, "example.com/sub");
  EXPECT_EQ(sub->go_version, "");

  auto at = find_module(t.root());
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->module_path, "example.com/top");
}

TEST(FindModule, NoneAboveReturnsNullopt) {
  TempTree t;
  t.mkdir("x/y");
  // Only meaningful when nothing above the temp directory has a go.mod.
  for (fs::path p = t.root(); p != p.parent_path(); p = p.parent_path()) {
    if (fs::exists(p / "go.mod")) GTEST_SKIP() << "a go.mod exists above " << t.root();
  }
  if (fs::exists("/go.mod")) GTEST_SKIP();
  EXPECT_FALSE(find_module(t.path("x/y")).has_value());
}

TEST(FindModule, DirectoryNamedGoModIsNotAGoMod) {
  TempTree t;
  t.write("go.mod", "module outer\n");
  t.mkdir("in/go.mod");
  auto m = find_module(t.path("in"));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->module_path, "outer");
}

TEST(ModuleCache, RemembersEveryDirectoryOnThePath) {
  TempTree t;
  t.write("go.mod", "module cached\n");
  t.mkdir("a/b/c");
  ModuleCache cache;
  const auto* m = cache.find(clean_path(t.path("a/b/c")));
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->fields.module_path, "cached");
  // The answer for a/b/c and every directory above it is now cached: removing go.mod does not
  // change it for this cache (one load sees one consistent tree), but a fresh cache sees it.
  fs::remove(t.path("go.mod"));
  EXPECT_EQ(cache.find(clean_path(t.path("a/b"))), m);
  EXPECT_EQ(cache.find(clean_path(t.path("a/b/c"))), m);
  ModuleCache fresh;
  const auto* n = fresh.find(clean_path(t.path("a/b/c")));
  EXPECT_TRUE(n == nullptr || n->abs_dir != clean_path(t.root()));
}

}  // namespace
}  // namespace oomguard::go
