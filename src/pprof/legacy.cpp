// Legacy text profiles Go writes with debug=1: heap/allocs ("heap profile: ...") with pprof's
// unsampling, and count profiles ("goroutine profile: total N"). Addresses become locations
// (return PC - 1, as pprof does); the "#\t0x<pc>\t<func>+0x<off>\t<file>:<line>" comment lines
// symbolize them (pprof -symbolize=none leaves them bare), one Line per inlined frame.
#include <fmt/format.h>
#include <re2/re2.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "pprof/decode.h"

namespace oomguard::pprof {
namespace {

struct TextError {
  size_t line;
  std::string message;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool parse_i64(std::string_view s, int64_t& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

bool parse_hex(std::string_view s, uint64_t& v) {
  if (s.substr(0, 2) == "0x" || s.substr(0, 2) == "0X") s.remove_prefix(2);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  return ec == std::errc() && p == s.data() + s.size();
}

// The same estimate pprof and the Go runtime use: each sample was kept with probability
// 1-exp(-avg/rate).
std::pair<int64_t, int64_t> scale_heap_sample(int64_t count, int64_t size, int64_t rate) {
  if (count == 0 || size == 0) return {0, 0};
  if (rate <= 1) return {count, size};
  double avg = static_cast<double>(size) / static_cast<double>(count);
  double scale = 1 / (1 - std::exp(-avg / static_cast<double>(rate)));
  // Saturate: a hostile file can push the product past int64 (converting such a double is UB).
  auto to_int = [](double d) -> int64_t {
    if (!(d == d)) return 0;  // NaN
    if (d >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
    if (d <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
    return static_cast<int64_t>(d);
  };
  return {to_int(static_cast<double>(count) * scale), to_int(static_cast<double>(size) * scale)};
}

class TextBuilder {
 public:
  TextBuilder(Profile& p, const DecodeLimits& limits) : p_(p), limits_(limits) {}

  // Marks the start of a new record ("... @ 0x..." line).
  void begin_record() { ++record_; }

  uint32_t location(uint64_t addr, size_t line_no) {
    auto it = by_addr_.find(addr);
    if (it != by_addr_.end()) return it->second;
    if (p_.locations.size() >= limits_.max_elements) {
      throw TextError{line_no, "too many locations (element limit)"};
    }
    Location l;
    l.id = p_.locations.size() + 1;
    l.address = addr;
    auto idx = static_cast<uint32_t>(p_.locations.size());
    p_.locations.push_back(l);
    by_addr_.emplace(addr, idx);
    return idx;
  }

  // "#\t0x4a1b2c\tmain.f+0x2c\t/path/file.go:12": one frame of the symbolized PC.
  void frame_comment(std::string_view line) {
    line.remove_prefix(1);  // '#'
    line = trim(line);
    size_t t1 = line.find_first_of(" \t");
    uint64_t pc = 0;
    if (!parse_hex(line.substr(0, t1), pc)) return;
    if (t1 == std::string_view::npos) {
      unsymbolized_.push_back(pc);  // "#\t0x<pc>": a frame Go could not name
      return;
    }
    std::string_view rest = trim(line.substr(t1));
    size_t t2 = rest.find_first_of(" \t");
    if (t2 == std::string_view::npos) return;
    std::string_view fn = rest.substr(0, t2);
    size_t plus = fn.rfind("+0x");
    if (plus != std::string_view::npos) fn = fn.substr(0, plus);
    std::string_view fl = trim(rest.substr(t2));
    size_t colon = fl.rfind(':');
    int64_t lineno = 0;
    if (colon != std::string_view::npos && parse_i64(fl.substr(colon + 1), lineno)) {
      fl = fl.substr(0, colon);
    }
    // Every record repeats the frames of its PCs: take them from the first record only.
    auto [it, inserted] = frames_record_.try_emplace(pc, record_);
    if (!inserted && it->second != record_) return;
    frames_[pc].push_back({function(fn, fl), lineno, 0});
  }

  uint32_t function(std::string_view name, std::string_view file) {
    std::string key = std::string(name) + '\0' + std::string(file);
    auto it = functions_.find(key);
    if (it != functions_.end()) return it->second;
    Function f;
    f.id = p_.functions.size() + 1;
    f.name = name;
    f.system_name = name;
    f.filename = file;
    auto idx = static_cast<uint32_t>(p_.functions.size());
    p_.functions.push_back(f);
    functions_.emplace(std::move(key), idx);
    return idx;
  }

  // Gives locations their frames and drops the locations the comments never mention: the
  // runtime frames Go hides (leading runtime.* frames, runtime.goexit).
  void finish() {
    bool any = false;
    std::unordered_map<uint64_t, bool> bare;
    for (uint64_t pc : unsymbolized_) bare[pc] = true;
    for (auto& l : p_.locations) {
      auto it = frames_.find(l.address);
      if (it == frames_.end()) continue;
      any = true;
      l.line_begin = static_cast<uint32_t>(p_.lines.size());
      l.line_count = static_cast<uint32_t>(it->second.size());
      p_.lines.insert(p_.lines.end(), it->second.begin(), it->second.end());
    }
    if (!any) return;
    struct {
      std::vector<uint32_t> sample_locs;
      std::vector<uint32_t> loc_begin{0};
    } out;
    for (size_t i = 0; i < p_.num_samples(); ++i) {
      auto locs = p_.sample_locations(i);
      size_t before = out.sample_locs.size();
      for (uint32_t l : locs) {
        const Location& loc = p_.locations[l];
        if (loc.line_count > 0 || bare.count(loc.address) != 0) out.sample_locs.push_back(l);
      }
      if (out.sample_locs.size() == before) {  // nothing symbolized: keep the whole stack
        out.sample_locs.insert(out.sample_locs.end(), locs.begin(), locs.end());
      }
      out.loc_begin.push_back(static_cast<uint32_t>(out.sample_locs.size()));
    }
    p_.sample_locs = std::move(out.sample_locs);
    p_.loc_begin = std::move(out.loc_begin);
  }

 private:
  Profile& p_;
  const DecodeLimits& limits_;
  std::unordered_map<uint64_t, uint32_t> by_addr_;
  std::unordered_map<uint64_t, std::vector<Line>> frames_;
  std::unordered_map<std::string, uint32_t> functions_;
  std::vector<uint64_t> unsymbolized_;
  std::unordered_map<uint64_t, size_t> frames_record_;
  size_t record_ = 0;
};

std::vector<uint64_t> hex_addresses(std::string_view s, size_t line_no) {
  std::vector<uint64_t> out;
  size_t i = 0;
  while ((i = s.find("0x", i)) != std::string_view::npos) {
    size_t j = i + 2;
    while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j])) != 0) ++j;
    uint64_t v = 0;
    if (!parse_hex(s.substr(i, j - i), v)) {
      throw TextError{line_no,
                      fmt::format("address {} is not a 64-bit hex number", s.substr(i, j - i))};
    }
    out.push_back(v);
    i = j;
  }
  return out;
}

// Splits text into lines without copying.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

bool is_space_or_comment(std::string_view line) {
  line = trim(line);
  return line.empty() || line[0] == '#';
}

void parse_heap(const std::vector<std::string_view>& lines, Profile& p,
                const DecodeLimits& limits) {
  static const RE2 header_re(
      R"(heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)/?(\d*))");
  static const RE2 sample_re(R"((-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*))");
  std::string h[6];
  if (!RE2::PartialMatch(lines[0], header_re, &h[0], &h[1], &h[2], &h[3], &h[4], &h[5])) {
    throw TextError{1, "unrecognized heap profile header"};
  }
  int64_t period = 0;
  if (!h[5].empty() && !parse_i64(h[5], period)) throw TextError{1, "bad sampling period"};
  bool has_alloc = (h[2] != h[0] && h[2] != "0") || (h[3] != h[1] && h[3] != "0");
  std::string sampling;
  if (h[4] == "heapz_v2" || h[4] == "heap_v2") {
    sampling = "v2";
  } else if (h[4] == "heapprofile") {
    period = 1;
  } else if (h[4] == "heap") {
    sampling = "v2";
    period /= 2;
  } else {
    throw TextError{1, fmt::format("unrecognized heap profile kind {}", h[4])};
  }
  p.period_type = {"space", "bytes"};
  p.period = period;
  if (has_alloc) {
    p.sample_types = {{"alloc_objects", "count"},
                      {"alloc_space", "bytes"},
                      {"inuse_objects", "count"},
                      {"inuse_space", "bytes"}};
  } else {
    p.sample_types = {{"objects", "count"}, {"space", "bytes"}};
  }
  TextBuilder b(p, limits);
  std::vector<uint32_t> locs;
  std::vector<int64_t> vals;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = trim(lines[i]);
    if (!line.empty() && line[0] == '#') {
      if (line.size() > 1 && (line[1] == '\t' || line[1] == ' ')) b.frame_comment(line);
      if (line.rfind("# runtime.MemStats", 0) == 0) break;
      continue;
    }
    if (line.empty()) continue;
    if (line.find("MAPPED_LIBRARIES:") != std::string_view::npos ||
        line.find("--- Memory map:") != std::string_view::npos) {
      break;
    }
    std::string s[5];
    if (!RE2::PartialMatch(line, sample_re, &s[0], &s[1], &s[2], &s[3], &s[4])) {
      throw TextError{i + 1, "malformed heap sample"};
    }
    vals.clear();
    int64_t blocksize = 0;
    auto add = [&](const std::string& cs, const std::string& ss, const char* label) {
      int64_t count = 0;
      int64_t size = 0;
      if (!parse_i64(cs, count) || !parse_i64(ss, size)) {
        throw TextError{i + 1, "malformed sample values"};
      }
      if (count == 0 && size != 0) {
        throw TextError{i + 1,
                        fmt::format("{} count was 0 but {} bytes was {}", label, label, size)};
      }
      if (count != 0) {
        blocksize = size / count;
        if (sampling == "v2") std::tie(count, size) = scale_heap_sample(count, size, period);
      }
      vals.push_back(count);
      vals.push_back(size);
    };
    if (has_alloc) add(s[2], s[3], "allocation");
    add(s[0], s[1], "inuse");
    locs.clear();
    b.begin_record();
    for (uint64_t a : hex_addresses(s[4], i + 1)) locs.push_back(b.location(a - 1, i + 1));
    if (p.num_samples() >= limits.max_elements) throw TextError{i + 1, "too many samples"};
    Label bytes{"bytes", {}, blocksize, {}, true};
    p.add_sample(locs, vals, std::span<const Label>(&bytes, 1));
  }
  b.finish();
}

// `# labels: {"k":"v", "k2":"v2"}` → string labels (Go-quoted keys and values).
std::vector<std::pair<std::string, std::string>> parse_labels(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<std::string> strs;
  size_t i = 0;
  while ((i = s.find('"', i)) != std::string_view::npos) {
    std::string v;
    ++i;
    while (i < s.size() && s[i] != '"') {
      if (s[i] == '\\' && i + 1 < s.size()) {
        ++i;
        switch (s[i]) {
          case 'n':
            v += '\n';
            break;
          case 't':
            v += '\t';
            break;
          default:
            v += s[i];
        }
      } else {
        v += s[i];
      }
      ++i;
    }
    ++i;
    strs.push_back(std::move(v));
  }
  for (size_t k = 0; k + 1 < strs.size(); k += 2) out.emplace_back(strs[k], strs[k + 1]);
  return out;
}

void parse_count(const std::vector<std::string_view>& lines, size_t first, Profile& p,
                 const DecodeLimits& limits) {
  std::string_view head = trim(lines[first]);
  std::string_view type = head.substr(0, head.find(' '));
  p.period_type = {type, "count"};
  p.period = 1;
  p.sample_types = {{type, "count"}};
  TextBuilder b(p, limits);
  std::vector<uint32_t> locs;
  std::vector<Label> labels;
  int64_t value = 0;
  bool pending = false;
  auto flush = [&] {
    if (!pending) return;
    if (p.num_samples() >= limits.max_elements) throw TextError{0, "too many samples"};
    p.add_sample(locs, std::span<const int64_t>(&value, 1), labels);
    pending = false;
  };
  for (size_t i = first + 1; i < lines.size(); ++i) {
    std::string_view line = trim(lines[i]);
    if (line.rfind("# labels:", 0) == 0) {
      for (auto& [k, v] : parse_labels(line.substr(9))) {
        labels.push_back(Label{p.own(k), p.own(v), 0, {}, false});
      }
      continue;
    }
    if (!line.empty() && line[0] == '#') {
      b.frame_comment(line);
      continue;
    }
    if (line.empty()) continue;
    if (line.rfind("---", 0) == 0) break;
    size_t at = line.find(" @ ");
    int64_t next_value = 0;
    if (at == std::string_view::npos || !parse_i64(line.substr(0, at), next_value)) {
      throw TextError{i + 1, "malformed count sample (want \"<count> @ 0x<pc> ...\")"};
    }
    flush();
    value = next_value;
    locs.clear();
    labels.clear();
    b.begin_record();
    for (uint64_t a : hex_addresses(line.substr(at + 3), i + 1)) {
      locs.push_back(b.location(a - 1, i + 1));
    }
    pending = true;
  }
  flush();
  b.finish();
}

}  // namespace

Result<Profile> decode_legacy_text(std::shared_ptr<const std::string> buf,
                                   const DecodeLimits& limits) {
  Profile p;
  std::string_view text(*buf);
  p.storage.push_back(std::move(buf));
  auto lines = split_lines(text);
  try {
    if (!lines.empty() && trim(lines[0]).rfind("heap profile:", 0) == 0) {
      parse_heap(lines, p, limits);
      return p;
    }
    size_t first = 0;
    while (first < lines.size() && is_space_or_comment(lines[first])) ++first;
    if (first < lines.size()) {
      static const RE2 count_re(R"((\S+) profile: total \d+)");
      if (RE2::FullMatch(trim(lines[first]), count_re)) {
        parse_count(lines, first, p, limits);
        return p;
      }
    }
  } catch (const TextError& e) {
    return Error{fmt::format("line {}: {}", e.line, e.message)};
  }
  return Error{"unrecognized profile format"};
}

}  // namespace oomguard::pprof
