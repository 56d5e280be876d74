#include "core/byte_source.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <vector>

#include "core/diagnostic.h"

namespace oomguard {
namespace {

std::string temp_file(const std::string& contents) {
  char path[] = "/tmp/oomguard_test_XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(::write(fd, contents.data(), contents.size()), static_cast<ssize_t>(contents.size()));
  ::close(fd);
  return path;
}

TEST(ReadFile, ReadsWholeFile) {
  auto p = temp_file("hello\nworld");
  auto r = read_file(p);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(*r, "hello\nworld");
  std::remove(p.c_str());
}

TEST(ReadFile, MissingFileNamesThePath) {
  auto r = read_file("/nonexistent/oomguard");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("/nonexistent/oomguard"), std::string::npos);
}

TEST(ReadFile, EnforcesSizeLimit) {
  auto p = temp_file(std::string(100, 'x'));
  auto r = read_file(p, 10);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("limit"), std::string::npos);
  std::remove(p.c_str());
}

// "hello" compressed by gzip -n.
const unsigned char kHelloGz[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                  0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x86,
                                  0xa6, 0x10, 0x36, 0x05, 0x00, 0x00, 0x00};

TEST(Gunzip, DecompressesAndConcatenatesMembers) {
  std::string one(reinterpret_cast<const char*>(kHelloGz), sizeof kHelloGz);
  auto r = gunzip(one + one);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(*r, "hellohello");
}

TEST(Gunzip, RejectsOverLimitAndCorruptInput) {
  std::string one(reinterpret_cast<const char*>(kHelloGz), sizeof kHelloGz);
  EXPECT_FALSE(gunzip(one, 3).ok());
  std::string bad = one;
  bad[12] = static_cast<char>(0xff);
  bad.resize(bad.size() - 6);
  EXPECT_FALSE(gunzip(bad).ok());
  EXPECT_FALSE(gunzip("plain").ok());
}

TEST(LineReader, SplitsLinesAcrossChunks) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "line " + std::to_string(i) + "\n";
  text += "last-no-newline";
  auto p = temp_file(text);
  int fd = ::open(p.c_str(), O_RDONLY);
  LineReader lr(fd, 7);  // tiny chunk forces many refills
  std::vector<std::string> lines;
  std::string_view l;
  while (lr.next(l)) lines.emplace_back(l);
  ::close(fd);
  ASSERT_EQ(lines.size(), 1001U);
  EXPECT_EQ(lines[0], "line 0");
  EXPECT_EQ(lines[999], "line 999");
  EXPECT_EQ(lines[1000], "last-no-newline");
  std::remove(p.c_str());
}

TEST(Diagnostic, FormatsLikeGoTools) {
  Diagnostic d{"a.go", {10, 2, 5}, Severity::kError, "expected ';'"};
  EXPECT_EQ(format_diagnostic(d), "a.go:2:5: expected ';'");
  d.pos = {};
  EXPECT_EQ(format_diagnostic(d), "a.go: expected ';'");
}

}  // namespace
}  // namespace oomguard

namespace oomguard {
namespace {

TEST(LineReader, CutsOverlongLinesAndKeepsMemoryBounded) {
  std::string text = "short\n" + std::string(5000, 'x') + "\nnext\n" + std::string(3000, 'y');
  char path[] = "/tmp/oomguard_lr_XXXXXX";
  int wfd = mkstemp(path);
  ASSERT_EQ(::write(wfd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  ::close(wfd);
  int fd = ::open(path, O_RDONLY);
  LineReader lr(fd, 64, 1000);
  std::string_view l;
  std::vector<std::pair<std::string, bool>> got;
  while (lr.next(l)) got.emplace_back(std::string(l), lr.truncated());
  ::close(fd);
  std::remove(path);
  ASSERT_EQ(got.size(), 4U);
  EXPECT_EQ(got[0], (std::pair<std::string, bool>{"short", false}));
  EXPECT_EQ(got[1].first, std::string(1000, 'x'));
  EXPECT_TRUE(got[1].second);
  EXPECT_EQ(got[2], (std::pair<std::string, bool>{"next", false}));
  EXPECT_EQ(got[3].first, std::string(1000, 'y'));  // no newline at all: cut, rest skipped
  EXPECT_TRUE(got[3].second);
}

}  // namespace
}  // namespace oomguard
