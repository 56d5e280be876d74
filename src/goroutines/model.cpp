#include "goroutines/model.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace oomguard::goroutines {

StringTable::StringTable() { views_.emplace_back(); }

uint32_t StringTable::intern(std::string_view s) {
  if (s.empty()) return 0;
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  if (block_used_ + s.size() > block_size_) {
    block_size_ = std::max<size_t>(size_t{1} << 16, s.size());
    blocks_.emplace_back(new char[block_size_]);
    block_used_ = 0;
  }
  char* p = blocks_.back().get() + block_used_;
  std::memcpy(p, s.data(), s.size());
  block_used_ += s.size();
  std::string_view stored(p, s.size());
  auto id = static_cast<uint32_t>(views_.size());
  views_.push_back(stored);
  index_.emplace(stored, id);
  return id;
}

std::string_view format_name(Format f) {
  switch (f) {
    case Format::kDebug2:
      return "debug=2";
    case Format::kDebug1:
      return "debug=1";
    case Format::kProto:
      return "proto";
  }
  return "?";
}

bool parse_similarity(std::string_view s, Similarity& out) {
  if (s == "exact" || s == "flags") {
    out = Similarity::kExact;
  } else if (s == "lines" || s == "args") {
    out = Similarity::kLines;
  } else if (s == "pointer" || s == "pointers") {
    out = Similarity::kPointer;
  } else if (s == "value" || s == "values" || s == "any") {
    out = Similarity::kValue;
  } else {
    return false;
  }
  return true;
}

std::string_view similarity_name(Similarity s) {
  switch (s) {
    case Similarity::kExact:
      return "exact";
    case Similarity::kLines:
      return "lines";
    case Similarity::kPointer:
      return "pointer";
    case Similarity::kValue:
      return "value";
  }
  return "?";
}

std::string_view package_of(std::string_view function) {
  // The package ends at the first '.' after the last '/', ignoring '/' inside generic brackets
  // or the receiver's parentheses.
  size_t limit = function.find_first_of("[(");
  std::string_view head = function.substr(0, limit);
  size_t slash = head.rfind('/');
  size_t from = slash == std::string_view::npos ? 0 : slash + 1;
  size_t dot = function.find('.', from);
  if (dot == std::string_view::npos) return {};
  return function.substr(0, dot);
}

bool is_stdlib_package(std::string_view pkg) {
  static constexpr std::array<std::string_view, 40> kStd = {
      "archive",  "bufio",  "bytes",   "cmp",      "compress", "container", "context", "crypto",
      "database", "debug",  "embed",   "encoding", "errors",   "expvar",    "flag",    "fmt",
      "go",       "hash",   "html",    "image",    "index",    "internal",  "io",      "iter",
      "log",      "maps",   "math",    "mime",     "net",      "os",        "path",    "plugin",
      "reflect",  "regexp", "runtime", "slices",   "sort",     "strconv",   "strings", "sync"};
  static constexpr std::array<std::string_view, 10> kStd2 = {"syscall", "testing", "text",   "time",
                                                             "unicode", "unique",  "unsafe", "weak",
                                                             "vendor",  "structs"};
  if (pkg.empty()) return false;
  std::string_view first = pkg.substr(0, pkg.find('/'));
  return std::find(kStd.begin(), kStd.end(), first) != kStd.end() ||
         std::find(kStd2.begin(), kStd2.end(), first) != kStd2.end();
}

bool is_runtime_function(std::string_view function) {
  return function.starts_with("runtime.") || function.starts_with("runtime/internal/") ||
         function.starts_with("internal/runtime/");
}

}  // namespace oomguard::goroutines
