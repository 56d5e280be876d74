#include "goroutines/load.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

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

// Serves one canned HTTP response on 127.0.0.1 and returns the port.
class OneShotServer {
 public:
  explicit OneShotServer(std::string response) : response_(std::move(response)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    listen(fd_, 1);
    thread_ = std::thread([this] {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      char buf[4096];
      (void)read(c, buf, sizeof buf);
      size_t off = 0;
      while (off < response_.size()) {
        ssize_t w = write(c, response_.data() + off, response_.size() - off);
        if (w <= 0) break;
        off += static_cast<size_t>(w);
      }
      close(c);
    });
  }
  ~OneShotServer() {
    thread_.join();
    close(fd_);
  }
  [[nodiscard]] int port() const { return port_; }

 private:
  std::string response_;
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

TEST(Load, HttpUrl) {
  std::string body = big_dump(50);
  OneShotServer srv("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body);
  auto s =
      load("http://127.0.0.1:" + std::to_string(srv.port()) + "/debug/pprof/goroutine?debug=2");
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->total, 50u);
}

TEST(Load, HttpErrorStatusIsAnError) {
  OneShotServer srv("HTTP/1.0 404 Not Found\r\nContent-Length: 18\r\n\r\nUnknown profile\n\n\n");
  auto s = load("http://127.0.0.1:" + std::to_string(srv.port()) + "/debug/pprof/nope");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("404"), std::string::npos);
}

}  // namespace
}  // namespace oomguard::goroutines
