// profile.proto decoding with protozero: one pass over the message into flat arrays, then
// string indices and ids are resolved (the string table and the id-bearing messages may come
// in any order). Every error names the byte offset of the field being read.
#include "pprof/decode.h"

#include <fmt/format.h>

#include <array>
#include <protozero/pbf_reader.hpp>
#include <unordered_map>

namespace oomguard::pprof {
namespace {

struct DecodeError {
  uint64_t offset;
  std::string message;
};

struct RawLabel {
  int64_t key = 0;
  int64_t str = 0;
  int64_t num = 0;
  int64_t unit = 0;
};

// Maps ids to indices: a vector when ids are dense (the usual 1..N), a hash map otherwise.
class IdIndex {
 public:
  template <typename T>
  void build(const std::vector<T>& items, const std::vector<uint64_t>& offsets, const char* what) {
    uint64_t max_id = 0;
    for (const auto& it : items) max_id = std::max(max_id, it.id);
    dense_ = max_id <= items.size() * 2 + 16;
    if (dense_) {
      vec_.assign(max_id + 1, kNone);
    } else {
      map_.reserve(items.size());
    }
    for (size_t i = 0; i < items.size(); ++i) {
      uint64_t id = items[i].id;
      if (id == 0) throw DecodeError{offsets[i], fmt::format("{} with reserved id 0", what)};
      bool dup = false;
      if (dense_) {
        dup = vec_[id] != kNone;
        vec_[id] = static_cast<uint32_t>(i);
      } else {
        dup = !map_.emplace(id, static_cast<uint32_t>(i)).second;
      }
      if (dup) throw DecodeError{offsets[i], fmt::format("duplicate {} id {}", what, id)};
    }
  }
  [[nodiscard]] uint32_t find(uint64_t id) const {
    if (dense_) return id < vec_.size() ? vec_[id] : kNone;
    auto it = map_.find(id);
    return it == map_.end() ? kNone : it->second;
  }

 private:
  bool dense_ = true;
  std::vector<uint32_t> vec_;
  std::unordered_map<uint64_t, uint32_t> map_;
};

class ProtoDecoder {
 public:
  ProtoDecoder(std::string_view data, const DecodeLimits& limits)
      : data_(data), base_(data.data()), limits_(limits) {}

  [[nodiscard]] uint64_t last_offset() const { return pos_ != nullptr ? off(pos_) : 0; }

  void run(Profile& p) {
    p_ = &p;
    p.loc_begin.clear();
    p.label_begin.clear();
    // Location ids dominate large profiles; a generous reservation (pages are only touched as
    // they fill) avoids the copies of repeated growth.
    p.sample_locs.reserve(std::min<size_t>(data_.size() / 2, limits_.max_elements));
    protozero::pbf_reader r(data_.data(), data_.size());
    while (next(r)) {
      switch (r.tag()) {
        case 1:
          p.sample_types.push_back({});
          sample_type_x_.push_back(read_value_type(r));
          break;
        case 2:
          read_sample(r);
          break;
        case 3:
          read_mapping(r);
          break;
        case 4:
          read_location(r);
          break;
        case 5:
          read_function(r);
          break;
        case 6:
          want(r, protozero::pbf_wire_type::length_delimited, "string_table");
          count(strings_.size(), "strings");
          strings_.push_back(view(r.get_view()));
          break;
        case 7:
          drop_x_ = int64_field(r, "drop_frames");
          break;
        case 8:
          keep_x_ = int64_field(r, "keep_frames");
          break;
        case 9:
          p.time_nanos = int64_field(r, "time_nanos");
          break;
        case 10:
          p.duration_nanos = int64_field(r, "duration_nanos");
          break;
        case 11:
          period_type_x_ = read_value_type(r);
          break;
        case 12:
          p.period = int64_field(r, "period");
          break;
        case 13:
          read_repeated_int64(r, comment_x_, "comment");
          break;
        case 14:
          default_type_x_ = int64_field(r, "default_sample_type");
          break;
        case 15:
          doc_url_x_ = int64_field(r, "doc_url");
          break;
        default:
          r.skip();
      }
    }
    resolve();
  }

