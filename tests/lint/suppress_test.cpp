#include "lint/suppress.h"

#include <gtest/gtest.h>

namespace oomguard::lint {
namespace {

Finding at(const std::string& file, uint32_t line, const std::string& rule) {
  Finding f;
  f.file = file;
  f.pos = {0, line, 2};
  f.rule = rule;
  return f;
}

CommentText comment(uint32_t line, std::string_view text, bool own_line) {
  return {{0, line, 1}, text, own_line};
}

TEST(ParseDirective, NolintForms) {
  Directive d;
  std::string err;
  ASSERT_TRUE(parse_directive("//nolint:defer-in-loop,lost-cancel", &d, &err));
  EXPECT_TRUE(err.empty());
  EXPECT_EQ(d.rules, (std::vector<std::string>{"defer-in-loop", "lost-cancel"}));
  ASSERT_TRUE(parse_directive("//nolint:oomguard // reviewed", &d, &err));
  EXPECT_TRUE(err.empty());
  EXPECT_TRUE(d.rules.empty());
  ASSERT_TRUE(parse_directive("//nolint", &d, &err));
  EXPECT_TRUE(d.rules.empty());
  EXPECT_FALSE(parse_directive("// nolintish comment", &d, &err));
  EXPECT_FALSE(parse_directive("// an ordinary comment", &d, &err));
  EXPECT_FALSE(parse_directive("/* nolint:x */", &d, &err));
}

TEST(ParseDirective, MalformedDirectivesAreErrors) {
  Directive d;
  std::string err;
  ASSERT_TRUE(parse_directive("//nolint:", &d, &err));
  EXPECT_FALSE(err.empty());
  err.clear();
  ASSERT_TRUE(parse_directive("//nolint:Bad Rule", &d, &err));
  EXPECT_FALSE(err.empty());
  err.clear();
  ASSERT_TRUE(parse_directive("//oomguard:ignore defer-in-loop", &d, &err));
  EXPECT_NE(err.find("reason"), std::string::npos);
  err.clear();
  ASSERT_TRUE(parse_directive("//oomguard:ignore", &d, &err));
  EXPECT_FALSE(err.empty());
  err.clear();
  ASSERT_TRUE(parse_directive("//oomguard:silence x y", &d, &err));
  EXPECT_FALSE(err.empty());
}

TEST(ParseDirective, IgnoreWithReason) {
  Directive d;
  std::string err;
  ASSERT_TRUE(parse_directive("//oomguard:ignore lost-cancel handed to the pool", &d, &err));
  EXPECT_TRUE(err.empty()) << err;
  EXPECT_EQ(d.kind, Directive::Kind::kIgnore);
  EXPECT_EQ(d.rules, std::vector<std::string>{"lost-cancel"});
  ASSERT_TRUE(
      parse_directive("//oomguard:file-ignore alloc-in-loop,defer-in-loop generated", &d, &err));
  EXPECT_TRUE(err.empty()) << err;
  EXPECT_EQ(d.kind, Directive::Kind::kFileIgnore);
  EXPECT_EQ(d.rules.size(), 2U);
}

TEST(Suppressions, SameLineAndLineAboveOnly) {
  Suppressions s;
  std::vector<Finding> bad;
  s.add_file("a.go",
             {comment(3, "//nolint:defer-in-loop", false),  // trailing on line 3
              comment(9, "//nolint:lost-cancel", true),     // alone above line 10
              comment(20, "//oomguard:ignore x", true)},    // malformed: no reason
             &bad);
  ASSERT_EQ(bad.size(), 1U);
  EXPECT_EQ(bad[0].rule, kBadDirectiveRule);
  EXPECT_EQ(bad[0].pos.line, 20U);

  EXPECT_TRUE(s.suppresses(at("a.go", 3, "defer-in-loop")));
  EXPECT_FALSE(s.suppresses(at("a.go", 4, "defer-in-loop")));  // trailing covers its own line
  EXPECT_FALSE(s.suppresses(at("a.go", 3, "lost-cancel")));    // other rule
  EXPECT_TRUE(s.suppresses(at("a.go", 10, "lost-cancel")));
  EXPECT_FALSE(s.suppresses(at("a.go", 11, "lost-cancel")));
  EXPECT_FALSE(s.suppresses(at("b.go", 3, "defer-in-loop")));  // other file
}

TEST(Suppressions, FileIgnoreAndUnusedReporting) {
  Suppressions s;
  std::vector<Finding> bad;
  s.add_file(
      "a.go",
      {comment(1, "//oomguard:file-ignore alloc-in-loop generated code", true),
       comment(5, "//nolint:lost-cancel", false), comment(7, "//nolint:disabled-rule", false)},
      &bad);
  EXPECT_TRUE(bad.empty());
  EXPECT_TRUE(s.suppresses(at("a.go", 400, "alloc-in-loop")));
  auto unused = s.unused([](const std::string& r) { return r != "disabled-rule"; });
  ASSERT_EQ(unused.size(), 1U);  // line 5 unused; line 7 names a rule that did not run
  EXPECT_EQ(unused[0].pos.line, 5U);
  EXPECT_EQ(unused[0].rule, kUnusedDirectiveRule);
}

}  // namespace
}  // namespace oomguard::lint
