// The profile model: one decoded profile.proto (or legacy text profile) held in flat arrays.
// Strings are views into buffers the profile owns (the decompressed input or owned strings),
// ids are resolved to indices after reading, and all sample location indices and values live
// in single vectors addressed by per-sample offsets. Copying a Profile is cheap-ish and safe:
// the buffers are shared.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace oomguard::pprof {

inline constexpr uint32_t kNone = 0xffffffffu;

// Go's int64 addition wraps on overflow, and so do our sums of sample values (signed overflow is
// undefined in C++; profiles from outside can hold any int64).
inline int64_t add_wrap(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

inline int64_t mul_wrap(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}

// |v| as Go computes it: -MinInt64 wraps to MinInt64 (std::abs would be undefined there).
inline int64_t abs64(int64_t v) {
  return v < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(v)) : v;
}

struct ValueType {
  std::string_view type;
  std::string_view unit;
};

struct Function {
  uint64_t id = 0;
  std::string_view name;
  std::string_view system_name;
  std::string_view filename;
  int64_t start_line = 0;
};

// One frame of a location: line[0] is the innermost inlined callee, the last the caller.
struct Line {
  uint32_t function = kNone;  // index into Profile::functions, kNone if absent
  int64_t line = 0;
  int64_t column = 0;
};

struct Mapping {
  uint64_t id = 0;
  uint64_t start = 0;
  uint64_t limit = 0;
  uint64_t offset = 0;
  std::string_view file;
  std::string_view build_id;
  bool has_functions = false;
  bool has_filenames = false;
  bool has_line_numbers = false;
  bool has_inline_frames = false;
};

struct Location {
  uint64_t id = 0;
  uint32_t mapping = kNone;  // index into Profile::mappings
  uint64_t address = 0;
  uint32_t line_begin = 0;  // into Profile::lines
  uint32_t line_count = 0;
  bool is_folded = false;
};

struct Label {
  std::string_view key;
  std::string_view str;       // string label when !is_num
  int64_t num = 0;            // numeric label when is_num
  std::string_view num_unit;  // may be empty
  bool is_num = false;
};

// A frame of a sample's expanded stack (one Line of one Location).
struct Frame {
  std::string_view function;  // "" when unsymbolized
  std::string_view file;
  int64_t line = 0;
  uint64_t address = 0;
  bool inlined = false;  // true when this frame was inlined into the next (caller) frame
};

struct Profile {
  std::vector<ValueType> sample_types;
  ValueType period_type;
  int64_t period = 0;
  int64_t time_nanos = 0;
  int64_t duration_nanos = 0;
  std::vector<std::string_view> comments;
  std::string_view drop_frames;
  std::string_view keep_frames;
  std::string_view default_sample_type;
  std::string_view doc_url;

  std::vector<Mapping> mappings;  // mappings[0] is the main binary
  std::vector<Location> locations;
  std::vector<Line> lines;
  std::vector<Function> functions;

  // Samples: sample i has locations sample_locs[loc_begin[i] .. loc_begin[i+1]) (leaf first,
  // indices into `locations`), values values[i*nv .. (i+1)*nv) with nv = sample_types.size(),
  // and labels labels[label_begin[i] .. label_begin[i+1]).
  std::vector<uint32_t> loc_begin{0};
  std::vector<uint32_t> sample_locs;
  std::vector<int64_t> values;
  std::vector<uint32_t> label_begin{0};
  std::vector<Label> labels;

  // Buffers the string views point into.
  std::vector<std::shared_ptr<const std::string>> storage;

  [[nodiscard]] size_t num_samples() const { return loc_begin.size() - 1; }
  [[nodiscard]] size_t num_values() const { return sample_types.size(); }
  [[nodiscard]] std::span<const uint32_t> sample_locations(size_t i) const {
    return {sample_locs.data() + loc_begin[i], sample_locs.data() + loc_begin[i + 1]};
  }
  [[nodiscard]] std::span<const int64_t> sample_values(size_t i) const {
    return {values.data() + i * num_values(), num_values()};
  }
  [[nodiscard]] std::span<const Label> sample_labels(size_t i) const {
    return {labels.data() + label_begin[i], labels.data() + label_begin[i + 1]};
  }
  [[nodiscard]] std::span<const Line> location_lines(const Location& l) const {
    return {lines.data() + l.line_begin, l.line_count};
  }

  // Appends one sample (locations leaf first, values of num_values() entries).
  void add_sample(std::span<const uint32_t> locs, std::span<const int64_t> vals,
                  std::span<const Label> labs = {});

  // Keeps a string alive for the profile's lifetime and returns a view of it.
  std::string_view own(std::string s);
};

// The expanded stack of sample i, leaf first: every Line of every Location, innermost first.
// A location without lines gives one frame with only the address.
void expand_frames(const Profile& p, size_t sample, std::vector<Frame>& out);

// The index of a sample type: "" = default (default_sample_type, else the last); a decimal
// index; or a type name (also accepting "inuse_" + name as pprof does). -1 with `error` set
// when invalid.
int sample_index(const Profile& p, std::string_view name, std::string* error);

}  // namespace oomguard::pprof
