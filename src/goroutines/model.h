// The goroutine model shared by every input format: interned strings, frames, groups of
// goroutines with the same state and stack, and the snapshot that one dump or profile yields.
// Parsers stream goroutines into a Grouper (grouper.h); nothing keeps per-goroutine text.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"

namespace oomguard::goroutines {

// Interns strings (function names, files, states, labels) so that each distinct text is stored
// once, whatever the number of goroutines that mention it. Id 0 is always the empty string.
class StringTable {
 public:
  StringTable();
  StringTable(const StringTable&) = delete;
  StringTable& operator=(const StringTable&) = delete;
  StringTable(StringTable&&) = default;
  StringTable& operator=(StringTable&&) = default;

  uint32_t intern(std::string_view s);
  [[nodiscard]] std::string_view str(uint32_t id) const { return views_[id]; }
  [[nodiscard]] size_t size() const { return views_.size(); }

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = 0;
  size_t block_size_ = 0;
  std::vector<std::string_view> views_;
  std::unordered_map<std::string_view, uint32_t> index_;
};

enum class Format { kDebug2, kDebug1, kProto };
std::string_view format_name(Format f);

// How far two goroutines may differ and still share a group (panicparse's levels).
enum class Similarity {
  kExact,    // ExactFlags: same arguments, same PC offsets, same "locked to thread"
  kLines,    // ExactLines: same arguments; offsets and the locked flag may differ
  kPointer,  // AnyPointer: arguments equal except pointer-looking values
  kValue,    // AnyValue: arguments ignored (our default: a leak is one code path)
};
// Accepts exact|flags, lines|args, pointer|pointers, value|any|values.
bool parse_similarity(std::string_view s, Similarity& out);
std::string_view similarity_name(Similarity s);

struct Frame {
  uint32_t function = 0;  // StringTable ids
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t offset = 0;  // "+0x.." in debug=2, "func+0x.." in debug=1; 0 if absent
};

struct Group {
  uint32_t state = 0;         // wait reason or status; "" for debug=1 and proto (no state there)
  std::vector<Frame> frames;  // leaf first
  Frame created_by;           // function 0 = unknown (debug=1, proto, goroutine 1)
  bool stack_unavailable = false;
  uint64_t count = 0;
  uint32_t min_minutes = 0;
  uint32_t max_minutes = 0;
  uint64_t locked = 0;        // goroutines locked to their thread
  std::vector<uint64_t> ids;  // the first kMaxIds goroutine ids seen (debug=2 only)
  uint32_t labels = 0;        // first label set seen
  bool labels_vary = false;
  std::vector<std::string> args;  // per frame, the arguments of the first goroutine (debug=2)

  // Grouping key bookkeeping (see grouper.cpp).
  uint64_t hash = 0;
  uint64_t args_key = 0;
  bool locked_key = false;
  uint32_t first_seen = 0;
};

inline constexpr size_t kMaxIds = 16;

struct Snapshot {
  Format format = Format::kDebug2;
  std::string source;
  Similarity similarity = Similarity::kValue;
  StringTable strings;
  std::vector<Group> groups;    // sorted largest first by finish()
  uint64_t total = 0;           // goroutines counted
  uint64_t declared_total = 0;  // "goroutine profile: total N" (debug=1), else 0
  uint64_t skipped_lines = 0;   // lines that were neither goroutines nor known noise
  std::vector<Diagnostic> warnings;

  [[nodiscard]] std::string_view str(uint32_t id) const { return strings.str(id); }
};

// The package path of a Go symbol: "net/http" for "net/http.(*conn).serve", "main" for
// "main.main.func1", "" when there is none.
std::string_view package_of(std::string_view function);
// True for Go's standard library (first path element is a std top-level package, or vendor/).
bool is_stdlib_package(std::string_view pkg);
bool is_runtime_function(std::string_view function);  // runtime.* and runtime/internal/*

}  // namespace oomguard::goroutines
