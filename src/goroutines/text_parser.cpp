#include "goroutines/text_parser.h"

#include <fmt/format.h>

namespace oomguard::goroutines {
namespace {

constexpr size_t kMaxLine = size_t{1} << 20;  // longer lines are noise, never a frame
constexpr size_t kMaxWarnings = 50;

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool parse_u64(std::string_view s, uint64_t& v) {
  if (s.empty() || s.size() > 19) return false;
  v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

bool parse_hex(std::string_view s, uint64_t& v) {
  if (s.starts_with("0x") || s.starts_with("0X")) s.remove_prefix(2);
  if (s.empty() || s.size() > 16) return false;
  v = 0;
  for (char c : s) {
    unsigned d;
    if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
      d = static_cast<unsigned>((c | 0x20) - 'a' + 10);
    } else {
      return false;
    }
    v = v << 4 | d;
  }
  return true;
}

uint32_t clamp32(uint64_t v) { return v > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(v); }

// Index just past a brace group starting at s[i] == '{', honouring Go-quoted strings.
size_t skip_braces(std::string_view s, size_t i) {
  int depth = 0;
  bool quoted = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (--depth == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

bool strip_suffix(std::string_view& s, std::string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s.remove_suffix(suffix.size());
  return true;
}

bool is_elision(std::string_view t) {
  // "...additional frames elided..." (before Go 1.21) or "...<N> frames elided..." (1.21+).
  return t.size() > 6 && t.starts_with("...") && t.ends_with("...") &&
         t.find("elided") != std::string_view::npos;
}

}  // namespace

bool parse_header(std::string_view line, Header& h) {
  line = trim(line);
  if (!line.starts_with("goroutine ")) return false;
  size_t i = 10;
  size_t digits_end = i;
  while (digits_end < line.size() && line[digits_end] >= '0' && line[digits_end] <= '9') {
    ++digits_end;
  }
  if (!parse_u64(line.substr(i, digits_end - i), h.id)) return false;
  // Optional "gp=0x.. m=N mp=0x.." items (Go 1.22+ crash tracebacks) before " [".
  size_t lb = line.find('[', digits_end);
  if (lb == std::string_view::npos) return false;
  std::string_view items = line.substr(digits_end, lb - digits_end);
  if (!items.empty() && !is_space(items.front())) return false;
  for (char c : items) {
    if (c == ':' || c == '(' || c == '{') return false;
  }
  // The status ends at the first ']' outside quotes and braces (labels may contain ']').
  size_t rb = std::string_view::npos;
  for (size_t j = lb + 1; j < line.size(); ++j) {
    if (line[j] == '{') {
      j = skip_braces(line, j);
      if (j == std::string_view::npos) return false;
      --j;
    } else if (line[j] == ']') {
      rb = j;
      break;
    }
  }
  if (rb == std::string_view::npos) return false;
  std::string_view after = trim(line.substr(rb + 1));
  h.labels = {};
  if (!after.empty() && after.front() == '{') {  // "[running] {k: "v"}:" form
    size_t end = skip_braces(after, 0);
    if (end == std::string_view::npos) return false;
    h.labels = after.substr(0, end);
    after = trim(after.substr(end));
  }
  if (after != ":") return false;

  std::string_view content = line.substr(lb + 1, rb - lb - 1);
  size_t lab = content.find("labels:{");
  if (lab != std::string_view::npos) {
    size_t end = skip_braces(content, lab + 7);
    if (end == std::string_view::npos) return false;
    h.labels = content.substr(lab + 7, end - lab - 7);
    content = trim(content.substr(0, lab));
    while (!content.empty() && content.back() == ',')
      content = trim(content.substr(0, content.size() - 1));
  }
  size_t comma = content.find(',');
  std::string_view status = trim(content.substr(0, comma));
  h.scan = h.leaked = false;
  for (bool again = true; again;) {
    again = false;
    if (strip_suffix(status, " (scan)")) h.scan = again = true;
    if (strip_suffix(status, " (leaked)")) h.leaked = again = true;
  }
  if (status.empty()) return false;
  h.status = status;
  h.minutes = 0;
  h.locked = false;
  while (comma != std::string_view::npos) {
    size_t next = content.find(',', comma + 1);
    std::string_view extra = trim(content.substr(comma + 1, next - comma - 1));
    comma = next;
    if (extra.ends_with(" minutes") || extra.ends_with(" minute")) {
      uint64_t m = 0;
      if (parse_u64(extra.substr(0, extra.find(' ')), m)) h.minutes = clamp32(m);
    } else if (extra == "locked to thread") {
      h.locked = true;
    }
    // Other extras ("synctest bubble N", future ones) are accepted and ignored.
  }
  return true;
}

bool parse_call(std::string_view line, std::string_view& function, std::string_view& args) {
  if (line.empty() || is_space(line.front())) return false;
  line = trim(line);
  if (line.empty()) return false;
  size_t open;
  if (line.back() == ')') {
    int depth = 0;
    size_t i = line.size();
    open = std::string_view::npos;
    while (i-- > 0) {
      if (line[i] == ')') {
        ++depth;
      } else if (line[i] == '(' && --depth == 0) {
        open = i;
        break;
      }
    }
    if (open == std::string_view::npos || open == 0) return false;
    args = line.substr(open + 1, line.size() - open - 2);
  } else {
    // A call line cut by truncation: "pkg.f(0x1, 0x".
    open = line.rfind('(');
    if (open == std::string_view::npos || open == 0) return false;
    args = line.substr(open + 1);
  }
  function = line.substr(0, open);
  for (char c : function) {
    if (c == ' ' || c == '\t' || c == ':' || c == '"') return false;
  }
  return true;
}

bool parse_file_line(std::string_view text, FileLine& out) {
  if (text.empty() || !is_space(text.front())) return false;
  text = trim(text);
  size_t fp = text.find(" fp=");
  if (fp != std::string_view::npos) text = trim(text.substr(0, fp));
  out.offset = 0;
  size_t plus = text.rfind(" +0x");
  if (plus != std::string_view::npos) {
    uint64_t off = 0;
    if (!parse_hex(text.substr(plus + 2), off)) return false;
    out.offset = clamp32(off);
    text = trim(text.substr(0, plus));
  }
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  uint64_t ln = 0;
  if (!parse_u64(text.substr(colon + 1), ln)) return false;
  out.file = text.substr(0, colon);
  out.line = clamp32(ln);
  return true;
}

void TextParser::warn(std::string message) {
  if (s_.warnings.size() >= kMaxWarnings) return;
  Diagnostic d;
  d.file = s_.source;
  d.pos.line = clamp32(lineno_);
  d.severity = Severity::kWarning;
  d.message = std::move(message);
  s_.warnings.push_back(std::move(d));
}

void TextParser::line(std::string_view text) {
  ++lineno_;
  last_line_broken_ = false;
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (text.size() > kMaxLine) {
    ++s_.skipped_lines;
    return;
  }
  switch (mode_) {
    case Mode::kDebug2:
      dump_line(text);
      return;
    case Mode::kDebug1:
      count_line(text);
      return;
    case Mode::kUnknown:
      break;
  }
  std::string_view t = trim(text);
  if (t.starts_with("goroutine ") && t.find(" profile: total ") != std::string_view::npos) {
    mode_ = Mode::kDebug1;
    s_.format = Format::kDebug1;
    count_line(text);
    return;
  }
  size_t pt = t.find(" profile: total ");
  if (pt != std::string_view::npos && pt > 0 && t.find(' ') == pt) {
    mode_ = Mode::kDebug1;  // another count profile (threadcreate, goroutineleak, custom)
    s_.format = Format::kDebug1;
    count_line(text);
    return;
  }
  Header h;
  if (parse_header(text, h)) {
    mode_ = Mode::kDebug2;
    s_.format = Format::kDebug2;
    dump_line(text);
    return;
  }
  ++s_.skipped_lines;  // preamble: panic message, log lines, ...
}

void TextParser::begin(const Header& h) {
  flush();
  cur_.clear();
  last_id_ = h.id;
  cur_.id = h.id;
  cur_.has_id = true;
  cur_.state = s_.strings.intern(h.status);
  cur_.minutes = h.minutes;
  cur_.locked = h.locked;
  cur_.labels = s_.strings.intern(h.labels);
  active_ = true;
  active_line_ = lineno_;
  state_ = State::kFrames;
}

void TextParser::push_pending(const FileLine* fl) {
  if (!has_pending_) return;
  if (fl != nullptr) {
    pending_.file = s_.strings.intern(fl->file);
    pending_.line = fl->line;
    pending_.offset = fl->offset;
  }
  cur_.add_frame(pending_, pending_buf_);
  has_pending_ = false;
}

void TextParser::flush() {
  if (!active_) return;
  if (has_pending_) {
    push_pending(nullptr);
  }
  cur_.finish_frames(s_.strings);
  g_.add(cur_);
  active_ = false;
  state_ = State::kOutside;
}

void TextParser::dump_line(std::string_view text) {
  if (text.starts_with("goroutine ") || text.starts_with(" goroutine ")) {
    Header h;
    if (parse_header(text, h)) {
      begin(h);
      return;
    }
  }
  if (trim(text).empty()) {
    flush();
    return;
  }
  switch (state_) {
    case State::kOutside:
    case State::kRecord:
      ++s_.skipped_lines;
      return;
    case State::kAncestors:
      return;
    case State::kFile: {
      FileLine fl;
      if (parse_file_line(text, fl)) {
        push_pending(&fl);
        state_ = State::kFrames;
        return;
      }
      push_pending(nullptr);
      state_ = State::kFrames;
      frames_line(text);
      last_line_broken_ = true;
      return;
    }
    case State::kCreatorFile: {
      FileLine fl;
      state_ = State::kFrames;
      if (parse_file_line(text, fl)) {
        cur_.created_by.file = s_.strings.intern(fl.file);
        cur_.created_by.line = fl.line;
        cur_.created_by.offset = fl.offset;
        return;
      }
      frames_line(text);
      return;
    }
    case State::kFrames:
      frames_line(text);
      return;
  }
}

void TextParser::frames_line(std::string_view text) {
  std::string_view t = trim(text);
  if (t.starts_with("created by ")) {
    std::string_view fn = t.substr(11);
    size_t in = fn.find(" in goroutine ");
    if (in != std::string_view::npos) fn = fn.substr(0, in);
    cur_.created_by = Frame{};
    cur_.created_by.function = s_.strings.intern(trim(fn));
    state_ = State::kCreatorFile;
    return;
  }
  if (is_elision(t)) {
    Frame f;
    f.function = s_.strings.intern(t);
    cur_.add_frame(f, {});
    return;
  }
  if (t == "goroutine running on other thread; stack unavailable") {
    cur_.stack_unavailable = true;
    return;
  }
  if (t.starts_with("[originating from goroutine ")) {
    state_ = State::kAncestors;  // GODEBUG=tracebackancestors: not part of this stack
    return;
  }
  std::string_view fn;
  std::string_view args;
  if (parse_call(text, fn, args)) {
    pending_ = Frame{};
    pending_.function = s_.strings.intern(fn);
    pending_buf_.assign(args);
    has_pending_ = true;
    state_ = State::kFile;
    return;
  }
  FileLine fl;
  last_line_broken_ = true;
  if (parse_file_line(text, fl)) {  // a file line without its call line: keep going
    ++s_.skipped_lines;
    return;
  }
  // Anything else ends the goroutine: the runtime never writes it inside a block.
  ++s_.skipped_lines;
  flush();
}

void TextParser::record_line(std::string_view text) {
  // "<count> @ 0x.. 0x.."
  size_t at = text.find(" @");
  uint64_t n = 0;
  if (at == std::string_view::npos || !parse_u64(trim(text.substr(0, at)), n)) {
    ++s_.skipped_lines;
    return;
  }
  flush();
  cur_.clear();
  cur_.weight = n;
  active_ = n > 0;
  active_line_ = lineno_;
  state_ = State::kRecord;
}

void TextParser::count_line(std::string_view text) {
  std::string_view t = trim(text);
  if (t.empty()) {
    flush();
    return;
  }
  if (t.front() != '#') {
    size_t pt = t.find(" profile: total ");
    if (pt != std::string_view::npos) {
      uint64_t n = 0;
      if (parse_u64(trim(t.substr(pt + 16)), n)) s_.declared_total += n;
      flush();
      return;
    }
    record_line(t);
    return;
  }
  if (!active_) {
    ++s_.skipped_lines;
    return;
  }
  t.remove_prefix(1);
  t = trim(t);
  if (t.starts_with("labels:")) {
    cur_.labels = s_.strings.intern(trim(t.substr(7)));
    return;
  }
  // "0x<pc>\t<func>+0x<off>\t<file>:<line>", columns padded with runs of tabs by tabwriter.
  std::string_view fields[3];
  size_t nf = 0;
  size_t i = 0;
  while (i < t.size() && nf < 3) {
    while (i < t.size() && (t[i] == '\t')) ++i;
    size_t j = i;
    while (j < t.size() && t[j] != '\t') ++j;
    if (j > i) fields[nf++] = trim(t.substr(i, j - i));
    i = j;
  }
  if (nf == 0) return;
  Frame f;
  if (nf == 1) {  // unsymbolized: only the PC
    f.function = s_.strings.intern(fields[0]);
    cur_.add_frame(f, {});
    return;
  }
  std::string_view fn = fields[1];
  size_t plus = fn.rfind("+0x");
  if (plus != std::string_view::npos) {
    uint64_t off = 0;
    if (parse_hex(fn.substr(plus + 1), off)) f.offset = clamp32(off);
    fn = fn.substr(0, plus);
  }
  f.function = s_.strings.intern(fn);
  if (nf == 3) {
    std::string_view fl = fields[2];
    size_t colon = fl.rfind(':');
    uint64_t ln = 0;
    if (colon != std::string_view::npos && parse_u64(fl.substr(colon + 1), ln)) {
      f.file = s_.strings.intern(fl.substr(0, colon));
      f.line = clamp32(ln);
    } else {
      f.file = s_.strings.intern(fl);
    }
  }
  cur_.add_frame(f, {});
}

void TextParser::finish() {
  if (mode_ == Mode::kDebug2 &&
      (last_line_broken_ ||
       (active_ && (state_ == State::kFile || (state_ == State::kFrames && cur_.frames.empty() &&
                                               !cur_.stack_unavailable))))) {
    warn(
        fmt::format("input ends inside the stack of goroutine {} (started at line {}): "
                    "truncated dump?",
                    last_id_, active_line_));
  }
  flush();
  if (s_.skipped_lines > 0 && mode_ != Mode::kUnknown) {
    if (s_.warnings.size() < kMaxWarnings) {
      Diagnostic d;
      d.file = s_.source;
      d.severity = Severity::kInfo;
      d.message = fmt::format("{} line(s) were not part of any goroutine and were skipped",
                              s_.skipped_lines);
      s_.warnings.push_back(std::move(d));
    }
  }
}

}  // namespace oomguard::goroutines
