// Lexical paths, display rules, directory listings and `...` walks (skips, symlinks, loops).
#include "go/walk.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace oomguard::go {
namespace {

namespace fs = std::filesystem;

class TempTree {
 public:
  TempTree() {
    std::string tmpl = (fs::temp_directory_path() / "oomguard_walk_XXXXXX").string();
    root_ = ::mkdtemp(tmpl.data()) != nullptr ? clean_path(tmpl) : std::string();
  }
  ~TempTree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  std::string path(const std::string& rel) const { return root_ + "/" + rel; }
  void write(const std::string& rel, const std::string& contents = "package p\n") const {
    fs::create_directories(fs::path(path(rel)).parent_path());
    std::ofstream(path(rel), std::ios::binary) << contents;
  }
  void mkdir(const std::string& rel) const { fs::create_directories(path(rel)); }
  void symlink(const std::string& target, const std::string& rel) const {
    fs::create_directories(fs::path(path(rel)).parent_path());
    ASSERT_EQ(::symlink(target.c_str(), path(rel).c_str()), 0);
  }
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

std::vector<std::string> displays(const std::vector<FoundDir>& dirs) {
  std::vector<std::string> out;
  for (const auto& d : dirs) out.push_back(d.display);
  std::sort(out.begin(), out.end());
  return out;
}

using V = std::vector<std::string>;

TEST(CleanPath, LikeGoFilepathClean) {
  EXPECT_EQ(clean_path(""), ".");
  EXPECT_EQ(clean_path("./"), ".");
  EXPECT_EQ(clean_path("./..."), "...");
  EXPECT_EQ(clean_path("a//b/./c/"), "a/b/c");
  EXPECT_EQ(clean_path("a/../../b"), "../b");
  EXPECT_EQ(clean_path("/../a"), "/a");
  EXPECT_EQ(clean_path("/"), "/");
  EXPECT_EQ(clean_path("../../x/..."), "../../x/...");
  EXPECT_EQ(join_path(".", "a"), "a");
  EXPECT_EQ(join_path("/", "a"), "/a");
  EXPECT_EQ(parent_dir("/a/b"), "/a");
  EXPECT_EQ(parent_dir("/a"), "/");
  EXPECT_EQ(parent_dir("/"), "/");
}

TEST(PathDisplay, RelativeBelowTheWorkingDirectoryElseAsGiven) {
  PathDisplay p("/work/proj");
  EXPECT_EQ(p.abs("a/b"), "/work/proj/a/b");
  EXPECT_EQ(p.abs("../x"), "/work/x");
  EXPECT_EQ(p.show("/work/proj", "."), ".");
  EXPECT_EQ(p.show("/work/proj/a/b.go", "/work/proj/a/b.go"), "a/b.go");
  EXPECT_EQ(p.show("/work/x/a.go", "../x/a.go"), "../x/a.go");
  EXPECT_EQ(p.show("/work/projx/a.go", "/work/projx/a.go"), "/work/projx/a.go");
  PathDisplay root("/");
  EXPECT_EQ(root.show("/usr/a.go", "/usr/a.go"), "usr/a.go");
  EXPECT_EQ(root.show("/", "/"), ".");
}

TEST(MatchDotsPattern, GoToolSemantics) {
  EXPECT_TRUE(match_dots_pattern("...", "."));
  EXPECT_TRUE(match_dots_pattern("...", "a/b"));
  EXPECT_TRUE(match_dots_pattern("a/...", "a"));  // foo/... matches foo too
  EXPECT_TRUE(match_dots_pattern("a/...", "a/b/c"));
  EXPECT_FALSE(match_dots_pattern("a/...", "ab"));
  EXPECT_TRUE(match_dots_pattern("a...", "ab"));
  EXPECT_TRUE(match_dots_pattern("a...", "a/b"));
  EXPECT_TRUE(match_dots_pattern("a/.../c", "a/b/x/c"));
  EXPECT_FALSE(match_dots_pattern("a/.../c", "a/b/x/d"));
  EXPECT_TRUE(match_dots_pattern("../x/...", "../x"));
  EXPECT_FALSE(match_dots_pattern("a/b", "a/b/c"));
}

TEST(ListDir, ClassifiesEntries) {
  TempTree t;
  t.write("a.go");
  t.write("b.txt", "x");
  t.mkdir("sub");
  t.mkdir("dir.go");
  t.symlink("sub", "link");
  t.symlink("missing.go", "dangling.go");
  t.symlink("a.go", "alias.go");
  auto l = list_dir(t.root());
  ASSERT_TRUE(l.ok()) << l.error();
  EXPECT_EQ(l->go_files, (V{"a.go", "alias.go", "dangling.go"}));
  EXPECT_EQ(l->subdirs, (V{"dir.go", "sub"}));
  EXPECT_EQ(l->link_dirs, (V{"link"}));
  EXPECT_FALSE(list_dir(t.path("nope")).ok());
  EXPECT_FALSE(list_dir(t.path("a.go")).ok());
}

TEST(ExpandDirPattern, WalkSkipsVendorTestdataDotAndUnderscore) {
  TempTree t;
  for (const char* d : {"a", "a/b", "vendor/v", "a/testdata", "a/vendor", ".git", "_tools",
                        "a/.hidden", "a/_old", "a/ok_name", "a/x.y"}) {
    t.mkdir(d);
  }
  PathDisplay paths("/nonexistent-cwd");
  std::vector<Diagnostic> diags;
  auto dirs = expand_dir_pattern(t.root() + "/...", paths, &diags);
  EXPECT_TRUE(diags.empty());
  std::vector<std::string> want;
  for (const char* d : {"", "/a", "/a/b", "/a/ok_name", "/a/x.y"}) want.push_back(t.root() + d);
  EXPECT_EQ(displays(dirs), want);
}

TEST(ExpandDirPattern, ExplicitlyNamedSkippedDirectoriesAreWalked) {
  TempTree t;
  t.mkdir("testdata/x/testdata");
  t.mkdir("_under/y");
  PathDisplay paths(t.root());
  std::vector<Diagnostic> diags;
  EXPECT_EQ(displays(expand_dir_pattern("./testdata/...", paths, &diags)),
            (V{"testdata", "testdata/x"}));
  EXPECT_EQ(displays(expand_dir_pattern("_under/...", paths, &diags)), (V{"_under", "_under/y"}));
  EXPECT_EQ(displays(expand_dir_pattern("testdata/x/testdata", paths, &diags)),
            (V{"testdata/x/testdata"}));
  EXPECT_TRUE(diags.empty());
}

TEST(ExpandDirPattern, PatternFormsRelativeToTheWorkingDirectory) {
  TempTree t;
  t.mkdir("proj/a/b");
  t.mkdir("proj/ab");
  t.mkdir("other/c");
  PathDisplay paths(t.path("proj"));
  std::vector<Diagnostic> diags;
  EXPECT_EQ(displays(expand_dir_pattern("./...", paths, &diags)), (V{".", "a", "a/b", "ab"}));
  EXPECT_EQ(displays(expand_dir_pattern("a/...", paths, &diags)), (V{"a", "a/b"}));
  EXPECT_EQ(displays(expand_dir_pattern("./a...", paths, &diags)), (V{"a", "a/b", "ab"}));
  EXPECT_EQ(displays(expand_dir_pattern("a", paths, &diags)), (V{"a"}));
  EXPECT_EQ(displays(expand_dir_pattern("../other/...", paths, &diags)),
            (V{"../other", "../other/c"}));
  EXPECT_EQ(displays(expand_dir_pattern(t.path("proj/a/..."), paths, &diags)), (V{"a", "a/b"}));
  EXPECT_TRUE(diags.empty());
  EXPECT_TRUE(expand_dir_pattern("missing/...", paths, &diags).empty());
  EXPECT_TRUE(expand_dir_pattern("missing", paths, &diags).empty());
  ASSERT_EQ(diags.size(), 2U);
  EXPECT_EQ(diags[0].file, "missing/...");
  EXPECT_EQ(diags[0].severity, Severity::kError);
}

TEST(ExpandDirPattern, SymlinkLoopTerminatesAndEachRealDirectoryIsVisitedOnce) {
  TempTree t;
  t.mkdir("a/b/c");
  t.symlink("..", "a/b/c/up");        // loop back to a/b
  t.symlink(t.root(), "a/b/c/top");   // loop to the walk root
  t.symlink("../../a", "a/b/again");  // loop to a
  t.symlink("b", "a/bb");             // a second name for a real directory
  PathDisplay paths("/nonexistent-cwd");
  std::vector<Diagnostic> diags;
  auto dirs = expand_dir_pattern(t.root() + "/...", paths, &diags);
  // Real paths win over symlinked ones, and every directory appears exactly once.
  std::vector<std::string> want;
  for (const char* d : {"", "/a", "/a/b", "/a/b/c"}) want.push_back(t.root() + d);
  EXPECT_EQ(displays(dirs), want);
  std::vector<DirId> ids;
  for (const auto& d : dirs) ids.push_back(d.listing.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  // The three loops are reported; the duplicate name is not.
  ASSERT_EQ(diags.size(), 3U) << (diags.empty() ? "" : diags[0].file + " " + diags.back().file);
  for (const auto& d : diags) {
    EXPECT_EQ(d.severity, Severity::kWarning);
    EXPECT_NE(d.message.find("loop"), std::string::npos) << d.message;
  }
}

TEST(ExpandDirPattern, SymlinkedDirectoryOutsideTheTreeIsFollowedOnce) {
  TempTree t;
  t.mkdir("tree/x");
  t.mkdir("elsewhere/lib/inner");
  t.symlink(t.path("elsewhere/lib"), "tree/x/lib");
  t.symlink(t.path("elsewhere/lib"), "tree/lib2");
  PathDisplay paths(t.path("tree"));
  std::vector<Diagnostic> diags;
  auto dirs = expand_dir_pattern("./...", paths, &diags);
  // The link found first in sorted walk order (tree/lib2) wins; the other is a duplicate.
  EXPECT_EQ(displays(dirs), (V{".", "lib2", "lib2/inner", "x"}));
  EXPECT_TRUE(diags.empty());
}

TEST(ExpandDirPattern, SkippedNamesApplyToSymlinksToo) {
  TempTree t;
  t.mkdir("real");
  t.mkdir("tree");
  t.symlink(t.path("real"), "tree/vendor");
  t.symlink(t.path("real"), "tree/.link");
  PathDisplay paths(t.path("tree"));
  std::vector<Diagnostic> diags;
  EXPECT_EQ(displays(expand_dir_pattern("./...", paths, &diags)), (V{"."}));
}

}  // namespace
}  // namespace oomguard::go
