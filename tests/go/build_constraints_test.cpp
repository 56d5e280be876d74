// Build constraints as go/build (Go 1.19) evaluates them, for linux/amd64 unless stated.
#include "go/build_constraints.h"

#include <gtest/gtest.h>

#include <string>

#include "go/packages.h"

namespace oomguard::go {
namespace {

LoadOptions with_tags(std::vector<std::string> tags) {
  LoadOptions o;
  o.tags = std::move(tags);
  return o;
}

// A file whose header holds one //go:build line.
bool go_build(const std::string& expr, const LoadOptions& o = {}) {
  std::string err;
  bool ok = match_build_constraints("x.go", "//go:build " + expr + "\n\npackage x\n", o, &err);
  EXPECT_EQ(err, "") << expr;
  return ok;
}

std::string go_build_error(const std::string& expr) {
  std::string err;
  EXPECT_FALSE(
      match_build_constraints("x.go", "// c\n//go:build " + expr + "\n\npackage x\n", {}, &err));
  return err;
}

bool header(const std::string& contents, const LoadOptions& o = {}) {
  std::string err;
  bool ok = match_build_constraints("x.go", contents, o, &err);
  EXPECT_EQ(err, "") << contents;
  return ok;
}

bool name_ok(const std::string& name, const LoadOptions& o = {}) {
  return match_build_constraints(name, "package x\n", o);
}

TEST(GoBuild, PlatformTagsForLinuxAmd64) {
  EXPECT_TRUE(go_build("linux"));
  EXPECT_TRUE(go_build("amd64"));
  EXPECT_TRUE(go_build("linux && amd64"));
  EXPECT_FALSE(go_build("windows"));
  EXPECT_FALSE(go_build("arm64"));
  EXPECT_TRUE(go_build("unix"));
  EXPECT_TRUE(go_build("gc"));
  EXPECT_FALSE(go_build("gccgo"));
  EXPECT_TRUE(go_build("goexperiment.regabiargs && goexperiment.regabiwrappers"));
  EXPECT_FALSE(go_build("goexperiment.boringcrypto"));
  EXPECT_FALSE(go_build("boringcrypto"));
  EXPECT_FALSE(go_build("ignore"));
}

TEST(GoBuild, Operators) {
  EXPECT_TRUE(go_build("windows || linux"));
  EXPECT_FALSE(go_build("windows || darwin"));
  EXPECT_FALSE(go_build("linux && !amd64"));
  EXPECT_TRUE(go_build("!windows"));
  EXPECT_FALSE(go_build("!(linux || windows)"));
  EXPECT_TRUE(go_build("(linux || darwin) && (amd64 || arm64)"));
  EXPECT_FALSE(go_build("(linux || darwin) && (386 || arm64)"));
  EXPECT_TRUE(go_build("windows && arm64 || linux"));  // && binds tighter
  EXPECT_FALSE(go_build("windows && (arm64 || linux)"));
  EXPECT_TRUE(go_build("((((linux))))"));
  EXPECT_TRUE(go_build("linux&&amd64"));
  EXPECT_TRUE(go_build("  linux\t&&  amd64  "));
}

TEST(GoBuild, CgoIsOffUnlessTagged) {
  EXPECT_FALSE(go_build("cgo"));
  EXPECT_TRUE(go_build("!cgo"));
  EXPECT_TRUE(go_build("cgo", with_tags({"cgo"})));
  EXPECT_FALSE(go_build("!cgo", with_tags({"cgo"})));
}

TEST(GoBuild, UserTagsSplitOnCommasAndSpaces) {
  EXPECT_FALSE(go_build("integration"));
  EXPECT_TRUE(go_build("integration", with_tags({"integration"})));
  EXPECT_TRUE(go_build("a && b && c", with_tags({"a,b", "c"})));
  EXPECT_TRUE(go_build("a && b", with_tags({"a b"})));
  EXPECT_TRUE(go_build("ignore", with_tags({"ignore"})));
}

TEST(GoBuild, ReleaseTagsUpToGo119ByDefault) {
  EXPECT_TRUE(go_build("go1.1"));
  EXPECT_TRUE(go_build("go1.19"));
  EXPECT_FALSE(go_build("go1.20"));
  EXPECT_TRUE(go_build("!go1.20"));
  EXPECT_FALSE(go_build("go1.0"));
  EXPECT_FALSE(go_build("go1.019"));
  EXPECT_FALSE(go_build("go1.x"));
  EXPECT_FALSE(go_build("go2.1"));
  LoadOptions o;
  o.go_release = 22;
  EXPECT_TRUE(go_build("go1.22", o));
  EXPECT_FALSE(go_build("go1.23", o));
}

TEST(GoBuild, OtherPlatforms) {
  LoadOptions o;
  o.goos = "windows";
  o.goarch = "386";
  EXPECT_TRUE(go_build("windows && 386", o));
  EXPECT_FALSE(go_build("unix", o));
  EXPECT_FALSE(go_build("goexperiment.regabiargs", o));
  o.goos = "android";
  EXPECT_TRUE(go_build("linux && android && unix", o));
  o.goos = "ios";
  EXPECT_TRUE(go_build("darwin", o));
  o.goos = "illumos";
  EXPECT_TRUE(go_build("solaris", o));
}

TEST(GoBuild, MalformedLinesAreErrorsWithPosition) {
  // The //go:build line is line 2; "//go:build " is 11 bytes, so the expression starts at col 12.
  EXPECT_EQ(go_build_error("linux &&"),
            "x.go:2:20: parsing //go:build line: unexpected end of "
            "expression");
  EXPECT_EQ(go_build_error("(linux"), "x.go:2:12: parsing //go:build line: missing close paren");
  EXPECT_EQ(go_build_error("(linux || "),
            "x.go:2:21: parsing //go:build line: missing close paren");
  EXPECT_EQ(go_build_error("linux amd64"),
            "x.go:2:18: parsing //go:build line: unexpected token amd64");
  EXPECT_EQ(go_build_error("linux & amd64"),
            "x.go:2:18: parsing //go:build line: invalid syntax at &");
  EXPECT_EQ(go_build_error("linux || | x"),
            "x.go:2:21: parsing //go:build line: invalid syntax at |");
  EXPECT_EQ(go_build_error("!!linux"),
            "x.go:2:13: parsing //go:build line: double negation not allowed");
  EXPECT_EQ(go_build_error("linux)"), "x.go:2:17: parsing //go:build line: unexpected token )");
  EXPECT_EQ(go_build_error("a-b"), "x.go:2:13: parsing //go:build line: invalid syntax at -");
  EXPECT_EQ(go_build_error("&& linux"), "x.go:2:12: parsing //go:build line: unexpected token &&");
  std::string err;
  EXPECT_FALSE(match_build_constraints("x.go", "//go:build\n\npackage x\n", {}, &err));
  EXPECT_EQ(err, "x.go:1:11: parsing //go:build line: unexpected end of expression");
}

TEST(GoBuild, DeepNestingIsAnErrorNotACrash) {
  std::string err;
  std::string deep = std::string(100000, '(') + "linux" + std::string(100000, ')');
  EXPECT_FALSE(match_build_constraints("x.go", "//go:build " + deep + "\n\npackage x\n", {}, &err));
  EXPECT_NE(err.find("nested too deeply"), std::string::npos);
}

TEST(GoBuild, MultipleGoBuildLinesAreAnError) {
  std::string err;
  EXPECT_FALSE(match_build_constraints("x.go", "//go:build linux\n//go:build amd64\n\npackage x\n",
                                       {}, &err));
  EXPECT_EQ(err, "x.go:2:1: multiple //go:build comments");
}

TEST(GoBuild, WhereTheLineMayAppear) {
  // Only before the package clause, outside /* */, after any blank lines and // comments.
  EXPECT_FALSE(header("\n\n// Copyright\n\n//go:build windows\n\npackage x\n"));
  EXPECT_TRUE(header("package x\n\n//go:build windows\n"));
  EXPECT_TRUE(header("package x //go:build windows\n"));
  EXPECT_TRUE(header("/*\n//go:build windows\n*/\n\npackage x\n"));
  EXPECT_TRUE(header("//go:buildwindows\n\npackage x\n"));  // not a //go:build line
  EXPECT_TRUE(header("// go:build windows\n\npackage x\n"));
  // go/build honours //go:build anywhere in the header, even right above the package clause
  // or after a /* */ comment (go vet's buildtag check is what complains about placement).
  EXPECT_FALSE(header("//go:build windows\npackage x\n"));
  EXPECT_FALSE(header("/* c */\n//go:build windows\n\npackage x\n"));
  // A leading BOM and CRLF line endings change nothing.
  EXPECT_FALSE(header("\xEF\xBB\xBF//go:build windows\r\n\r\npackage x\r\n"));
  EXPECT_TRUE(header("\xEF\xBB\xBF//go:build linux\r\n\r\npackage x\r\n"));
}

TEST(PlusBuild, CommaIsAndSpaceIsOrBangIsNot) {
  EXPECT_TRUE(header("// +build linux,amd64\n\npackage x\n"));
  EXPECT_FALSE(header("// +build linux,arm64\n\npackage x\n"));
  EXPECT_TRUE(header("// +build windows linux\n\npackage x\n"));
  EXPECT_FALSE(header("// +build windows darwin\n\npackage x\n"));
  EXPECT_FALSE(header("// +build !linux\n\npackage x\n"));
  EXPECT_TRUE(header("// +build !windows,amd64 plan9\n\npackage x\n"));
  EXPECT_TRUE(header("//+build linux\n\npackage x\n"));
  EXPECT_FALSE(header("// +build go1.20\n\npackage x\n"));
}

TEST(PlusBuild, SeveralLinesAreAnded) {
  EXPECT_FALSE(header("// +build linux\n// +build windows\n\npackage x\n"));
  EXPECT_TRUE(header("// +build linux darwin\n// +build amd64\n\npackage x\n"));
}

TEST(PlusBuild, OddTermsFollowGoBuild) {
  EXPECT_FALSE(header("// +build !!linux\n\npackage x\n"));  // "!!x" → tag "ignore"
  EXPECT_FALSE(header("// +build !\n\npackage x\n"));
  EXPECT_FALSE(header("// +build\n\npackage x\n"));  // empty → "ignore"
  EXPECT_FALSE(header("// +build a-b\n\npackage x\n"));
  EXPECT_TRUE(header("// +build !a-b\n\npackage x\n"));    // !ignore
  EXPECT_TRUE(header("// +buildwindows\n\npackage x\n"));  // not a +build line
  EXPECT_TRUE(header("// +build ignore\n\npackage x\n", with_tags({"ignore"})));
}

TEST(PlusBuild, MustBeFollowedByABlankLine) {
  EXPECT_TRUE(header("// +build windows\npackage x\n"));
  EXPECT_TRUE(header("// +build windows\n// Package x does things.\npackage x\n"));
  EXPECT_FALSE(header("// +build windows\n\n// Package x does things.\npackage x\n"));
  EXPECT_TRUE(header("/* c */\n// +build windows\n\npackage x\n"));  // after /* */: ignored
  EXPECT_TRUE(header("package x\n\n// +build windows\n\n"));         // after the clause
}

TEST(PlusBuild, GoBuildLineTakesPrecedence) {
  EXPECT_TRUE(header("//go:build linux\n// +build windows\n\npackage x\n"));
  EXPECT_FALSE(header("//go:build windows\n// +build linux\n\npackage x\n"));
  EXPECT_TRUE(header("// +build windows\n//go:build linux\n\npackage x\n"));
}

TEST(FileName, GoosGoarchSuffixes) {
  EXPECT_TRUE(name_ok("x.go"));
  EXPECT_TRUE(name_ok("x_linux.go"));
  EXPECT_FALSE(name_ok("x_windows.go"));
  EXPECT_TRUE(name_ok("x_amd64.go"));
  EXPECT_FALSE(name_ok("x_arm64.go"));
  EXPECT_TRUE(name_ok("x_linux_amd64.go"));
  EXPECT_FALSE(name_ok("x_linux_arm64.go"));
  EXPECT_FALSE(name_ok("x_windows_amd64.go"));
  EXPECT_FALSE(name_ok("x_y_windows.go"));
  EXPECT_FALSE(name_ok("x_windows.pb.go"));  // everything after the first '.' is ignored
  EXPECT_TRUE(name_ok("x_foo.go"));
  EXPECT_TRUE(name_ok("x_unix.go"));  // "unix" is not a GOOS: no file-name constraint
  EXPECT_TRUE(name_ok("dir/x_linux.go"));
  EXPECT_FALSE(name_ok("dir/x_windows.go"));
}

TEST(FileName, TestSuffixIsStrippedFirst) {
  EXPECT_TRUE(name_ok("x_test.go"));
  EXPECT_TRUE(name_ok("x_linux_test.go"));
  EXPECT_FALSE(name_ok("x_windows_test.go"));
  EXPECT_FALSE(name_ok("x_linux_arm64_test.go"));
  EXPECT_TRUE(name_ok("x_linux_amd64_test.go"));
  EXPECT_TRUE(name_ok("windows_test.go"));  // the part before the first '_' never counts
}

TEST(FileName, NoPrefixMeansNoConstraint) {
  EXPECT_TRUE(name_ok("windows.go"));
  EXPECT_TRUE(name_ok("arm64.go"));
}

TEST(FileName, OtherPlatformsAndAliases) {
  LoadOptions o;
  o.goos = "windows";
  o.goarch = "arm64";
  EXPECT_TRUE(name_ok("x_windows.go", o));
  EXPECT_TRUE(name_ok("x_windows_arm64.go", o));
  EXPECT_FALSE(name_ok("x_linux.go", o));
  EXPECT_FALSE(name_ok("x_amd64.go", o));
  o.goos = "android";
  EXPECT_TRUE(name_ok("x_linux.go", o));
  EXPECT_TRUE(name_ok("x_android_arm64.go", o));
}

TEST(TagContext, KnownLists) {
  EXPECT_TRUE(is_known_os("zos"));
  EXPECT_TRUE(is_known_os("hurd"));
  EXPECT_FALSE(is_known_os("unix"));
  EXPECT_TRUE(is_known_arch("loong64"));
  EXPECT_TRUE(is_known_arch("mips64p32le"));
  EXPECT_FALSE(is_known_arch("x86"));
}

TEST(PlusBuildExpr, DirectEvaluation) {
  TagContext ctx(LoadOptions{}, kDefaultGoRelease);
  EXPECT_TRUE(eval_plus_build_expr("linux,amd64", ctx));
  EXPECT_TRUE(eval_plus_build_expr("windows linux,!cgo", ctx));
  EXPECT_FALSE(eval_plus_build_expr("", ctx));
  ConstraintError e;
  EXPECT_TRUE(eval_go_build_expr("linux", ctx, &e));
  EXPECT_FALSE(eval_go_build_expr("linux ||", ctx, &e));
  EXPECT_EQ(e.message, "unexpected end of expression");
  EXPECT_EQ(e.offset, 8U);
}

}  // namespace
}  // namespace oomguard::go