 private:
  std::string_view view(protozero::data_view v) const { return {v.data(), v.size()}; }
  uint64_t off(const char* at) const { return static_cast<uint64_t>(at - base_); }

  bool next(protozero::pbf_reader& r) {
    pos_ = r.data().data();
    return r.next();
  }

  void fail(const std::string& msg) const { throw DecodeError{off(pos_), msg}; }

  void count(size_t n, const char* what) const {
    if (n >= limits_.max_elements) {
      fail(fmt::format("more than {} {} (element limit)", limits_.max_elements, what));
    }
  }

  void want(protozero::pbf_reader& r, protozero::pbf_wire_type t, const char* field) const {
    if (r.wire_type() != t)
      fail(fmt::format("field {} has wire type {}", field, static_cast<int>(r.wire_type())));
  }

  int64_t int64_field(protozero::pbf_reader& r, const char* field) {
    want(r, protozero::pbf_wire_type::varint, field);
    return r.get_int64();
  }
  uint64_t uint64_field(protozero::pbf_reader& r, const char* field) {
    want(r, protozero::pbf_wire_type::varint, field);
    return r.get_uint64();
  }
  bool bool_field(protozero::pbf_reader& r, const char* field) {
    want(r, protozero::pbf_wire_type::varint, field);
    return r.get_uint64() != 0;
  }

  // A repeated scalar: packed (length-delimited) or one varint per field, mixed freely.
  template <typename Vec>
  void read_repeated_int64(protozero::pbf_reader& r, Vec& out, const char* field) {
    if (r.wire_type() == protozero::pbf_wire_type::varint) {
      count(out.size(), field);
      out.push_back(static_cast<typename Vec::value_type>(r.get_int64()));
      return;
    }
    want(r, protozero::pbf_wire_type::length_delimited, field);
    auto range = r.get_packed_int64();
    for (auto v : range) {
      count(out.size(), field);
      out.push_back(static_cast<typename Vec::value_type>(v));
    }
  }
  template <typename Vec>
  void read_repeated_uint64(protozero::pbf_reader& r, Vec& out, const char* field) {
    if (r.wire_type() == protozero::pbf_wire_type::varint) {
      count(out.size(), field);
      out.push_back(r.get_uint64());
      return;
    }
    want(r, protozero::pbf_wire_type::length_delimited, field);
    auto range = r.get_packed_uint64();
    for (auto v : range) {
      count(out.size(), field);
      out.push_back(v);
    }
  }

  // Location ids go straight into sample_locs as 32-bit values (resolved to indices in place
  // later); the rare id that does not fit is kept aside.
  void push_location_id(uint64_t id) {
    auto& v = p_->sample_locs;
    if (v.size() >= std::min<uint64_t>(limits_.max_elements, 0xfffffff0u)) {
      fail("too many sample locations in total (element limit)");
    }
    if (id >= kNone) {
      big_ids_.emplace_back(v.size(), id);
      v.push_back(kNone);
    } else {
      v.push_back(static_cast<uint32_t>(id));
    }
  }
  void read_location_ids(protozero::pbf_reader& r) {
    if (r.wire_type() == protozero::pbf_wire_type::varint) {
      push_location_id(r.get_uint64());
      return;
    }
    want(r, protozero::pbf_wire_type::length_delimited, "Sample.location_id");
    for (auto v : r.get_packed_uint64()) push_location_id(v);
  }

  protozero::pbf_reader sub(protozero::pbf_reader& r, const char* what) {
    want(r, protozero::pbf_wire_type::length_delimited, what);
    return r.get_message();
  }

  std::pair<int64_t, int64_t> read_value_type(protozero::pbf_reader& r) {
    auto m = sub(r, "value_type");
    std::pair<int64_t, int64_t> x{0, 0};
    while (next(m)) {
      switch (m.tag()) {
        case 1:
          x.first = int64_field(m, "ValueType.type");
          break;
        case 2:
          x.second = int64_field(m, "ValueType.unit");
          break;
        default:
          m.skip();
      }
    }
    return x;
  }

