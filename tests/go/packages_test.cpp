// load_packages end to end on trees built in a temp directory at test time.
#include "go/packages.h"

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
using V = std::vector<std::string>;

// A temp directory that is also the working directory for the test's lifetime.
class Tree {
 public:
  Tree() : old_cwd_(fs::current_path()) {
    std::string tmpl = (fs::temp_directory_path() / "oomguard_pkgs_XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    root_ = fs::canonical(tmpl).string();
    fs::create_directories(root_ + "/w");
    fs::current_path(root_ + "/w");
  }
  ~Tree() {
    fs::current_path(old_cwd_);
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;

  // Paths are relative to the working directory root/w (use "../" to go outside it).
  std::string abs(const std::string& rel) const { return root_ + "/w/" + rel; }
  void write(const std::string& rel, const std::string& contents) const {
    fs::create_directories(fs::path(abs(rel)).parent_path());
    std::ofstream(abs(rel), std::ios::binary) << contents;
  }
  void go(const std::string& rel, const std::string& pkg, const std::string& header = "") const {
    write(rel, header + "package " + pkg + "\n\nfunc F() {}\n");
  }
  void mkdir(const std::string& rel) const { fs::create_directories(abs(rel)); }
  void symlink(const std::string& target, const std::string& rel) const {
    fs::create_directories(fs::path(abs(rel)).parent_path());
    if (::symlink(target.c_str(), abs(rel).c_str()) != 0) std::abort();
  }
  const std::string& root() const { return root_; }

 private:
  fs::path old_cwd_;
  std::string root_;
};

V files_of(const Package& p) {
  V out;
  for (const auto& f : p.files) out.push_back(f.path);
  return out;
}

// "dir name: file file ..." for every package, in result order.
V summary(const LoadResult& r) {
  V out;
  for (const auto& p : r.packages) {
    std::string s = p.dir + " " + p.name + ":";
    for (const auto& f : p.files) s += " " + f.path;
    out.push_back(s);
  }
  return out;
}

V messages(const LoadResult& r) {
  V out;
  for (const auto& d : r.errors) out.push_back(format_diagnostic(d));
  return out;
}

LoadResult load(const V& patterns, const LoadOptions& opts = {}) {
  return load_packages(patterns, opts);
}

TEST(Packages, GroupedByPackageClauseIncludingExternalTests) {
  Tree t;
  t.go("foo/a.go", "foo");
  t.go("foo/b.go", "foo", "// Package foo.\n");
  t.go("foo/a_test.go", "foo");
  t.go("foo/x_test.go", "foo_test", "/* external */ ");
  auto r = load({"./foo"});
  EXPECT_EQ(summary(r),
            (V{"foo foo: foo/a.go foo/a_test.go foo/b.go", "foo foo_test: foo/x_test.go"}));
  EXPECT_TRUE(r.errors.empty()) << messages(r)[0];
  EXPECT_TRUE(r.excluded.empty());
  // Contents are the whole file.
  EXPECT_EQ(r.packages[0].files[0].contents, "package foo\n\nfunc F() {}\n");
}

TEST(Packages, TestsExcludedOnRequest) {
  Tree t;
  t.go("a.go", "foo");
  t.go("a_test.go", "foo");
  t.go("b_test.go", "foo_test");
  LoadOptions o;
  o.include_tests = false;
  auto r = load({"."}, o);
  EXPECT_EQ(summary(r), (V{". foo: a.go"}));
  EXPECT_EQ(r.excluded, (V{"a_test.go", "b_test.go"}));
}

TEST(Packages, BuildConstraintsOfEveryKind) {
  Tree t;
  t.go("p/plain.go", "p");
  t.go("p/gb_yes.go", "p", "//go:build linux && amd64\n\n");
  t.go("p/gb_no.go", "p", "//go:build windows || (linux && arm64)\n\n");
  t.go("p/gb_tag.go", "p", "//go:build integration\n\n");
  t.go("p/pb_yes.go", "p", "// +build linux,amd64 darwin\n\n");
  t.go("p/pb_no.go", "p", "// +build linux,!amd64\n\n");
  t.go("p/both.go", "p", "//go:build linux\n// +build windows\n\n");
  t.go("p/late.go", "p", "\n// not a header constraint: after the clause\n");
  t.write("p/late.go", "package p\n\n//go:build windows\n// +build windows\n");
  t.go("p/x_windows.go", "p");
  t.go("p/x_arm64.go", "p");
  t.go("p/x_linux_amd64.go", "p");
  t.go("p/x_linux_arm64.go", "p");
  t.go("p/x_windows_test.go", "p");
  t.go("p/x_linux_test.go", "p");
  auto r = load({"./p"});
  EXPECT_EQ(summary(r), (V{"p p: p/both.go p/gb_yes.go p/late.go p/pb_yes.go p/plain.go "
                           "p/x_linux_amd64.go p/x_linux_test.go"}));
  EXPECT_EQ(r.excluded, (V{"p/gb_no.go", "p/gb_tag.go", "p/pb_no.go", "p/x_arm64.go",
                           "p/x_linux_arm64.go", "p/x_windows.go", "p/x_windows_test.go"}));
  EXPECT_TRUE(r.errors.empty());

  LoadOptions o;
  o.tags = {"integration"};
  o.goos = "windows";
  o.goarch = "arm64";
  auto w = load({"./p"}, o);
  EXPECT_EQ(summary(w), (V{"p p: p/gb_no.go p/gb_tag.go p/late.go p/plain.go p/x_arm64.go "
                           "p/x_windows.go p/x_windows_test.go"}));
}

TEST(Packages, CgoFilesNeedTheCgoTag) {
  Tree t;
  t.go("c/plain.go", "c");
  t.write("c/uses_c.go", "package c\n\n// #include <stdio.h>\nimport \"C\"\n");
  t.write("c/grouped.go", "package c\n\nimport (\n\t\"fmt\"\n\tc \"C\"\n)\n");
  t.write("c/later.go", "package c\nimport \"os\"; import `C`\n");
  t.write("c/not_c.go", "package c\n\nimport \"Cx\"\n\nvar s = \"import \\\"C\\\"\"\n");
  t.write("c/c_test.go", "package c\n\nimport \"C\"\n");  // cgo in tests: not cgo for go/build
  t.go("c/gated.go", "c", "//go:build cgo\n\n");
  auto r = load({"./c"});
  EXPECT_EQ(summary(r), (V{"c c: c/c_test.go c/not_c.go c/plain.go"}));
  EXPECT_EQ(r.excluded, (V{"c/gated.go", "c/grouped.go", "c/later.go", "c/uses_c.go"}));
  LoadOptions o;
  o.tags = {"cgo"};
  auto with = load({"./c"}, o);
  EXPECT_EQ(files_of(with.packages.at(0)).size(), 7U);
}

TEST(Packages, MalformedGoBuildIsAnErrorAndTheRestLoads) {
  Tree t;
  t.go("ok.go", "p");
  t.go("bad.go", "p", "// Copyright\n//go:build linux &&\n\n");
  t.go("two.go", "p", "//go:build linux\n//go:build amd64\n\n");
  auto r = load({"."});
  EXPECT_EQ(summary(r), (V{". p: ok.go"}));
  EXPECT_EQ(messages(r), (V{"bad.go:2:20: parsing //go:build line: unexpected end of expression",
                            "two.go:2:1: multiple //go:build comments"}));
  EXPECT_EQ(r.errors[0].severity, Severity::kError);
}

TEST(Packages, GoModDiscoveredUpTheTree) {
  Tree t;
  t.write("go.mod", "module example.com/w // root\n\ngo 1.21.3\n");
  t.go("a/b/c/x.go", "c");
  t.write("a/inner/go.mod", "module \"example.com/inner\"\n");
  t.go("a/inner/y.go", "inner");
  t.go("../outside/z.go", "z");
  auto r = load({"./...", "../outside"});
  ASSERT_EQ(r.packages.size(), 3U);
  const Package& outside = r.packages[0];
  EXPECT_EQ(outside.dir, "../outside");
  const Package& c = r.packages[1];
  EXPECT_EQ(c.dir, "a/b/c");
  ASSERT_TRUE(c.module.has_value());
  EXPECT_EQ(c.module->dir, ".");
  EXPECT_EQ(c.module->module_path, "example.com/w");
  EXPECT_EQ(c.module->go_version, "1.21.3");
  const Package& inner = r.packages[2];
  ASSERT_TRUE(inner.module.has_value());
  EXPECT_EQ(inner.module->dir, "a/inner");
  EXPECT_EQ(inner.module->module_path, "example.com/inner");
  EXPECT_EQ(inner.module->go_version, "");
}

TEST(Packages, ReleaseTagsFollowTheModuleGoLine) {
  Tree t;
  t.write("new/go.mod", "module n\n\ngo 1.21\n");
  t.go("new/a.go", "a", "//go:build go1.21\n\n");
  t.go("new/b.go", "a", "//go:build !go1.21\n\n");
  t.write("old/go.mod", "module o\n\ngo 1.16\n");
  t.go("old/a.go", "a", "//go:build go1.21\n\n");
  t.go("old/b.go", "a", "//go:build go1.19 && !go1.20\n\n");
  auto r = load({"./..."});
  EXPECT_EQ(summary(r), (V{"new a: new/a.go", "old a: old/b.go"}));
  LoadOptions o;
  o.go_release = 19;
  EXPECT_EQ(summary(load({"./..."}, o)), (V{"new a: new/b.go", "old a: old/b.go"}));
}

TEST(Packages, PatternForms) {
  Tree t;
  t.go("a/a.go", "a");
  t.go("a/b/b.go", "b");
  t.go("ab/ab.go", "ab");
  t.go("c/c.go", "c");
  t.go("../other/o/o.go", "o");
  EXPECT_EQ(summary(load({"./..."})),
            (V{"a a: a/a.go", "a/b b: a/b/b.go", "ab ab: ab/ab.go", "c c: c/c.go"}));
  EXPECT_EQ(summary(load({"a/..."})), (V{"a a: a/a.go", "a/b b: a/b/b.go"}));
  EXPECT_EQ(summary(load({"./a..."})), (V{"a a: a/a.go", "a/b b: a/b/b.go", "ab ab: ab/ab.go"}));
  EXPECT_EQ(summary(load({"a"})), (V{"a a: a/a.go"}));
  EXPECT_EQ(summary(load({"./a/"})), (V{"a a: a/a.go"}));
  EXPECT_EQ(summary(load({"../other/..."})), (V{"../other/o o: ../other/o/o.go"}));
  EXPECT_EQ(summary(load({t.abs("c")})), (V{"c c: c/c.go"}));  // absolute, shown relative
  std::string outside = t.root() + "/other/o";
  EXPECT_EQ(summary(load({outside})), (V{outside + " o: " + outside + "/o.go"}));
  // Overlapping patterns load each directory once; no patterns means ".".
  EXPECT_EQ(summary(load({"./...", "a", "./a/..."})).size(), 4U);
  t.go("top.go", "top");
  EXPECT_EQ(summary(load({})), (V{". top: top.go"}));
}

TEST(Packages, NamedFilesFormOnePackageWithoutBuildConstraints) {
  Tree t;
  t.go("x/a.go", "main");
  t.go("x/b_windows.go", "main", "//go:build ignore\n\n");
  t.go("y/c.go", "main");
  t.go("x/other.go", "main");
  t.go("x/a_test.go", "main_test");
  auto r = load({"x/b_windows.go", "./x/a.go", "y/c.go", "x/a_test.go"});
  EXPECT_EQ(summary(r), (V{"x main: x/a.go x/b_windows.go y/c.go", "x main_test: x/a_test.go"}));
  EXPECT_TRUE(r.errors.empty());
  LoadOptions o;
  o.include_tests = false;
  auto nt = load({"x/a.go", "x/a_test.go"}, o);
  EXPECT_EQ(summary(nt), (V{"x main: x/a.go"}));
  EXPECT_EQ(nt.excluded, (V{"x/a_test.go"}));
  auto missing = load({"nope.go"});
  EXPECT_TRUE(missing.packages.empty());
  ASSERT_EQ(missing.errors.size(), 1U);
  EXPECT_EQ(missing.errors[0].file, "nope.go");
}

TEST(Packages, WalksSkipVendorTestdataHiddenAndUnderscore) {
  Tree t;
  t.go("a.go", "root");
  for (const char* d :
       {"vendor/v", "testdata", "sub/testdata", ".hidden", "_under", "sub/.git", "sub/_x"}) {
    t.go(std::string(d) + "/f.go", "skipped");
  }
  t.go("sub/s.go", "sub");
  t.go("_ignored.go", "root");  // files starting with _ or . are ignored, as by go/build
  t.go(".ignored.go", "root");
  auto r = load({"./..."});
  EXPECT_EQ(summary(r), (V{". root: a.go", "sub sub: sub/s.go"}));
  EXPECT_TRUE(r.excluded.empty());
  EXPECT_EQ(summary(load({"./testdata"})), (V{"testdata skipped: testdata/f.go"}));
  EXPECT_EQ(summary(load({"./_under/..."})), (V{"_under skipped: _under/f.go"}));
  EXPECT_EQ(summary(load({".hidden"})), (V{".hidden skipped: .hidden/f.go"}));
}

TEST(Packages, SymlinkLoopTerminatesWithEachFileOnce) {
  Tree t;
  t.go("a/a.go", "a");
  t.go("a/b/b.go", "b");
  t.symlink("..", "a/b/up");
  t.symlink("../..", "a/b/top");
  t.symlink("a", "alias");
  auto r = load({"./..."});
  EXPECT_EQ(summary(r), (V{"a a: a/a.go", "a/b b: a/b/b.go"}));
  ASSERT_EQ(r.errors.size(), 2U);
  EXPECT_EQ(r.errors[0].file, "a/b/top");
  EXPECT_EQ(r.errors[1].file, "a/b/up");
  EXPECT_EQ(r.errors[0].severity, Severity::kWarning);
}

TEST(Packages, UnreadableBinaryAndNonUtf8FilesAreReportedAndSkipped) {
  Tree t;
  t.go("good.go", "p");
  t.symlink("nowhere.go", "dangling.go");
  ASSERT_EQ(::mkfifo(t.abs("fifo.go").c_str(), 0644), 0);  // must not hang the loader
  t.write("bin.go", std::string("package p\n\nvar b = \"\0\"\n", 23));
  t.write("latin1.go", "package p\n\n// caf\xE9\n");
  t.write("overlong.go", "package p\n// \xC0\xAF\n");
  t.write("surrogate.go", "package p\n\n\n//  \xED\xA0\x80\n");
  t.write("truncated.go", "package p\n// \xE2\x82");
  t.write("utf8.go", "package p\n\n// caf\xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBB\xBF\n");
  t.go("dir.go/inner.go", "inner");  // a directory named x.go is a directory
  auto r = load({"."});
  EXPECT_EQ(summary(r), (V{". p: good.go utf8.go"}));
  EXPECT_EQ(messages(r), (V{"bin.go:3:10: binary file (NUL byte); skipped",
                            "dangling.go: cannot read file: No such file or directory",
                            "fifo.go: cannot read file: not a regular file",
                            "latin1.go:3:7: invalid UTF-8 encoding; skipped",
                            "overlong.go:2:4: invalid UTF-8 encoding; skipped",
                            "surrogate.go:4:5: invalid UTF-8 encoding; skipped",
                            "truncated.go:2:4: invalid UTF-8 encoding; skipped"}));
  for (const auto& d : r.errors) EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(summary(load({"./..."})).size(), 2U);  // dir.go/ is walked as a package directory
  EXPECT_EQ(summary(load({"dir.go"})), (V{"dir.go inner: dir.go/inner.go"}));
}

TEST(Packages, FileSizeLimit) {
  Tree t;
  t.write("big.go", "package p\n" + std::string(5000, '/') + "\n");
  t.go("small.go", "p");
  LoadOptions o;
  o.max_file_bytes = 1000;
  auto r = load({"."}, o);
  EXPECT_EQ(summary(r), (V{". p: small.go"}));
  ASSERT_EQ(r.errors.size(), 1U);
  EXPECT_EQ(r.errors[0].file, "big.go");
  EXPECT_NE(r.errors[0].message.find("limit of 1000 bytes"), std::string::npos);
}

TEST(Packages, MissingPackageClauseIsAnError) {
  Tree t;
  t.go("ok.go", "p");
  t.write("empty.go", "");
  t.write("junk.go", "// comment\n\nfunc main() {}\n");
  t.write("unterminated.go", "/* never closed\npackage p\n");
  t.write("blank.go", "package _\n");
  auto r = load({"."});
  EXPECT_EQ(summary(r), (V{". p: ok.go"}));
  EXPECT_EQ(messages(r), (V{"blank.go:1:9: invalid package name _; skipped",
                            "empty.go:1:1: expected 'package', found 'EOF'; skipped",
                            "junk.go:3:1: expected 'package', found 'func'; skipped",
                            "unterminated.go:1:1: comment not terminated; skipped"}));
}

TEST(Packages, NothingMatchedGivesWarnings) {
  Tree t;
  t.mkdir("empty/sub");
  t.write("empty/readme.txt", "x");
  t.go("gated/a.go", "g", "//go:build windows\n\n");
  auto r = load({"./empty/...", "./empty", "gated", "missing", "missing/..."});
  EXPECT_TRUE(r.packages.empty());
  EXPECT_EQ(messages(r), (V{"./empty/...: matched no packages", "empty: no Go files in empty",
                            "gated: build constraints exclude all Go files in gated",
                            "missing: cannot read directory: No such file or directory",
                            "missing/...: directory missing not found"}));
  EXPECT_EQ(r.errors[0].severity, Severity::kWarning);
  EXPECT_EQ(r.errors[3].severity, Severity::kError);
}

TEST(Packages, ConflictingPackagesInOneDirectoryAreFlagged) {
  Tree t;
  t.go("a.go", "one");
  t.go("b.go", "two");
  auto r = load({"."});
  EXPECT_EQ(summary(r), (V{". one: a.go", ". two: b.go"}));
  EXPECT_EQ(messages(r), (V{".: found packages one (a.go) and two (b.go) in ."}));
  EXPECT_EQ(r.errors[0].severity, Severity::kWarning);
}

TEST(Packages, DocumentationPackageAndPackageClauseAfterComments) {
  Tree t;
  t.write("doc.go", "// Package documentation.\npackage documentation\n");
  t.write("a.go", "\xEF\xBB\xBF// c\n/* multi\nline */ package /* inline */ p; import \"os\"\n");
  auto r = load({"."});
  EXPECT_EQ(summary(r), (V{". p: a.go"}));
  EXPECT_EQ(r.excluded, (V{"doc.go"}));
}

TEST(Packages, OutputIsSortedAndDeterministic) {
  Tree t;
  for (const char* d : {"z", "b", "m/q", "m", "a"}) {
    t.go(std::string(d) + "/y.go", "p");
    t.go(std::string(d) + "/x.go", "p");
  }
  auto r1 = load({"./z", "./..."});
  auto r2 = load({"./...", "./z"});
  EXPECT_EQ(summary(r1), summary(r2));
  EXPECT_EQ(summary(r1), (V{"a p: a/x.go a/y.go", "b p: b/x.go b/y.go", "m p: m/x.go m/y.go",
                            "m/q p: m/q/x.go m/q/y.go", "z p: z/x.go z/y.go"}));
}

TEST(Packages, GoModReadErrorsAreReported) {
  Tree t;
  t.write("go.mod", "module m\nreplace x => \"oops\n");
  t.go("a.go", "a");
  auto r = load({"."});
  EXPECT_EQ(summary(r), (V{". a: a.go"}));
  EXPECT_EQ(messages(r), (V{"go.mod:2:1: unterminated quoted string"}));
  ASSERT_TRUE(r.packages[0].module.has_value());
  EXPECT_EQ(r.packages[0].module->module_path, "m");
}

}  // namespace
}  // namespace oomguard::go
