// A small profile.proto writer for tests (protozero's pbf_writer): builds profiles with chosen
// encodings (packed or not, string table first or last, unknown fields) and gzips them.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <protozero/pbf_writer.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace oomguard::pprof::testing {

struct WLine {
  uint64_t function = 0;
  int64_t line = 0;
};
struct WLocation {
  uint64_t id = 0;
  uint64_t mapping = 0;
  uint64_t address = 0;
  std::vector<WLine> lines;  // innermost first
};
struct WFunction {
  uint64_t id = 0;
  std::string name;
  std::string file;
  int64_t start_line = 0;
};
struct WSample {
  std::vector<uint64_t> locations;  // leaf first
  std::vector<int64_t> values;
  std::vector<std::pair<std::string, std::string>> labels;
  std::vector<std::tuple<std::string, int64_t, std::string>> num_labels;
};
struct WProfile {
  std::vector<std::pair<std::string, std::string>> sample_types;
  std::pair<std::string, std::string> period_type;
  int64_t period = 0;
  int64_t time_nanos = 0;
  int64_t duration_nanos = 0;
  std::string default_sample_type;
  std::string mapping_file;  // one mapping (id 1) when non-empty
  std::vector<WSample> samples;
  std::vector<WLocation> locations;
  std::vector<WFunction> functions;
  bool packed = true;           // pack repeated scalars
  bool strings_last = true;     // string table after everything else (as Go writes it)
  bool unknown_fields = false;  // sprinkle fields of every wire type the reader must skip
};

inline std::string encode(const WProfile& w) {
  std::vector<std::string> strs{""};
  std::unordered_map<std::string, int64_t> idx{{"", 0}};
  auto s = [&](const std::string& v) -> int64_t {
    auto it = idx.find(v);
    if (it != idx.end()) return it->second;
    idx.emplace(v, static_cast<int64_t>(strs.size()));
    strs.push_back(v);
    return static_cast<int64_t>(strs.size() - 1);
  };
  // Intern in a fixed order so the table is known before writing when strings come first.
  for (const auto& t : w.sample_types) s(t.first), s(t.second);
  s(w.period_type.first), s(w.period_type.second), s(w.default_sample_type), s(w.mapping_file);
  for (const auto& f : w.functions) s(f.name), s(f.file);
  for (const auto& smp : w.samples) {
    for (const auto& l : smp.labels) s(l.first), s(l.second);
    for (const auto& l : smp.num_labels) s(std::get<0>(l)), s(std::get<2>(l));
  }
  std::string out;
  protozero::pbf_writer pw(out);
  auto unknown = [&](protozero::pbf_writer& m) {
    if (!w.unknown_fields) return;
    m.add_uint64(90, 12345);
    m.add_fixed64(91, 7);
    m.add_string(92, "ignored");
    m.add_fixed32(93, 9);
  };
  auto strings = [&] {
    for (const auto& v : strs) pw.add_string(6, v);
  };
  if (!w.strings_last) strings();
  unknown(pw);
  for (const auto& t : w.sample_types) {
    protozero::pbf_writer m(pw, 1);
    m.add_int64(1, s(t.first));
    m.add_int64(2, s(t.second));
    unknown(m);
  }
  for (const auto& smp : w.samples) {
    protozero::pbf_writer m(pw, 2);
    if (w.packed) {
      m.add_packed_uint64(1, smp.locations.begin(), smp.locations.end());
      m.add_packed_int64(2, smp.values.begin(), smp.values.end());
    } else {
      for (auto l : smp.locations) m.add_uint64(1, l);
      for (auto v : smp.values) m.add_int64(2, v);
    }
    for (const auto& l : smp.labels) {
      protozero::pbf_writer lm(m, 3);
      lm.add_int64(1, s(l.first));
      lm.add_int64(2, s(l.second));
    }
    for (const auto& l : smp.num_labels) {
      protozero::pbf_writer lm(m, 3);
      lm.add_int64(1, s(std::get<0>(l)));
      lm.add_int64(3, std::get<1>(l));
      if (!std::get<2>(l).empty()) lm.add_int64(4, s(std::get<2>(l)));
    }
    unknown(m);
  }
  if (!w.mapping_file.empty()) {
    protozero::pbf_writer m(pw, 3);
    m.add_uint64(1, 1);
    m.add_uint64(2, 0x400000);
    m.add_uint64(3, 0x800000);
    m.add_int64(5, s(w.mapping_file));
    m.add_bool(7, true);
  }
  for (const auto& l : w.locations) {
    protozero::pbf_writer m(pw, 4);
    m.add_uint64(1, l.id);
    if (l.mapping != 0) m.add_uint64(2, l.mapping);
    if (l.address != 0) m.add_uint64(3, l.address);
    for (const auto& ln : l.lines) {
      protozero::pbf_writer lm(m, 4);
      lm.add_uint64(1, ln.function);
      lm.add_int64(2, ln.line);
      unknown(lm);
    }
  }
  for (const auto& f : w.functions) {
    protozero::pbf_writer m(pw, 5);
    m.add_uint64(1, f.id);
    m.add_int64(2, s(f.name));
    m.add_int64(3, s(f.name));
    m.add_int64(4, s(f.file));
    if (f.start_line != 0) m.add_int64(5, f.start_line);
  }
  if (w.time_nanos != 0) pw.add_int64(9, w.time_nanos);
  if (w.duration_nanos != 0) pw.add_int64(10, w.duration_nanos);
  if (!w.period_type.first.empty()) {
    protozero::pbf_writer m(pw, 11);
    m.add_int64(1, s(w.period_type.first));
    m.add_int64(2, s(w.period_type.second));
  }
  if (w.period != 0) pw.add_int64(12, w.period);
  if (!w.default_sample_type.empty()) pw.add_int64(14, s(w.default_sample_type));
  if (w.strings_last) strings();
  return out;
}

inline std::string gzip(std::string_view in) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A profile of functions f0..fn-1 in /src/app/main.go, each location one function, mapping
// "/bin/app"; stacks are given as function indices, leaf first.
inline WProfile simple_profile(const std::vector<std::pair<std::vector<int>, int64_t>>& stacks,
                               int nfuncs) {
  WProfile w;
  w.sample_types = {{"samples", "count"}, {"cpu", "nanoseconds"}};
  w.period_type = {"cpu", "nanoseconds"};
  w.period = 10000000;
  w.mapping_file = "/bin/app";
  for (int f = 0; f < nfuncs; ++f) {
    w.functions.push_back(
        {static_cast<uint64_t>(f + 1), "main.f" + std::to_string(f), "/src/app/main.go", 0});
    w.locations.push_back({static_cast<uint64_t>(f + 1),
                           1,
                           static_cast<uint64_t>(0x401000 + f * 16),
                           {{static_cast<uint64_t>(f + 1), 10 + f}}});
  }
  for (const auto& [stack, v] : stacks) {
    WSample s;
    for (int f : stack) s.locations.push_back(static_cast<uint64_t>(f + 1));
    s.values = {v / 10000000, v};
    w.samples.push_back(s);
  }
  return w;
}

}  // namespace oomguard::pprof::testing
