// The atomic snapshot writer and the retention of trigger capture sets.
#include "watch/snapshots.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace oomguard::watch {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir(const std::string& name) {
  fs::path d =
      fs::temp_directory_path() / ("oomguard-snap-" + std::to_string(getpid()) + "-" + name);
  fs::remove_all(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(WriteAtomic, ReplacesWholeFileAndLeavesNoTemporary) {
  fs::path d = temp_dir("atomic");
  fs::create_directories(d);
  std::string path = (d / "x.txt").string();
  ASSERT_TRUE(write_atomic(path, "first version, longer").ok());
  ASSERT_TRUE(write_atomic(path, "second").ok());
  EXPECT_EQ(slurp(path), "second");
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(d)) {
    (void)e;
    ++n;
  }
  EXPECT_EQ(n, 1u);
  auto bad = write_atomic((d / "missing-dir" / "y").string(), "z");
  EXPECT_FALSE(bad.ok());
  fs::remove_all(d);
}

TEST(SnapshotStore, NamesAndRetentionKeepBaselines) {
  fs::path d = temp_dir("retention");
  SnapshotStore s(d.string(), 2);
  s.begin_set("baseline", 1'700'000'000'123);
  ASSERT_TRUE(s.add("heap.pb.gz", "b").ok());
  s.end_set();
  EXPECT_EQ(fs::path(s.files()[0]).filename().string(),
            "20231114T221320.123Z-0001-baseline-heap.pb.gz");
  for (int i = 0; i < 5; ++i) {
    s.begin_set("trigger", 1'700'000'001'000 + i * 1000);
    ASSERT_TRUE(s.add("heap.pb.gz", "h" + std::to_string(i)).ok());
    ASSERT_TRUE(s.add("goroutine-debug1.txt", "g").ok());
    s.end_set();
  }
  EXPECT_EQ(s.written(), 11u);
  // The baseline and the two newest trigger sets (2 files each) remain.
  ASSERT_EQ(s.files().size(), 5u);
  EXPECT_NE(s.files()[0].find("baseline"), std::string::npos);
  EXPECT_EQ(slurp(s.files()[1]), "h3");
  EXPECT_EQ(slurp(s.files()[3]), "h4");
  size_t on_disk = 0;
  for (const auto& e : fs::directory_iterator(d)) {
    (void)e;
    ++on_disk;
  }
  EXPECT_EQ(on_disk, 5u);
  fs::remove_all(d);
}

TEST(SnapshotStore, UnwritableDirectoryIsAnError) {
  fs::path d = temp_dir("unwritable");
  fs::create_directories(d.parent_path());
  std::ofstream(d.string()) << "a file where the directory should be";
  SnapshotStore s((d / "sub").string(), 2);
  s.begin_set("trigger", 0);
  EXPECT_FALSE(s.add("heap.pb.gz", "x").ok());
  fs::remove(d);
}

}  // namespace
}  // namespace oomguard::watch
