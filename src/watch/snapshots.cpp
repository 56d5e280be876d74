#include "watch/snapshots.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

namespace oomguard::watch {

Result<std::string> write_atomic(const std::string& path, std::string_view data) {
  namespace fs = std::filesystem;
  fs::path p(path);
  fs::path tmp = p.parent_path() / fmt::format(".{}.tmp-{}", p.filename().string(), getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Error{fmt::format("{}: {}", tmp.string(), std::strerror(errno))};
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Error{fmt::format("{}: {}", tmp.string(), std::strerror(e))};
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return Error{fmt::format("{}: {}", tmp.string(), std::strerror(e))};
  }
  if (::rename(tmp.c_str(), p.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return Error{fmt::format("{}: {}", path, std::strerror(e))};
  }
  return path;
}

std::string utc_stamp(int64_t unix_ms) {
  time_t secs = static_cast<time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
  return fmt::format("{}.{:03d}Z", buf, static_cast<int>(unix_ms % 1000));
}

void SnapshotStore::begin_set(std::string_view set, int64_t unix_ms) {
  ++seq_;
  prefix_ = fmt::format("{}-{:04d}-{}-", utc_stamp(unix_ms), seq_, set);
  sets_.push_back(Set{set == "baseline", {}});
}

Result<std::string> SnapshotStore::add(std::string_view kind, std::string_view data) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return Error{fmt::format("{}: {}", dir_, ec.message())};
  if (sets_.empty()) begin_set("trigger", 0);
  std::string path = (std::filesystem::path(dir_) / (prefix_ + std::string(kind))).string();
  auto r = write_atomic(path, data);
  if (!r) return r;
  ++written_;
  sets_.back().files.push_back(path);
  live_.push_back(path);
  return r;
}

void SnapshotStore::end_set() {
  size_t triggers = 0;
  for (const auto& s : sets_) triggers += s.baseline ? 0 : 1;
  for (auto it = sets_.begin(); it != sets_.end() && triggers > max_sets_;) {
    if (it->baseline) {
      ++it;
      continue;
    }
    for (const auto& f : it->files) {
      std::error_code ec;
      std::filesystem::remove(f, ec);
      live_.erase(std::remove(live_.begin(), live_.end(), f), live_.end());
    }
    it = sets_.erase(it);
    --triggers;
  }
}

}  // namespace oomguard::watch
