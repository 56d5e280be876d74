#include "goroutines/grouper.h"

#include <algorithm>
#include <numeric>

namespace oomguard::goroutines {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

inline uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h *= 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 31);
}

uint64_t hash_bytes(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return mix(h, s.size());
}

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// AnyPointer: a hex word of at least 1 MiB is taken for a pointer (Go heap and stack addresses
// are far above it; lengths, flags and small ints are below).
uint64_t hash_args_any_pointer(uint64_t h, std::string_view a) {
  size_t i = 0;
  while (i < a.size()) {
    if (a[i] == '0' && i + 1 < a.size() && a[i + 1] == 'x') {
      size_t j = i + 2;
      uint64_t v = 0;
      size_t digits = 0;
      while (j < a.size() && is_hex_digit(a[j])) {
        char c = a[j];
        unsigned d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        if (digits < 16) v = v << 4 | d;
        ++digits;
        ++j;
      }
      if (digits > 5 || v >= (uint64_t{1} << 20)) {
        h = hash_bytes(h, "*");
      } else {
        h = hash_bytes(h, a.substr(i, j - i));
      }
      i = j;
      continue;
    }
    h = (h ^ static_cast<unsigned char>(a[i])) * 0x100000001b3ULL;
    ++i;
  }
  return h;
}

}  // namespace

void Goroutine::clear() {
  id = 0;
  has_id = false;
  weight = 1;
  state = 0;
  minutes = 0;
  locked = false;
  stack_unavailable = false;
  labels = 0;
  created_by = Frame{};
  frames.clear();
  args_text.clear();
  args.clear();
  dropped_frames = 0;
}

void Goroutine::add_frame(const Frame& f, std::string_view frame_args) {
  if (frames.size() >= kMaxFrames) {
    ++dropped_frames;
    return;
  }
  frame_args = frame_args.substr(0, kMaxArgs);
  frames.push_back(f);
  args.emplace_back(static_cast<uint32_t>(args_text.size()),
                    static_cast<uint32_t>(frame_args.size()));
  args_text.append(frame_args);
}

void Goroutine::finish_frames(StringTable& strings) {
  if (dropped_frames == 0) return;
  Frame marker;
  marker.function = strings.intern("...frames past the first 1024 not kept...");
  frames.push_back(marker);
  args.emplace_back(static_cast<uint32_t>(args_text.size()), 0);
  dropped_frames = 0;
}

uint64_t Grouper::args_key(const Goroutine& g) const {
  if (s_.similarity == Similarity::kValue) return 0;
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const auto& [off, len] : g.args) {
    std::string_view a(g.args_text.data() + off, len);
    h = s_.similarity == Similarity::kPointer ? hash_args_any_pointer(h, a) : hash_bytes(h, a);
    h = mix(h, 0x2c);
  }
  if (s_.similarity == Similarity::kExact) h = mix(h, g.labels);
  return h;
}

bool Grouper::same_key(const Group& grp, const Goroutine& g, uint64_t akey) const {
  if (grp.state != g.state || grp.frames.size() != g.frames.size() ||
      grp.stack_unavailable != g.stack_unavailable || grp.args_key != akey ||
      grp.created_by.function != g.created_by.function ||
      grp.created_by.file != g.created_by.file || grp.created_by.line != g.created_by.line) {
    return false;
  }
  bool exact = s_.similarity == Similarity::kExact;
  if (exact && grp.locked_key != g.locked) return false;
  for (size_t i = 0; i < g.frames.size(); ++i) {
    const Frame& a = grp.frames[i];
    const Frame& b = g.frames[i];
    if (a.function != b.function || a.file != b.file || a.line != b.line) return false;
    if (exact && a.offset != b.offset) return false;
  }
  return true;
}

void Grouper::add(const Goroutine& g) {
  bool exact = s_.similarity == Similarity::kExact;
  uint64_t akey = args_key(g);
  uint64_t h = mix(g.state, g.stack_unavailable ? 1 : 0);
  h = mix(h, akey);
  h = mix(h, g.created_by.function);
  h = mix(h, uint64_t{g.created_by.file} << 32 | g.created_by.line);
  if (exact) h = mix(h, g.locked ? 1 : 0);
  for (const Frame& f : g.frames) {
    h = mix(h, uint64_t{f.function} << 32 | f.file);
    h = mix(h, exact ? (uint64_t{f.line} << 32 | f.offset) : f.line);
  }

  uint32_t idx = kNone;
  auto it = heads_.find(h);
  if (it != heads_.end()) {
    for (uint32_t i = it->second; i != kNone; i = next_[i]) {
      if (s_.groups[i].hash == h && same_key(s_.groups[i], g, akey)) {
        idx = i;
        break;
      }
    }
  }
  if (idx == kNone) {
    idx = static_cast<uint32_t>(s_.groups.size());
    Group& grp = s_.groups.emplace_back();
    grp.state = g.state;
    grp.frames = g.frames;
    grp.created_by = g.created_by;
    grp.stack_unavailable = g.stack_unavailable;
    grp.min_minutes = g.minutes;
    grp.max_minutes = g.minutes;
    grp.labels = g.labels;
    grp.hash = h;
    grp.args_key = akey;
    grp.locked_key = g.locked;
    grp.first_seen = idx;
    grp.args.reserve(g.args.size());
    for (const auto& [off, len] : g.args) grp.args.emplace_back(g.args_text.data() + off, len);
    if (it != heads_.end()) {
      next_.push_back(it->second);
      it->second = idx;
    } else {
      next_.push_back(kNone);
      heads_.emplace(h, idx);
    }
  }
  Group& grp = s_.groups[idx];
  grp.count += g.weight;
  grp.min_minutes = std::min(grp.min_minutes, g.minutes);
  grp.max_minutes = std::max(grp.max_minutes, g.minutes);
  if (g.locked) grp.locked += g.weight;
  if (g.has_id && grp.ids.size() < kMaxIds) grp.ids.push_back(g.id);
  if (g.labels != grp.labels) grp.labels_vary = true;
  s_.total += g.weight;
}

void Grouper::finish() {
  std::stable_sort(s_.groups.begin(), s_.groups.end(), [](const Group& a, const Group& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.first_seen < b.first_seen;
  });
  heads_.clear();
  next_.clear();
}

}  // namespace oomguard::goroutines
