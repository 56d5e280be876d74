#include "pprof/profile.h"

#include <fmt/format.h>

#include <charconv>

namespace oomguard::pprof {

void Profile::add_sample(std::span<const uint32_t> locs, std::span<const int64_t> vals,
                         std::span<const Label> labs) {
  sample_locs.insert(sample_locs.end(), locs.begin(), locs.end());
  loc_begin.push_back(static_cast<uint32_t>(sample_locs.size()));
  values.insert(values.end(), vals.begin(), vals.end());
  labels.insert(labels.end(), labs.begin(), labs.end());
  label_begin.push_back(static_cast<uint32_t>(labels.size()));
}

std::string_view Profile::own(std::string s) {
  auto p = std::make_shared<const std::string>(std::move(s));
  std::string_view v(*p);
  storage.push_back(std::move(p));
  return v;
}

void expand_frames(const Profile& p, size_t sample, std::vector<Frame>& out) {
  out.clear();
  for (uint32_t li : p.sample_locations(sample)) {
    const Location& loc = p.locations[li];
    if (loc.line_count == 0) {
      out.push_back(Frame{{}, {}, 0, loc.address, false});
      continue;
    }
    auto lines = p.location_lines(loc);
    for (size_t k = 0; k < lines.size(); ++k) {
      Frame f;
      f.address = loc.address;
      f.line = lines[k].line;
      f.inlined = k + 1 < lines.size();
      if (lines[k].function != kNone) {
        const Function& fn = p.functions[lines[k].function];
        f.function = fn.name;
        f.file = fn.filename;
      }
      out.push_back(f);
    }
  }
}

int sample_index(const Profile& p, std::string_view name, std::string* error) {
  int n = static_cast<int>(p.sample_types.size());
  if (n == 0) {
    if (error != nullptr) *error = "profile has no samples";
    return -1;
  }
  if (name.empty()) {
    if (!p.default_sample_type.empty()) {
      for (int i = 0; i < n; ++i) {
        if (p.sample_types[static_cast<size_t>(i)].type == p.default_sample_type) return i;
      }
    }
    return n - 1;
  }
  int idx = 0;
  auto [ptr, ec] = std::from_chars(name.data(), name.data() + name.size(), idx);
  if (ec == std::errc() && ptr == name.data() + name.size()) {
    if (idx < 0 || idx >= n) {
      if (error != nullptr) {
        *error = fmt::format("sample_index {} is outside the range [0..{}]", name, n - 1);
      }
      return -1;
    }
    return idx;
  }
  std::string_view no_inuse = name;
  if (no_inuse.substr(0, 6) == "inuse_") no_inuse.remove_prefix(6);
  for (int i = 0; i < n; ++i) {
    auto t = p.sample_types[static_cast<size_t>(i)].type;
    if (t == name || t == no_inuse) return i;
  }
  if (error != nullptr) {
    std::string types;
    for (const auto& t : p.sample_types) {
      if (!types.empty()) types += ' ';
      types += t.type;
    }
    *error = fmt::format("sample_index \"{}\" must be one of: [{}]", name, types);
  }
  return -1;
}

}  // namespace oomguard::pprof
