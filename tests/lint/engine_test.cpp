// End-to-end tests of the lint engine on real Go files in temporary module trees.
#include "lint/engine.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace oomguard::lint {
namespace {

namespace fs = std::filesystem;

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("oomguard_engine_" + std::to_string(getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    register_builtin_rules(registry_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << text;
  }
  LintResult lint(Config config = {}) {
    LintOptions o;
    o.patterns = {root_.string() + "/..."};
    o.config = std::move(config);
    o.jobs = 2;
    return run_lint(o, registry_);
  }
  static std::vector<std::string> rules_of(const LintResult& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings) out.push_back(f.rule + "@" + std::to_string(f.pos.line));
    return out;
  }

  fs::path root_;
  Registry registry_;
};

const char* kLeaky = R"(package p

import "os"

func a(ps []string) {
	for _, p := range ps {
		f, _ := os.Open(p)
		defer f.Close()
	}
}
)";

TEST_F(EngineTest, ReportsAndSortsAcrossPackages) {
  write("go.mod", "module example.com/m\n\ngo 1.21\n");
  write("b/b.go", kLeaky);
  write("a/a.go", kLeaky);
  Config c;
  c.enable = {"defer-in-loop"};
  auto r = lint(c);
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.findings.size(), 2U);
  EXPECT_LT(r.findings[0].file, r.findings[1].file);  // a/a.go before b/b.go
  EXPECT_EQ(r.findings[0].pos.line, 8U);
  EXPECT_EQ(r.findings[0].pos.col, 3U);
  EXPECT_EQ(r.packages, 2U);
}

TEST_F(EngineTest, DirectivesSuppressAndAreChecked) {
  write("go.mod", "module m\n\ngo 1.21\n");
  write("p.go", R"(package p

import "os"

func a(ps []string) {
	for _, p := range ps {
		f, _ := os.Open(p)
		defer f.Close() //nolint:defer-in-loop
	}
	for _, p := range ps {
		f, _ := os.Open(p)
		//oomguard:ignore defer-in-loop closed by the caller's process exit
		defer f.Close()
	}
	for _, p := range ps {
		f, _ := os.Open(p)
		defer f.Close() //nolint:lost-cancel
	}
	x := 1 //nolint:defer-in-loop
	_ = x
	//oomguard:ignore defer-in-loop
}
)");
  Config c;
  c.enable = {"defer-in-loop"};
  auto r = lint(c);
  // line 17: suppressed for another rule, so still reported; line 17's directive names a rule
  // that did not run (not "unused"); line 19's directive suppresses nothing; line 21 lacks a reason.
  EXPECT_EQ(rules_of(r), (std::vector<std::string>{"defer-in-loop@17", "unused-directive@19",
                                                   "bad-directive@21"}));
}

TEST_F(EngineTest, FileIgnoreAndConfigExclusion) {
  write("go.mod", "module m\n\ngo 1.21\n");
  write("gen/gen.go", kLeaky);
  write("ign.go", std::string("//oomguard:file-ignore defer-in-loop generated\n") + kLeaky);
  write("keep.go", std::string(kLeaky).replace(std::string(kLeaky).find("func a"), 6, "func b"));
  Config c;
  c.enable = {"defer-in-loop"};
  c.exclude = {"*/gen/*"};
  auto r = lint(c);
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_NE(r.findings[0].file.find("keep.go"), std::string::npos);
}

TEST_F(EngineTest, SyntaxErrorsAreReportedAndTheRestIsAnalysed) {
  write("go.mod", "module m\n\ngo 1.21\n");
  write("bad.go", "package p\n\nfunc broken( {\n");
  write("good.go", kLeaky);
  Config c;
  c.enable = {"defer-in-loop"};
  auto r = lint(c);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_NE(r.errors[0].file.find("bad.go"), std::string::npos);
  EXPECT_EQ(r.errors[0].pos.line, 3U);
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_NE(r.findings[0].file.find("good.go"), std::string::npos);
}

TEST_F(EngineTest, DisabledRulesDoNotRun) {
  write("go.mod", "module m\n\ngo 1.21\n");
  write("p.go", kLeaky);
  Config c;
  c.disable = {"defer-*"};
  auto r = lint(c);
  for (const auto& f : r.findings) EXPECT_NE(f.rule, "defer-in-loop");
  for (const auto& ri : r.rules_run) EXPECT_NE(ri.id, "defer-in-loop");
}

TEST(BuildConstraintGoMinor, ReadsTheHeaderOnly) {
  EXPECT_EQ(build_constraint_go_minor("//go:build go1.22\n\npackage p\n"), 22);
  EXPECT_EQ(build_constraint_go_minor("//go:build linux && (go1.21 || go1.23)\n\npackage p\n"), 23);
  EXPECT_EQ(build_constraint_go_minor("//go:build !go1.22\n\npackage p\n"), 0);
  EXPECT_EQ(build_constraint_go_minor("package p\n//go:build go1.22\n"), 0);
  EXPECT_EQ(build_constraint_go_minor("// Copyright\n\n//go:build linux\n\npackage p\n"), 0);
}

TEST(LintSource, LintsOneFileInMemory) {
  Registry reg;
  register_builtin_rules(reg);
  Config c;
  c.enable = {"defer-in-loop"};
  auto r = lint_source("x.go", kLeaky, reg, c, 21);
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_EQ(r.findings[0].file, "x.go");
  auto bad = lint_source("y.go", "package", reg, c, 21);
  EXPECT_FALSE(bad.errors.empty());
  EXPECT_TRUE(bad.findings.empty());
}

}  // namespace
}  // namespace oomguard::lint
