#include "pprof/transform.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

namespace oomguard::pprof {
namespace {

// Rebuilds the sample arrays keeping samples for which keep(i) is true.
template <typename Keep>
void filter_samples(Profile& p, Keep keep) {
  size_t n = p.num_samples();
  size_t nv = p.num_values();
  std::vector<uint32_t> loc_begin{0}, sample_locs, label_begin{0};
  std::vector<int64_t> values;
  std::vector<Label> labels;
  sample_locs.reserve(p.sample_locs.size());
  values.reserve(p.values.size());
  for (size_t i = 0; i < n; ++i) {
    if (!keep(i)) continue;
    auto locs = p.sample_locations(i);
    sample_locs.insert(sample_locs.end(), locs.begin(), locs.end());
    loc_begin.push_back(static_cast<uint32_t>(sample_locs.size()));
    auto v = p.values.begin() + static_cast<ptrdiff_t>(i * nv);
    values.insert(values.end(), v, v + static_cast<ptrdiff_t>(nv));
    auto labs = p.sample_labels(i);
    labels.insert(labels.end(), labs.begin(), labs.end());
    label_begin.push_back(static_cast<uint32_t>(labels.size()));
  }
  p.loc_begin = std::move(loc_begin);
  p.sample_locs = std::move(sample_locs);
  p.label_begin = std::move(label_begin);
  p.values = std::move(values);
  p.labels = std::move(labels);
}

void append_key_u64(std::string& k, uint64_t v) {
  k.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void append_key_str(std::string& k, std::string_view s) {
  append_key_u64(k, s.size());
  k.append(s);
}

class Merger {
 public:
  explicit Merger(Profile& out) : out_(out) {}

  void add(const Profile& src) {
    loc_map_.assign(src.locations.size(), kNone);
    fn_map_.assign(src.functions.size(), kNone);
    map_map_.assign(src.mappings.size(), {kNone, 0});
    if (out_.mappings.empty() && !src.mappings.empty()) map_mapping(src, 0);
    std::vector<uint32_t> locs;
    std::string key;
    size_t nv = src.num_values();
    for (size_t i = 0; i < src.num_samples(); ++i) {
      auto vals = src.sample_values(i);
      if (std::all_of(vals.begin(), vals.end(), [](int64_t v) { return v == 0; })) continue;
      locs.clear();
      for (uint32_t l : src.sample_locations(i)) locs.push_back(map_location(src, l));
      auto labs = src.sample_labels(i);
      key.clear();
      for (uint32_t l : locs) append_key_u64(key, l);
      append_key_u64(key, ~uint64_t{0});
      // Labels by key (stable: values of one key keep their order).
      std::vector<const Label*> sorted;
      for (const auto& l : labs) sorted.push_back(&l);
      std::stable_sort(sorted.begin(), sorted.end(), [](const Label* a, const Label* b) {
        if (a->is_num != b->is_num) return a->is_num < b->is_num;
        return a->key < b->key;
      });
      for (const Label* l : sorted) {
        append_key_u64(key, l->is_num ? 1 : 0);
        append_key_str(key, l->key);
        append_key_str(key, l->str);
        append_key_u64(key, static_cast<uint64_t>(l->num));
        append_key_str(key, l->num_unit);
      }
      auto it = samples_.find(key);
      if (it != samples_.end()) {
        int64_t* dst = out_.values.data() + it->second * nv;
        for (size_t k = 0; k < nv; ++k) dst[k] = add_wrap(dst[k], vals[k]);
        continue;
      }
      samples_.emplace(key, out_.num_samples());
      out_.add_sample(locs, vals, labs);
    }
  }

 private:
  std::pair<uint32_t, int64_t> map_mapping(const Profile& src, uint32_t mi) {
    if (mi == kNone) return {kNone, 0};
    if (map_map_[mi].first != kNone) return map_map_[mi];
    const Mapping& m = src.mappings[mi];
    uint64_t size = m.limit - m.start;
    size = size + 0x1000 - 1;
    size = size - (size % 0x1000);
    std::string key;
    append_key_u64(key, size);
    append_key_u64(key, m.offset);
    append_key_str(key, !m.build_id.empty() ? m.build_id : m.file);
    auto it = mappings_.find(key);
    if (it != mappings_.end()) {
      const Mapping& om = out_.mappings[it->second];
      map_map_[mi] = {it->second, static_cast<int64_t>(om.start) - static_cast<int64_t>(m.start)};
      return map_map_[mi];
    }
    Mapping nm = m;
    nm.id = out_.mappings.size() + 1;
    auto idx = static_cast<uint32_t>(out_.mappings.size());
    out_.mappings.push_back(nm);
    mappings_.emplace(std::move(key), idx);
    map_map_[mi] = {idx, 0};
    return map_map_[mi];
  }

  uint32_t map_function(const Profile& src, uint32_t fi) {
    if (fi == kNone) return kNone;
    if (fn_map_[fi] != kNone) return fn_map_[fi];
    const Function& f = src.functions[fi];
    std::string key;
    append_key_u64(key, static_cast<uint64_t>(f.start_line));
    append_key_str(key, f.name);
    append_key_str(key, f.system_name);
    append_key_str(key, f.filename);
    auto it = functions_.find(key);
    if (it != functions_.end()) return fn_map_[fi] = it->second;
    Function nf = f;
    nf.id = out_.functions.size() + 1;
    auto idx = static_cast<uint32_t>(out_.functions.size());
    out_.functions.push_back(nf);
    functions_.emplace(std::move(key), idx);
    return fn_map_[fi] = idx;
  }

  uint32_t map_location(const Profile& src, uint32_t li) {
    if (loc_map_[li] != kNone) return loc_map_[li];
    const Location& l = src.locations[li];
    auto [mi, offset] = map_mapping(src, l.mapping);
    Location nl;
    nl.id = out_.locations.size() + 1;
    nl.mapping = mi;
    nl.address = static_cast<uint64_t>(static_cast<int64_t>(l.address) + offset);
    nl.is_folded = l.is_folded;
    std::vector<Line> lines;
    for (const Line& ln : src.location_lines(l)) {
      lines.push_back({map_function(src, ln.function), ln.line, ln.column});
    }
    std::string key;
    uint64_t addr = nl.address;
    uint64_t mid = 0;
    if (mi != kNone) {
      addr -= out_.mappings[mi].start;
      mid = out_.mappings[mi].id;
    }
    append_key_u64(key, addr);
    append_key_u64(key, mid);
    append_key_u64(key, nl.is_folded ? 1 : 0);
    for (const Line& ln : lines) {
      append_key_u64(key, ln.function == kNone ? 0 : out_.functions[ln.function].id);
      append_key_u64(key, static_cast<uint64_t>(ln.line));
    }
    auto it = locations_.find(key);
    if (it != locations_.end()) return loc_map_[li] = it->second;
    nl.line_begin = static_cast<uint32_t>(out_.lines.size());
    nl.line_count = static_cast<uint32_t>(lines.size());
    out_.lines.insert(out_.lines.end(), lines.begin(), lines.end());
    auto idx = static_cast<uint32_t>(out_.locations.size());
    out_.locations.push_back(nl);
    locations_.emplace(std::move(key), idx);
    return loc_map_[li] = idx;
  }

  Profile& out_;
  std::vector<uint32_t> loc_map_, fn_map_;
  std::vector<std::pair<uint32_t, int64_t>> map_map_;
  std::unordered_map<std::string, uint32_t> mappings_, functions_, locations_;
  std::unordered_map<std::string, size_t> samples_;
};

bool equal_vt(const ValueType& a, const ValueType& b) {
  return a.type == b.type && a.unit == b.unit;
}

std::string vts(const std::vector<ValueType>& v) {
  std::string s;
  for (const auto& t : v) s += fmt::format("{}{}/{}", s.empty() ? "" : " ", t.type, t.unit);
  return "[" + s + "]";
}

// pprof's simplifyFunc: drop a leading '.', and an argument list from the first '(' that does
// not start a reserved name.
std::string_view simplify_func(std::string_view f) {
  if (!f.empty() && f[0] == '.') f.remove_prefix(1);
  static constexpr std::string_view kReserved[] = {"(anonymous namespace)", "operator()"};
  size_t i = 0;
  while (i < f.size()) {
    bool reserved = false;
    for (auto r : kReserved) {
      if (f.substr(i, r.size()) == r) {
        i += r.size();
        reserved = true;
        break;
      }
    }
    if (reserved) continue;
    if (f[i] == '(') return f.substr(0, i);
    ++i;
  }
  return f;
}

bool matches(const RE2& re, std::string_view s) { return RE2::PartialMatch(s, re); }

bool line_matches(const Profile& p, const Line& ln, const RE2& re) {
  if (ln.function == kNone) return false;
  const Function& f = p.functions[ln.function];
  return matches(re, f.name) || matches(re, f.filename);
}

bool mapping_matches(const Profile& p, const Location& l, const RE2& re) {
  return l.mapping != kNone && matches(re, p.mappings[l.mapping].file);
}

}  // namespace

void scale(Profile& p, double ratio) {
  if (ratio == 1) return;
  size_t nv = p.num_values();
  for (auto& v : p.values) {
    v = static_cast<int64_t>(std::round(static_cast<double>(v) * ratio));
  }
  filter_samples(p, [&](size_t i) {
    for (size_t k = 0; k < nv; ++k) {
      if (p.values[i * nv + k] != 0) return true;
    }
    return false;
  });
}

void set_label(Profile& p, std::string_view key, std::string_view value) {
  std::vector<uint32_t> begin{0};
  std::vector<Label> labels;
  for (size_t i = 0; i < p.num_samples(); ++i) {
    for (const auto& l : p.sample_labels(i)) {
      if (!(l.key == key && !l.is_num)) labels.push_back(l);
    }
    labels.push_back(Label{key, value, 0, {}, false});
    begin.push_back(static_cast<uint32_t>(labels.size()));
  }
  p.labels = std::move(labels);
  p.label_begin = std::move(begin);
}

bool has_label(const Profile& p, size_t sample, std::string_view key, std::string_view value) {
  for (const auto& l : p.sample_labels(sample)) {
    if (!l.is_num && l.key == key && l.str == value) return true;
  }
  return false;
}

bool needs_compaction(const Profile& p) {
  return std::any_of(p.values.begin(), p.values.end(), [](int64_t v) { return v < 0; });
}

Result<Profile> merge(std::vector<Profile> srcs) {
  if (srcs.empty()) return Error{"no profiles to merge"};
  const Profile& first = srcs[0];
  for (size_t i = 1; i < srcs.size(); ++i) {
    if (!equal_vt(first.period_type, srcs[i].period_type)) {
      return Error{fmt::format("incompatible period types {}/{} and {}/{}", first.period_type.type,
                               first.period_type.unit, srcs[i].period_type.type,
                               srcs[i].period_type.unit)};
    }
    bool same = first.sample_types.size() == srcs[i].sample_types.size();
    for (size_t k = 0; same && k < first.sample_types.size(); ++k) {
      same = equal_vt(first.sample_types[k], srcs[i].sample_types[k]);
    }
    if (!same) {
      return Error{fmt::format("incompatible sample types {} and {}", vts(first.sample_types),
                               vts(srcs[i].sample_types))};
    }
  }
  Profile out;
  out.sample_types = first.sample_types;
  out.period_type = first.period_type;
  out.drop_frames = first.drop_frames;
  out.keep_frames = first.keep_frames;
  out.doc_url = first.doc_url;
  for (const auto& s : srcs) {
    if (out.time_nanos == 0 || s.time_nanos < out.time_nanos) out.time_nanos = s.time_nanos;
    out.duration_nanos += s.duration_nanos;
    if (out.period == 0 || out.period < s.period) out.period = s.period;
    for (auto c : s.comments) {
      if (std::find(out.comments.begin(), out.comments.end(), c) == out.comments.end()) {
        out.comments.push_back(c);
      }
    }
    if (out.default_sample_type.empty()) out.default_sample_type = s.default_sample_type;
    out.storage.insert(out.storage.end(), s.storage.begin(), s.storage.end());
  }
  Merger m(out);
  for (const auto& s : srcs) m.add(s);
  // Values that cancelled out leave all-zero samples: drop them, as pprof's re-merge does.
  size_t nv = out.num_values();
  filter_samples(out, [&](size_t i) {
    for (size_t k = 0; k < nv; ++k) {
      if (out.values[i * nv + k] != 0) return true;
    }
    return false;
  });
  return out;
}

Result<bool> remove_uninteresting(Profile& p) {
  if (p.drop_frames.empty()) return false;
  RE2 drop("^(" + std::string(p.drop_frames) + ")$");
  if (!drop.ok()) return Error{fmt::format("failed to compile regexp {}", p.drop_frames)};
  std::unique_ptr<RE2> keep;
  if (!p.keep_frames.empty()) {
    keep = std::make_unique<RE2>("^(" + std::string(p.keep_frames) + ")$");
    if (!keep->ok()) return Error{fmt::format("failed to compile regexp {}", p.keep_frames)};
  }
  std::vector<uint8_t> prune(p.locations.size(), 0), beneath(p.locations.size(), 0);
  for (size_t li = 0; li < p.locations.size(); ++li) {
    Location& loc = p.locations[li];
    int i = static_cast<int>(loc.line_count) - 1;
    for (; i >= 0; --i) {
      const Line& ln = p.lines[loc.line_begin + static_cast<uint32_t>(i)];
      if (ln.function == kNone || p.functions[ln.function].name.empty()) continue;
      std::string_view fn = simplify_func(p.functions[ln.function].name);
      if (RE2::FullMatch(fn, drop) && (!keep || !RE2::FullMatch(fn, *keep))) break;
    }
    if (i >= 0) {
      beneath[li] = 1;
      if (i == static_cast<int>(loc.line_count) - 1) {
        prune[li] = 1;
      } else {
        loc.line_begin += static_cast<uint32_t>(i + 1);
        loc.line_count -= static_cast<uint32_t>(i + 1);
      }
    }
  }
  std::vector<uint32_t> locs, begin{0};
  for (size_t s = 0; s < p.num_samples(); ++s) {
    auto sl = p.sample_locations(s);
    size_t from = 0;
    bool found_user = false;
    for (size_t k = sl.size(); k-- > 0;) {
      uint32_t id = sl[k];
      if (prune[id] == 0 && beneath[id] == 0) {
        found_user = true;
        continue;
      }
      if (!found_user) continue;
      from = prune[id] != 0 ? k + 1 : k;
      break;
    }
    locs.insert(locs.end(), sl.begin() + static_cast<ptrdiff_t>(from), sl.end());
    begin.push_back(static_cast<uint32_t>(locs.size()));
  }
  p.sample_locs = std::move(locs);
  p.loc_begin = std::move(begin);
  return true;
}

FilterMatches filter_samples_by_name(Profile& p, const NameFilters& f) {
  FilterMatches m;
  // Without filters pprof only drops samples without locations, which no report shows.
  if (f.focus == nullptr && f.ignore == nullptr && f.hide == nullptr && f.show == nullptr) {
    return m;
  }
  // 0: neither, 1: focused, 2: ignored.
  std::vector<uint8_t> fi(p.locations.size(), 0);
  std::vector<uint8_t> hidden(p.locations.size(), 0);
  bool any_hidden = false;
  for (size_t li = 0; li < p.locations.size(); ++li) {
    Location& l = p.locations[li];
    auto lines = p.location_lines(l);
    auto loc_matches = [&](const RE2& re) {
      for (const auto& ln : lines) {
        if (line_matches(p, ln, re)) return true;
      }
      return mapping_matches(p, l, re);
    };
    if (f.ignore != nullptr && loc_matches(*f.ignore)) {
      m.ignore = true;
      fi[li] = 2;
    } else if (f.focus == nullptr || loc_matches(*f.focus)) {
      m.focus = true;
      fi[li] = 1;
    }
    if (f.hide != nullptr && loc_matches(*f.hide)) {
      m.hide = true;
      std::vector<Line> kept;
      if (!mapping_matches(p, l, *f.hide)) {
        for (const auto& ln : lines) {
          if (!line_matches(p, ln, *f.hide)) kept.push_back(ln);
        }
      }
      l.line_begin = static_cast<uint32_t>(p.lines.size());
      l.line_count = static_cast<uint32_t>(kept.size());
      p.lines.insert(p.lines.end(), kept.begin(), kept.end());
      if (kept.empty()) hidden[li] = 1;
    }
    if (f.show != nullptr) {
      auto cur = p.location_lines(l);
      std::vector<Line> kept;
      if (mapping_matches(p, l, *f.show)) {
        kept.assign(cur.begin(), cur.end());
      } else {
        for (const auto& ln : cur) {
          if (ln.function == kNone || line_matches(p, ln, *f.show)) kept.push_back(ln);
        }
      }
      l.line_begin = static_cast<uint32_t>(p.lines.size());
      l.line_count = static_cast<uint32_t>(kept.size());
      p.lines.insert(p.lines.end(), kept.begin(), kept.end());
      if (kept.empty()) {
        hidden[li] = 1;
      } else {
        m.show = true;
      }
    }
    any_hidden = any_hidden || hidden[li] != 0;
  }
  // Keep focused, not ignored samples; drop hidden locations (and samples left empty).
  std::vector<uint32_t> locs, begin{0};
  std::vector<uint8_t> keep(p.num_samples(), 0);
  for (size_t s = 0; s < p.num_samples(); ++s) {
    bool focused = false;
    bool ignored = false;
    for (uint32_t l : p.sample_locations(s)) {
      if (fi[l] == 2) {
        ignored = true;
        break;
      }
      if (fi[l] == 1) focused = true;
    }
    if (!focused || ignored) continue;
    size_t before = locs.size();
    for (uint32_t l : p.sample_locations(s)) {
      if (!any_hidden || hidden[l] == 0) locs.push_back(l);
    }
    if (any_hidden && locs.size() == before) continue;
    keep[s] = 1;
    begin.push_back(static_cast<uint32_t>(locs.size()));
  }
  filter_samples(p, [&](size_t s) { return keep[s] != 0; });
  p.sample_locs = std::move(locs);
  p.loc_begin = std::move(begin);
  return m;
}

std::string clean_path(std::string_view path) {
  if (path.empty()) return ".";
  bool rooted = path[0] == '/';
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    i = j + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out += '/';
    out += parts[k];
  }
  if (out.empty()) return ".";
  return out;
}

}  // namespace oomguard::pprof
