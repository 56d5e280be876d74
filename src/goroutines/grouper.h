// Streams goroutines (or counted stacks) into groups keyed by state, stack, creator and — at the
// stricter similarity levels — arguments, offsets and the locked flag. Memory is per group, not
// per goroutine: a hash index over the groups, plus a few sample ids.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "goroutines/model.h"

namespace oomguard::goroutines {

// One goroutine as a parser hands it over; reused between goroutines to avoid allocations.
struct Goroutine {
  uint64_t id = 0;
  bool has_id = false;
  uint64_t weight = 1;  // debug=1 / proto records stand for `weight` goroutines
  uint32_t state = 0;
  uint32_t minutes = 0;
  bool locked = false;
  bool stack_unavailable = false;
  uint32_t labels = 0;
  Frame created_by;
  std::vector<Frame> frames;
  std::string args_text;                            // all frames' argument lists
  std::vector<std::pair<uint32_t, uint32_t>> args;  // (offset, length) per frame

  uint64_t dropped_frames = 0;  // frames past kMaxFrames (never happens with Go's own output)

  void clear();
  // Keeps at most kMaxFrames frames and kMaxArgs bytes of each argument list.
  void add_frame(const Frame& f, std::string_view frame_args);
  // Appends a marker frame when frames were dropped; call once the goroutine is complete.
  void finish_frames(StringTable& strings);
};

inline constexpr size_t kMaxFrames = 1024;  // Go prints at most 100 (+ elision) per goroutine
inline constexpr size_t kMaxArgs = 4096;

class Grouper {
 public:
  explicit Grouper(Snapshot& snap) : s_(snap) {}
  void add(const Goroutine& g);
  // Sorts groups largest first (ties: first seen first) and drops the index.
  void finish();

 private:
  uint64_t args_key(const Goroutine& g) const;
  bool same_key(const Group& grp, const Goroutine& g, uint64_t akey) const;

  Snapshot& s_;
  std::unordered_map<uint64_t, uint32_t> heads_;  // hash -> first group with that hash
  std::vector<uint32_t> next_;                    // chain of groups sharing a hash
};

}  // namespace oomguard::goroutines