  void read_sample(protozero::pbf_reader& r) {
    const char* start = pos_;
    auto m = sub(r, "sample");
    count(sample_offsets_.size(), "samples");
    sample_offsets_.push_back(off(start));
    p_->loc_begin.push_back(static_cast<uint32_t>(p_->sample_locs.size()));
    value_begin_.push_back(p_->values.size());
    label_begin_.push_back(raw_labels_.size());
    while (next(m)) {
      switch (m.tag()) {
        case 1:
          read_location_ids(m);
          break;
        case 2:
          read_repeated_int64(m, p_->values, "Sample.value");
          break;
        case 3: {
          auto lm = sub(m, "label");
          RawLabel l;
          while (next(lm)) {
            switch (lm.tag()) {
              case 1:
                l.key = int64_field(lm, "Label.key");
                break;
              case 2:
                l.str = int64_field(lm, "Label.str");
                break;
              case 3:
                l.num = int64_field(lm, "Label.num");
                break;
              case 4:
                l.unit = int64_field(lm, "Label.num_unit");
                break;
              default:
                lm.skip();
            }
          }
          count(raw_labels_.size(), "labels");
          raw_labels_.push_back(l);
          break;
        }
        default:
          m.skip();
      }
    }
  }

  void read_mapping(protozero::pbf_reader& r) {
    const char* start = pos_;
    auto m = sub(r, "mapping");
    count(p_->mappings.size(), "mappings");
    Mapping mp;
    std::pair<int64_t, int64_t> sx{0, 0};
    while (next(m)) {
      switch (m.tag()) {
        case 1:
          mp.id = uint64_field(m, "Mapping.id");
          break;
        case 2:
          mp.start = uint64_field(m, "Mapping.memory_start");
          break;
        case 3:
          mp.limit = uint64_field(m, "Mapping.memory_limit");
          break;
        case 4:
          mp.offset = uint64_field(m, "Mapping.file_offset");
          break;
        case 5:
          sx.first = int64_field(m, "Mapping.filename");
          break;
        case 6:
          sx.second = int64_field(m, "Mapping.build_id");
          break;
        case 7:
          mp.has_functions = bool_field(m, "Mapping.has_functions");
          break;
        case 8:
          mp.has_filenames = bool_field(m, "Mapping.has_filenames");
          break;
        case 9:
          mp.has_line_numbers = bool_field(m, "Mapping.has_line_numbers");
          break;
        case 10:
          mp.has_inline_frames = bool_field(m, "Mapping.has_inline_frames");
          break;
        default:
          m.skip();
      }
    }
    p_->mappings.push_back(mp);
    mapping_x_.push_back(sx);
    mapping_offsets_.push_back(off(start));
  }

  void read_location(protozero::pbf_reader& r) {
    const char* start = pos_;
    auto m = sub(r, "location");
    count(p_->locations.size(), "locations");
    Location l;
    uint64_t mapping_id = 0;
    l.line_begin = static_cast<uint32_t>(p_->lines.size());
    while (next(m)) {
      switch (m.tag()) {
        case 1:
          l.id = uint64_field(m, "Location.id");
          break;
        case 2:
          mapping_id = uint64_field(m, "Location.mapping_id");
          break;
        case 3:
          l.address = uint64_field(m, "Location.address");
          break;
        case 4: {
          auto lm = sub(m, "line");
          Line ln;
          uint64_t fid = 0;
          while (next(lm)) {
            switch (lm.tag()) {
              case 1:
                fid = uint64_field(lm, "Line.function_id");
                break;
              case 2:
                ln.line = int64_field(lm, "Line.line");
                break;
              case 3:
                ln.column = int64_field(lm, "Line.column");
                break;
              default:
                lm.skip();
            }
          }
          count(p_->lines.size(), "lines");
          if (p_->lines.size() >= 0xfffffff0u) fail("too many lines");
          p_->lines.push_back(ln);
          line_function_ids_.push_back(fid);
          ++l.line_count;
          break;
        }
        case 5:
          l.is_folded = bool_field(m, "Location.is_folded");
          break;
        default:
          m.skip();
      }
    }
    p_->locations.push_back(l);
    location_mapping_ids_.push_back(mapping_id);
    location_offsets_.push_back(off(start));
  }

