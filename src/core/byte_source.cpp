#include "core/byte_source.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <libdeflate.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace oomguard {
namespace {

Result<std::string> read_fd(int fd, const std::string& name, uint64_t max_bytes) {
  std::string out;
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    if (static_cast<uint64_t>(st.st_size) > max_bytes) {
      return Error{fmt::format("{}: file is {} bytes, larger than the limit of {} bytes", name,
                               st.st_size, max_bytes)};
    }
    out.reserve(static_cast<size_t>(st.st_size));
  }
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{fmt::format("{}: {}", name, std::strerror(errno))};
    }
    if (n == 0) break;
    if (out.size() + static_cast<uint64_t>(n) > max_bytes) {
      return Error{fmt::format("{}: input larger than the limit of {} bytes", name, max_bytes)};
    }
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace

Result<std::string> read_file(const std::string& path, uint64_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{fmt::format("{}: {}", path, std::strerror(errno))};
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Error{fmt::format("{}: is a directory", path)};
  }
  auto r = read_fd(fd, path, max_bytes);
  ::close(fd);
  return r;
}

Result<std::string> read_stdin(uint64_t max_bytes) { return read_fd(0, "<stdin>", max_bytes); }

Result<std::string> gunzip(std::string_view data, uint64_t max_bytes) {
  std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> d(
      libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
  if (!d) return Error{"gunzip: out of memory"};
  std::string out;
  size_t in_pos = 0;
  while (in_pos < data.size()) {
    std::string_view member = data.substr(in_pos);
    if (!is_gzip(member)) {
      if (in_pos == 0) return Error{"offset 0: not gzip data"};
      break;  // trailing garbage after a complete member: ignored, as gzip -d warns and stops
    }
    // The trailer's ISIZE is the member's size modulo 2^32: a hint, grown on demand.
    uint64_t hint = 0;
    if (member.size() >= 18) {
      const auto* t = reinterpret_cast<const unsigned char*>(member.data() + member.size() - 4);
      hint = uint64_t{t[0]} | uint64_t{t[1]} << 8 | uint64_t{t[2]} << 16 | uint64_t{t[3]} << 24;
    }
    // DEFLATE cannot expand more than 1032:1, so a larger hint is a corrupt trailer (or a
    // multi-member stream); never pre-allocate more than that bound or 256 MiB.
    uint64_t bound = static_cast<uint64_t>(member.size()) * 1032 + 1024;
    uint64_t cap = std::min<uint64_t>(std::max<uint64_t>(hint, member.size() * 4 + 1024), bound);
    cap = std::min<uint64_t>(cap, uint64_t{256} << 20);
    for (;;) {
      uint64_t room = max_bytes - out.size();
      if (cap > room) cap = room;
      size_t base = out.size();
      out.resize(base + cap);
      size_t in_used = 0;
      size_t out_used = 0;
      auto rc = libdeflate_gzip_decompress_ex(d.get(), member.data(), member.size(),
                                              out.data() + base, cap, &in_used, &out_used);
      if (rc == LIBDEFLATE_SUCCESS) {
        out.resize(base + out_used);
        in_pos += in_used;
        break;
      }
      out.resize(base);
      if (rc == LIBDEFLATE_INSUFFICIENT_SPACE) {
        if (cap >= room) {
          return Error{fmt::format("decompressed size exceeds the limit of {} bytes", max_bytes)};
        }
        cap = cap * 2;
        continue;
      }
      return Error{fmt::format("offset {}: corrupt or truncated gzip data", in_pos)};
    }
  }
  return out;
}

LineReader::LineReader(int fd, size_t chunk, size_t max_line)
    : fd_(fd), chunk_(std::max<size_t>(chunk, 1)), max_line_(std::max<size_t>(max_line, 1)) {
  buf_.resize(chunk_);
}

bool LineReader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    consumed_ += begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  // Grow only while a line may still fit (max_line plus a chunk of look-ahead).
  if (end_ == buf_.size()) buf_.resize(std::min(buf_.size() * 2, max_line_ + chunk_ + 1));
  for (;;) {
    ssize_t n = ::read(fd_, buf_.data() + end_, buf_.size() - end_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error_ = true;
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    end_ += static_cast<size_t>(n);
    return true;
  }
}

bool LineReader::next(std::string_view& line) {
  truncated_ = false;
  for (;;) {
    const char* start = buf_.data() + begin_;
    const void* nl = std::memchr(start, '\n', end_ - begin_);
    if (skipping_) {  // drop the tail of a cut line
      if (nl != nullptr) {
        begin_ += static_cast<size_t>(static_cast<const char*>(nl) - start) + 1;
        skipping_ = false;
        continue;
      }
      begin_ = end_;
      if (!fill()) return false;
      continue;
    }
    if (nl != nullptr) {
      size_t len = static_cast<size_t>(static_cast<const char*>(nl) - start);
      line_offset_ = consumed_ + begin_;
      if (len > max_line_) {
        line = std::string_view(start, max_line_);
        truncated_ = true;
      } else {
        line = std::string_view(start, len);
      }
      begin_ += len + 1;
      return true;
    }
    if (end_ - begin_ >= max_line_) {  // no newline within max_line bytes: cut here
      line_offset_ = consumed_ + begin_;
      line = std::string_view(start, max_line_);
      truncated_ = true;
      begin_ += max_line_;
      skipping_ = true;
      return true;
    }
    if (!fill()) {
      if (begin_ == end_) return false;
      line_offset_ = consumed_ + begin_;
      line = std::string_view(buf_.data() + begin_, end_ - begin_);
      begin_ = end_;
      return true;
    }
  }
}

}  // namespace oomguard
