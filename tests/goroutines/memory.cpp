// Streaming claim: a debug=2 dump far larger than memory should need is parsed with a peak RSS
// well below its size. Generates a ~256 MiB dump (many goroutines, a few dozen stacks), parses
// it in a forked child and reads the child's peak RSS from wait4(). Skipped under sanitizers,
// whose shadow memory and quarantine dominate RSS.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "goroutines/load.h"

#if defined(__SANITIZE_ADDRESS__)
#define OOMGUARD_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OOMGUARD_UNDER_ASAN 1
#endif
#endif

namespace oomguard::goroutines {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kTargetBytes = uint64_t{256} << 20;

// Writes the dump; returns the number of goroutines written.
uint64_t write_dump(const fs::path& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::string buf;
  uint64_t written = 0;
  uint64_t n = 0;
  const char* states[] = {"chan send", "select", "chan receive", "semacquire", "IO wait"};
  while (written < kTargetBytes) {
    buf.clear();
    for (int k = 0; k < 1000; ++k, ++n) {
      unsigned stack = static_cast<unsigned>(n % 37);
      buf += fmt::format("goroutine {} [{}, {} minutes]:\n", n + 2, states[stack % 5], n % 90);
      for (unsigned d = 0; d <= stack % 9; ++d) {
        buf += fmt::format(
            "github.com/acme/svc/internal/worker{}.(*Pool).step{}(0xc{:09x}, 0x{:x}, {{0x{:x}, "
            "0x{:x}}})\n\t/home/build/src/github.com/acme/svc/internal/worker{}/pool.go:{} "
            "+0x{:x}\n",
            stack, d, n * 64, n % 1000, n, stack, stack, 100 + d * 7, 0x20 + d);
      }
      buf += fmt::format(
          "created by github.com/acme/svc/internal/worker{}.Start in goroutine 1\n"
          "\t/home/build/src/github.com/acme/svc/internal/worker{}/start.go:42 +0x1d\n\n",
          stack, stack);
    }
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    written += buf.size();
  }
  return n;
}

TEST(StreamingMemory, PeakRssStaysFarBelowTheDumpSize) {
#ifdef OOMGUARD_UNDER_ASAN
  GTEST_SKIP() << "RSS is not meaningful under AddressSanitizer";
#endif
  fs::path path = fs::temp_directory_path() / fmt::format("oomguard_memory_{}.txt", getpid());
  uint64_t expected = write_dump(path);
  uint64_t size = fs::file_size(path);

  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    auto s = load(path.string());
    uint64_t total = s.ok() ? s->total : 0;
    uint64_t groups = s.ok() ? s->groups.size() : 0;
    uint64_t msg[2] = {total, groups};
    ssize_t w = write(fds[1], msg, sizeof msg);
    _exit(w == static_cast<ssize_t>(sizeof msg) ? 0 : 1);
  }
  close(fds[1]);
  uint64_t msg[2] = {0, 0};
  ssize_t r = read(fds[0], msg, sizeof msg);
  close(fds[0]);
  int status = 0;
  struct rusage ru {};
  ASSERT_EQ(wait4(pid, &status, 0, &ru), pid);
  fs::remove(path);
  ASSERT_EQ(r, static_cast<ssize_t>(sizeof msg));
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(msg[0], expected);
  EXPECT_EQ(msg[1], 37u);  // one group per generated stack (arguments ignored by default)
  uint64_t peak = static_cast<uint64_t>(ru.ru_maxrss) * 1024;
  std::printf("dump %llu bytes, %llu goroutines, child peak RSS %llu bytes\n",
              static_cast<unsigned long long>(size), static_cast<unsigned long long>(expected),
              static_cast<unsigned long long>(peak));
  EXPECT_LT(peak, size / 2);
}

}  // namespace
}  // namespace oomguard::goroutines