  void read_function(protozero::pbf_reader& r) {
    const char* start = pos_;
    auto m = sub(r, "function");
    count(p_->functions.size(), "functions");
    Function f;
    std::array<int64_t, 3> sx{0, 0, 0};
    while (next(m)) {
      switch (m.tag()) {
        case 1:
          f.id = uint64_field(m, "Function.id");
          break;
        case 2:
          sx[0] = int64_field(m, "Function.name");
          break;
        case 3:
          sx[1] = int64_field(m, "Function.system_name");
          break;
        case 4:
          sx[2] = int64_field(m, "Function.filename");
          break;
        case 5:
          f.start_line = int64_field(m, "Function.start_line");
          break;
        default:
          m.skip();
      }
    }
    p_->functions.push_back(f);
    function_x_.push_back(sx);
    function_offsets_.push_back(off(start));
  }

  std::string_view str(int64_t x, uint64_t at) const {
    if (x < 0 || static_cast<uint64_t>(x) >= strings_.size()) {
      throw DecodeError{at, fmt::format("string index {} out of range (string table has {})", x,
                                        strings_.size())};
    }
    return strings_[static_cast<size_t>(x)];
  }

  void resolve() {
    Profile& p = *p_;
    uint64_t end = data_.size();
    if (!strings_.empty() && !strings_[0].empty()) {
      throw DecodeError{end, "string_table[0] must be empty"};
    }
    if (strings_.empty()) strings_.push_back({});
    for (size_t i = 0; i < p.sample_types.size(); ++i) {
      p.sample_types[i] = {str(sample_type_x_[i].first, end), str(sample_type_x_[i].second, end)};
    }
    p.period_type = {str(period_type_x_.first, end), str(period_type_x_.second, end)};
    for (auto c : comment_x_) p.comments.push_back(str(c, end));
    p.drop_frames = str(drop_x_, end);
    p.keep_frames = str(keep_x_, end);
    p.default_sample_type = str(default_type_x_, end);
    p.doc_url = str(doc_url_x_, end);

    for (size_t i = 0; i < p.mappings.size(); ++i) {
      p.mappings[i].file = str(mapping_x_[i].first, mapping_offsets_[i]);
      p.mappings[i].build_id = str(mapping_x_[i].second, mapping_offsets_[i]);
    }
    for (size_t i = 0; i < p.functions.size(); ++i) {
      p.functions[i].name = str(function_x_[i][0], function_offsets_[i]);
      p.functions[i].system_name = str(function_x_[i][1], function_offsets_[i]);
      p.functions[i].filename = str(function_x_[i][2], function_offsets_[i]);
    }
    IdIndex mappings, functions, locations;
    mappings.build(p.mappings, mapping_offsets_, "mapping");
    functions.build(p.functions, function_offsets_, "function");
    locations.build(p.locations, location_offsets_, "location");
    for (size_t i = 0; i < p.locations.size(); ++i) {
      Location& l = p.locations[i];
      if (location_mapping_ids_[i] != 0) {
        l.mapping = mappings.find(location_mapping_ids_[i]);
        if (l.mapping == kNone) {
          throw DecodeError{location_offsets_[i],
                            fmt::format("location {} refers to unknown mapping {}", l.id,
                                        location_mapping_ids_[i])};
        }
      }
      for (uint32_t k = l.line_begin; k < l.line_begin + l.line_count; ++k) {
        uint64_t fid = line_function_ids_[k];
        uint32_t fi = fid == 0 ? kNone : functions.find(fid);
        if (fi == kNone) {
          throw DecodeError{
              location_offsets_[i],
              fmt::format("location {} has a line with unknown function {}", l.id, fid)};
        }
        p.lines[k].function = fi;
      }
    }

    // Samples: value counts, location ids, labels.
    size_t n = sample_offsets_.size();
    size_t nv = p.sample_types.size();
    if (n > 0 && nv == 0) throw DecodeError{sample_offsets_[0], "samples but no sample_type"};
    value_begin_.push_back(p.values.size());
    for (size_t i = 0; i < n; ++i) {
      size_t got = value_begin_[i + 1] - value_begin_[i];
      if (got != nv) {
        throw DecodeError{
            sample_offsets_[i],
            fmt::format("sample has {} values but there are {} sample types", got, nv)};
      }
    }
    p.loc_begin.push_back(static_cast<uint32_t>(p.sample_locs.size()));
    size_t big = 0;
    for (size_t i = 0; i < n; ++i) {
      for (uint32_t k = p.loc_begin[i]; k < p.loc_begin[i + 1]; ++k) {
        uint64_t id = p.sample_locs[k];
        if (id == kNone && big < big_ids_.size() && big_ids_[big].first == k) {
          id = big_ids_[big++].second;
        }
        uint32_t li = locations.find(id);
        if (li == kNone) {
          throw DecodeError{sample_offsets_[i],
                            fmt::format("sample refers to unknown location {}", id)};
        }
        p.sample_locs[k] = li;
      }
    }
    label_begin_.push_back(raw_labels_.size());
    p.labels.resize(raw_labels_.size());
    p.label_begin.resize(n + 1);
    for (size_t i = 0; i < n; ++i) {
      p.label_begin[i] = static_cast<uint32_t>(label_begin_[i]);
      for (size_t k = label_begin_[i]; k < label_begin_[i + 1]; ++k) {
        const RawLabel& rl = raw_labels_[k];
        Label& l = p.labels[k];
        l.key = str(rl.key, sample_offsets_[i]);
        if (rl.str != 0) {
          l.str = str(rl.str, sample_offsets_[i]);
        } else if (rl.num != 0 || rl.unit != 0) {
          l.is_num = true;
          l.num = rl.num;
          l.num_unit = str(rl.unit, sample_offsets_[i]);
        }
      }
    }
    p.label_begin[n] = static_cast<uint32_t>(raw_labels_.size());
  }

