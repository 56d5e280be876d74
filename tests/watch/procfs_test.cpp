// The /proc and cgroup readers on fake trees under a temporary directory.
#include "watch/procfs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace oomguard::watch {
namespace {

namespace fs = std::filesystem;

class FakeRoot : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            fs::path("oomguard-procfs-" + std::to_string(::getpid()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void put(const std::string& rel, const std::string& content) {
    fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }
  fs::path root_;
};

TEST_F(FakeRoot, CgroupV2LimitCurrentOomKillsRssAndGomemlimit) {
  put("proc/42/status", "Name:\tsvc\nVmHWM:\t  9000 kB\nVmRSS:\t  2048 kB\n");
  put("proc/42/environ", std::string("PATH=/bin\0GOMEMLIMIT=512MiB\0GOGC=50\0", 36));
  put("proc/42/cgroup", "0::/kubepods/pod1/ctr\n");
  put("sys/fs/cgroup/kubepods/pod1/ctr/memory.current", "1048576\n");
  put("sys/fs/cgroup/kubepods/pod1/ctr/memory.max", "max\n");
  put("sys/fs/cgroup/kubepods/pod1/memory.max", "268435456\n");
  put("sys/fs/cgroup/kubepods/memory.max", "536870912\n");
  put("sys/fs/cgroup/kubepods/pod1/ctr/memory.events",
      "low 0\nhigh 0\nmax 5\noom 2\noom_kill 1\noom_group_kill 0\n");
  ProcInfo p = ProcReader(root_.string()).read(42);
  ASSERT_TRUE(p.alive);
  EXPECT_EQ(*p.rss, 2048u * 1024);
  EXPECT_EQ(*p.gomemlimit, 512u << 20);
  EXPECT_EQ(*p.gogc, 50);
  EXPECT_EQ(p.cgroup_version, 2);
  EXPECT_EQ(*p.cgroup_limit, 268435456u);  // the pod's limit, the tightest ancestor
  EXPECT_EQ(*p.cgroup_current, 1048576u);
  EXPECT_EQ(*p.oom_kills, 1u);
}

TEST_F(FakeRoot, CgroupV1Memory) {
  put("proc/7/status", "VmRSS:\t100 kB\n");
  put("proc/7/cgroup", "12:cpu,cpuacct:/x\n5:memory:/docker/abc\n1:name=systemd:/docker/abc\n");
  put("sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "1073741824\n");
  put("sys/fs/cgroup/memory/docker/abc/memory.usage_in_bytes", "4096\n");
  put("sys/fs/cgroup/memory/docker/abc/memory.oom_control",
      "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
  ProcInfo p = ProcReader(root_.string()).read(7);
  EXPECT_EQ(p.cgroup_version, 1);
  EXPECT_EQ(*p.cgroup_limit, 1u << 30);
  EXPECT_EQ(*p.cgroup_current, 4096u);
  EXPECT_EQ(*p.oom_kills, 3u);
  EXPECT_FALSE(p.gomemlimit.has_value());
}

TEST_F(FakeRoot, V1UnlimitedAndMissingProcess) {
  put("proc/8/status", "VmRSS:\t1 kB\n");
  put("proc/8/cgroup", "3:memory:/\n");
  put("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
  ProcInfo p = ProcReader(root_.string()).read(8);
  EXPECT_EQ(p.cgroup_version, 1);
  EXPECT_FALSE(p.cgroup_limit.has_value());
  EXPECT_FALSE(ProcReader(root_.string()).read(9).alive);
}

TEST_F(FakeRoot, PathEscapingTheMountIsClamped) {
  put("proc/9/status", "VmRSS:\t1 kB\n");
  put("proc/9/cgroup", "0::/../../etc\n");
  put("sys/fs/cgroup/memory.current", "5\n");
  put("sys/fs/cgroup/memory.max", "max\n");
  ProcInfo p = ProcReader(root_.string()).read(9);
  EXPECT_EQ(p.cgroup_version, 2);
  EXPECT_EQ(*p.cgroup_current, 5u);
  EXPECT_FALSE(p.cgroup_limit.has_value());
}

TEST(ProcParsers, Pieces) {
  auto cg = parse_proc_cgroup("0::/a/b\n");
  EXPECT_EQ(*cg.v2, "/a/b");
  EXPECT_FALSE(cg.v1_memory.has_value());
  EXPECT_FALSE(parse_limit("abc").ok());
  EXPECT_EQ(**parse_limit("100\n"), 100u);
  EXPECT_FALSE(parse_limit("max").value().has_value());
  EXPECT_EQ(*parse_keyed("a 1\noom_kill 7\n", "oom_kill"), 7u);
  EXPECT_FALSE(parse_keyed("oom_killx 7\n", "oom_kill").has_value());
  EXPECT_EQ(*parse_environ(std::string("A=1\0B=2", 7), "B"), "2");
  EXPECT_FALSE(parse_environ("AB=1", "A").has_value());
  EXPECT_FALSE(parse_gomemlimit("off").has_value());
  EXPECT_EQ(*parse_gomemlimit("1GiB"), 1u << 30);
  EXPECT_FALSE(parse_vm_rss("VmRSS: lots kB").has_value());
}

}  // namespace
}  // namespace oomguard::watch
