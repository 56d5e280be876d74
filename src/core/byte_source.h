// Byte sources: every input (file, memory, HTTP body, stdin) reaches the decoders as bytes
// behind this small interface, so tests and fuzzers can feed memory. Every read is size-limited.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace oomguard {

inline constexpr uint64_t kDefaultMaxInputBytes = uint64_t{1} << 30;  // 1 GiB

// Reads a whole file; fails with "path: message" on error or when larger than max_bytes.
Result<std::string> read_file(const std::string& path, uint64_t max_bytes = kDefaultMaxInputBytes);

// Reads all of standard input, up to max_bytes.
Result<std::string> read_stdin(uint64_t max_bytes = kDefaultMaxInputBytes);

// Decompresses gzip (one or more members) with an upper bound on the output size.
Result<std::string> gunzip(std::string_view data, uint64_t max_bytes = kDefaultMaxInputBytes);

inline bool is_gzip(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

// A streaming reader of lines, for inputs too large to hold (multi-GB goroutine dumps).
// Reads from a file descriptor in chunks. A line longer than max_line is cut: its first max_line
// bytes are returned with truncated() set, and the rest up to the newline is skipped, so memory
// stays bounded by max_line plus one chunk whatever the input.
class LineReader {
 public:
  explicit LineReader(int fd, size_t chunk = 1 << 20, size_t max_line = 1 << 20);
  // Returns false at end of input. The view stays valid until the next call.
  bool next(std::string_view& line);
  [[nodiscard]] uint64_t offset() const { return line_offset_; }  // offset of the last line
  [[nodiscard]] bool error() const { return error_; }
  [[nodiscard]] bool truncated() const { return truncated_; }  // the last line was cut

 private:
  bool fill();
  int fd_;
  size_t chunk_;
  size_t max_line_;
  bool skipping_ = false;  // discarding the rest of a cut line
  bool truncated_ = false;
  std::string buf_;
  size_t begin_ = 0;
  size_t end_ = 0;
  uint64_t consumed_ = 0;  // bytes dropped from the front of buf_
  uint64_t line_offset_ = 0;
  bool eof_ = false;
  bool error_ = false;
};

}  // namespace oomguard