  std::string_view data_;
  const char* base_;
  const char* pos_ = nullptr;
  const DecodeLimits& limits_;
  Profile* p_ = nullptr;

  std::vector<std::string_view> strings_;
  std::vector<std::pair<int64_t, int64_t>> sample_type_x_;
  std::pair<int64_t, int64_t> period_type_x_{0, 0};
  std::vector<int64_t> comment_x_;
  int64_t drop_x_ = 0, keep_x_ = 0, default_type_x_ = 0, doc_url_x_ = 0;
  std::vector<std::pair<int64_t, int64_t>> mapping_x_;
  std::vector<std::array<int64_t, 3>> function_x_;
  std::vector<uint64_t> mapping_offsets_, function_offsets_, location_offsets_, sample_offsets_;
  std::vector<uint64_t> location_mapping_ids_, line_function_ids_;
  std::vector<std::pair<size_t, uint64_t>> big_ids_;
  std::vector<size_t> value_begin_, label_begin_;
  std::vector<RawLabel> raw_labels_;
};

}  // namespace

Result<Profile> decode_proto(std::shared_ptr<const std::string> buf, const DecodeLimits& limits) {
  Profile p;
  ProtoDecoder d(*buf, limits);
  p.storage.push_back(std::move(buf));
  try {
    d.run(p);
  } catch (const DecodeError& e) {
    return Error{fmt::format("offset {}: {}", e.offset, e.message)};
  } catch (const protozero::exception& e) {
    return Error{fmt::format("offset {}: malformed protobuf: {}", d.last_offset(), e.what())};
  }
  return p;
}

Result<Profile> decode(std::string bytes, const DecodeLimits& limits) {
  std::shared_ptr<const std::string> buf;
  if (is_gzip(bytes)) {
    auto r = gunzip(bytes, limits.max_decompressed);
    std::string().swap(bytes);  // the compressed form is no longer needed
    if (!r) return Error{r.error()};
    buf = std::make_shared<const std::string>(std::move(r.value()));
  } else {
    buf = std::make_shared<const std::string>(std::move(bytes));
  }
  if (buf->empty()) return Error{"offset 0: empty profile"};
  auto p = decode_proto(buf, limits);
  if (p) return p;
  auto t = decode_legacy_text(buf, limits);
  if (t || t.error().rfind("unrecognized", 0) != 0) return t;
  return p;
}

}  // namespace oomguard::pprof
