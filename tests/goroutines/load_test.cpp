#include "goroutines/load.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace oomguard::goroutines {
namespace {

std::string temp_file(const std::string& contents) {
  char path[] = "/tmp/oomguard_gr_XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(::write(fd, contents.data(), contents.size()), static_cast<ssize_t>(contents.size()));
  ::close(fd);
  return path;
}

std::string gzip(const std::string& in) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A dump large enough that lines straddle the 64 KiB peek buffer and LineReader chunks.
std::string big_dump(int n) {
  std::string out = "panic: preamble\n\n";
  for (int i = 0; i < n; ++i) {
    out += "goroutine " + std::to_string(i + 1) + " [chan send]:\nmain.f(0x" + std::to_string(i) +
           ")\n\t/app/a_very_long_directory_name_for_padding/f.go:" + std::to_string(10 + i % 3) +
           " +0x1\ncreated by main.g\n\t/app/g.go:1 +0x2\n\n";
  }
  return out;
}

TEST(Load, FileStreamsAcrossThePeekBoundary) {
  std::string text = big_dump(5000);
  ASSERT_GT(text.size(), 3u << 16);
  std::string p = temp_file(text);
  auto s = load(p);
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->total, 5000u);
  ASSERT_EQ(s->groups.size(), 3u);
  EXPECT_EQ(s->groups[0].count + s->groups[1].count + s->groups[2].count, 5000u);
  // Same answer from memory.
  auto m = load_bytes(text, "mem");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->groups[0].count, s->groups[0].count);
  std::remove(p.c_str());
}

TEST(Load, PipeLikeStdin) {
  std::string text = big_dump(3000);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    size_t off = 0;
    while (off < text.size()) {
      ssize_t w = write(fds[1], text.data() + off, std::min<size_t>(4096, text.size() - off));
      if (w <= 0) _exit(1);
      off += static_cast<size_t>(w);
    }
    _exit(0);
  }
  close(fds[1]);
  auto s = load_fd(fds[0], "<stdin>");
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->total, 3000u);
}

TEST(Load, GzippedTextDump) {
  std::string p = temp_file(gzip(big_dump(100)));
  auto s = load(p);
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->format, Format::kDebug2);
  EXPECT_EQ(s->total, 100u);
  std::remove(p.c_str());
}

TEST(Load, ErrorsNameTheSource) {
  auto missing = load("/nonexistent/dump.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("/nonexistent/dump.txt"), std::string::npos);
  auto dir = load("/tmp");
  ASSERT_FALSE(dir.ok());
  std::string garbage("\x0a\x05\xff\xff\xff\xff\x01\x02", 8);
  auto bad = load_bytes(garbage, "bad.pb");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("bad.pb"), std::string::npos);
  auto badgz = load_bytes(std::string("\x1f\x8b\x08\x00garbage", 11), "bad.gz");
  ASSERT_FALSE(badgz.ok());
}

TEST(Load, NoTrailingNewline) {
  auto s = load_bytes("goroutine 1 [select]:\nmain.f()\n\t/a.go:1 +0x1", "x");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->groups.size(), 1u);
  EXPECT_EQ(s->groups[0].frames[0].line, 1u);
}

}  // namespace
}  // namespace oomguard::goroutines
