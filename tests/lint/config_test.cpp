#include "lint/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace oomguard::lint {
namespace {

TEST(Config, DefaultsEnableEverything) {
  Config c;
  EXPECT_TRUE(c.rule_enabled("defer-in-loop"));
  EXPECT_FALSE(c.path_excluded("main.go"));
}

TEST(Config, ParsesEveryKey) {
  auto r = parse_config(".oomguard.yml", R"(version: 1
rules:
  enable: ["*"]
  disable: ["alloc-*", time-after-in-loop]
settings:
  alloc-in-loop:
    min-bytes: 1024
exclude:
  - "gen/*"
  - "*_pb.go"
)");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_TRUE(r->rule_enabled("defer-in-loop"));
  EXPECT_FALSE(r->rule_enabled("alloc-in-loop"));
  EXPECT_FALSE(r->rule_enabled("time-after-in-loop"));
  EXPECT_EQ(r->setting_int("alloc-in-loop", "min-bytes", 65536), 1024);
  EXPECT_EQ(r->setting_int("alloc-in-loop", "other", 7), 7);
  EXPECT_TRUE(r->path_excluded("gen/a/b.go"));
  EXPECT_TRUE(r->path_excluded("api/x_pb.go"));
  EXPECT_FALSE(r->path_excluded("api/x.go"));
}

TEST(Config, FlagsOverrideFile) {
  auto r = parse_config("c.yml", "rules:\n  disable: [defer-in-loop]\n");
  ASSERT_TRUE(r.ok());
  r->apply_flags({"defer-in-loop"}, {"lost-cancel"});
  EXPECT_TRUE(r->rule_enabled("defer-in-loop"));
  EXPECT_FALSE(r->rule_enabled("lost-cancel"));
  auto only = parse_config("c.yml", "rules:\n  enable: [lost-cancel]\n");
  ASSERT_TRUE(only.ok());
  EXPECT_TRUE(only->rule_enabled("lost-cancel"));
  EXPECT_FALSE(only->rule_enabled("defer-in-loop"));
}

TEST(Config, ErrorsNameFileLineAndColumn) {
  auto bad_key = parse_config("x.yml", "version: 1\nrulez: {}\n");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_NE(bad_key.error().find("x.yml:2:1"), std::string::npos) << bad_key.error();
  auto bad_version = parse_config("x.yml", "version: 2\n");
  ASSERT_FALSE(bad_version.ok());
  EXPECT_NE(bad_version.error().find("version"), std::string::npos);
  auto bad_yaml = parse_config("x.yml", "rules: [\n");
  ASSERT_FALSE(bad_yaml.ok());
  EXPECT_NE(bad_yaml.error().find("x.yml:"), std::string::npos);
  auto bad_list = parse_config("x.yml", "rules:\n  enable: {a: b}\n");
  EXPECT_FALSE(bad_list.ok());
}

TEST(Config, FoundUpwardFromTarget) {
  auto root = std::filesystem::temp_directory_path() / ("oomguard_cfg_" + std::to_string(getpid()));
  std::filesystem::create_directories(root / "a" / "b");
  std::ofstream(root / ".oomguard.yml") << "version: 1\n";
  auto found = find_config((root / "a" / "b").string());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, (root / ".oomguard.yml").string());
  auto loaded = load_config(*found);
  EXPECT_TRUE(loaded.ok());
  std::filesystem::remove_all(root);
}

TEST(Config, PrintConfigRoundTrips) {
  auto r =
      parse_config("c.yml", "rules:\n  disable: [a-*]\nsettings:\n  r: {k: v}\nexclude: [x/*]\n");
  ASSERT_TRUE(r.ok());
  auto again = parse_config("printed", r->to_yaml());
  ASSERT_TRUE(again.ok()) << again.error() << "\n" << r->to_yaml();
  EXPECT_EQ(again->disable, r->disable);
  EXPECT_EQ(again->exclude, r->exclude);
  EXPECT_EQ(again->setting("r", "k", ""), "v");
}

}  // namespace
}  // namespace oomguard::lint
