#include "go/build_constraints.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace oomguard::go {
namespace {

// go/build/syslist.go (Go 1.19).
constexpr std::array<std::string_view, 17> kKnownOS = {
    "aix",   "android", "darwin", "dragonfly", "freebsd", "hurd",    "illumos", "ios", "js",
    "linux", "nacl",    "netbsd", "openbsd",   "plan9",   "solaris", "windows", "zos"};
constexpr std::array<std::string_view, 12> kUnixOS = {"aix",     "android", "darwin",  "dragonfly",
                                                      "freebsd", "hurd",    "illumos", "ios",
                                                      "linux",   "netbsd",  "openbsd", "solaris"};
constexpr std::array<std::string_view, 24> kKnownArch = {
    "386",     "amd64",  "amd64p32", "arm",      "armbe",     "arm64",       "arm64be", "loong64",
    "mips",    "mipsle", "mips64",   "mips64le", "mips64p32", "mips64p32le", "ppc",     "ppc64",
    "ppc64le", "riscv",  "riscv64",  "s390",     "s390x",     "sparc",       "sparc64", "wasm"};

template <size_t N>
bool contains(const std::array<std::string_view, N>& a, std::string_view s) {
  return std::find(a.begin(), a.end(), s) != a.end();
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Length of the UTF-8 sequence at s[i] when it is a valid encoding, else 0.
size_t utf8_len(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned c = b(i);
  size_t n = 0;
  unsigned lo = 0x80;
  unsigned hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  }
  return n;
}

// Bytes of the tag starting at s[i]: letters, digits, '_' and '.'. Non-ASCII code points count
// as letters (go/build asks unicode.IsLetter/IsDigit; tags outside ASCII do not occur in
// practice, and this never accepts invalid UTF-8).
size_t tag_len(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[j]);
    if (c < 0x80) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '.';
      if (!ok) break;
      ++j;
      continue;
    }
    size_t n = utf8_len(s, j);
    if (n == 0) break;
    j += n;
  }
  return j - i;
}

bool is_valid_tag(std::string_view s) { return !s.empty() && tag_len(s, 0) == s.size(); }

// Recursive-descent evaluation of a //go:build expression, following go/build/constraint's
// grammar: or = and {"||" and}; and = not {"&&" not}; not = ["!"] atom; atom = tag | "(" or ")".
// Both sides of && and || are always parsed, so every syntax error is found.
class ExprEval {
 public:
  ExprEval(std::string_view s, const TagContext& ctx) : s_(s), ctx_(ctx) {}

  bool run(ConstraintError* err) {
    bool v = parse_or();
    if (!failed_ && !tok_.empty()) fail(pos_, "unexpected token " + std::string(tok_));
    if (failed_) {
      if (err != nullptr) *err = err_;
      return false;
    }
    return v;
  }

 private:
  static constexpr int kMaxDepth = 200;

  void fail(size_t at, std::string msg) {
    if (failed_) return;
    failed_ = true;
    err_.offset = static_cast<uint32_t>(at);
    err_.message = std::move(msg);
  }

  void lex() {
    is_tag_ = false;
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
    pos_ = i_;
    if (i_ >= s_.size()) {
      tok_ = {};
      return;
    }
    char c = s_[i_];
    if (c == '(' || c == ')' || c == '!') {
      tok_ = s_.substr(i_++, 1);
      return;
    }
    if (c == '&' || c == '|') {
      if (i_ + 1 >= s_.size() || s_[i_ + 1] != c) {
        fail(i_, std::string("invalid syntax at ") + c);
        tok_ = {};
        i_ = s_.size();
        return;
      }
      tok_ = s_.substr(i_, 2);
      i_ += 2;
      return;
    }
    size_t n = tag_len(s_, i_);
    if (n == 0) {
      size_t m = static_cast<unsigned char>(c) < 0x80 ? 1 : utf8_len(s_, i_);
      fail(i_, "invalid syntax at " +
                   (m == 0 ? std::string("\xEF\xBF\xBD") : std::string(s_.substr(i_, m))));
      tok_ = {};
      i_ = s_.size();
      return;
    }
    tok_ = s_.substr(i_, n);
    i_ += n;
    is_tag_ = true;
  }

  bool parse_or() {
    if (++depth_ > kMaxDepth) {
      fail(pos_, "expression nested too deeply");
      return false;
    }
    bool x = parse_and();
    while (!failed_ && tok_ == "||") {
      bool y = parse_and();
      x = x || y;
    }
    --depth_;
    return x;
  }

  bool parse_and() {
    bool x = parse_not();
    while (!failed_ && tok_ == "&&") {
      bool y = parse_not();
      x = x && y;
    }
    return x;
  }

  bool parse_not() {
    lex();
    if (!failed_ && tok_ == "!") {
      lex();
      if (!failed_ && tok_ == "!") {
        fail(pos_, "double negation not allowed");
        return false;
      }
      return !parse_atom();
    }
    return parse_atom();
  }

  bool parse_atom() {
    if (failed_) return false;
    if (tok_ == "(") {
      size_t open = pos_;
      bool x = parse_or();
      if (failed_) {
        if (err_.message == "unexpected end of expression") err_.message = "missing close paren";
        return false;
      }
      if (tok_ != ")") {
        fail(open, "missing close paren");
        return false;
      }
      lex();
      return x;
    }
    if (!is_tag_) {
      if (tok_.empty()) {
        fail(pos_, "unexpected end of expression");
      } else {
        fail(pos_, "unexpected token " + std::string(tok_));
      }
      return false;
    }
    bool v = ctx_.match(tok_);
    lex();
    return v;
  }

  std::string_view s_;
  const TagContext& ctx_;
  size_t i_ = 0;
  size_t pos_ = 0;
  std::string_view tok_;
  bool is_tag_ = false;
  bool failed_ = false;
  int depth_ = 0;
  ConstraintError err_;
};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// isGoBuildComment: "//go:build" followed by nothing or by white space.
bool is_go_build_comment(std::string_view trimmed_line) {
  constexpr std::string_view kPrefix = "//go:build";
  if (!starts_with(trimmed_line, kPrefix)) return false;
  std::string_view rest = trimmed_line.substr(kPrefix.size());
  return rest.empty() || is_space(rest.front());
}

// splitPlusBuild: "//", optional space, "+build", then nothing or white space.
bool split_plus_build(std::string_view trimmed_line, std::string_view* expr) {
  if (!starts_with(trimmed_line, "//")) return false;
  std::string_view line = trim(trimmed_line.substr(2));
  if (!starts_with(line, "+build")) return false;
  line.remove_prefix(6);
  if (!line.empty() && !is_space(line.front())) return false;
  *expr = trim(line);
  return true;
}

}  // namespace

bool is_known_os(std::string_view s) { return contains(kKnownOS, s); }
bool is_known_arch(std::string_view s) { return contains(kKnownArch, s); }

TagContext::TagContext(const LoadOptions& opts, int release)
    : goos_(opts.goos), goarch_(opts.goarch), release_(release) {
  unix_ = contains(kUnixOS, goos_);
  for (const std::string& t : opts.tags) {
    size_t i = 0;
    while (i < t.size()) {
      size_t j = i;
      while (j < t.size() && t[j] != ',' && !is_space(t[j])) ++j;
      if (j > i) tags_.emplace_back(t.substr(i, j - i));
      i = j + 1;
    }
  }
  cgo_ = std::find(tags_.begin(), tags_.end(), "cgo") != tags_.end();
  // internal/buildcfg: the register ABI experiments are on by default on these architectures.
  if (goarch_ == "amd64" || goarch_ == "arm64" || goarch_ == "ppc64" || goarch_ == "ppc64le" ||
      goarch_ == "riscv64") {
    tags_.emplace_back("goexperiment.regabiwrappers");
    tags_.emplace_back("goexperiment.regabiargs");
  }
}

bool TagContext::match(std::string_view tag) const {
  if (tag == "cgo") return cgo_;
  if (tag == goos_ || tag == goarch_ || tag == "gc") return true;
  if ((goos_ == "android" && tag == "linux") || (goos_ == "illumos" && tag == "solaris") ||
      (goos_ == "ios" && tag == "darwin")) {
    return true;
  }
  if (tag == "unix" && unix_) return true;
  if (tag == "boringcrypto") tag = "goexperiment.boringcrypto";
  if (std::find(tags_.begin(), tags_.end(), tag) != tags_.end()) return true;
  // Release tags go1.1 … go1.<release_>, spelled exactly (no leading zeros).
  if (starts_with(tag, "go1.") && tag.size() > 4 && tag[4] != '0') {
    int minor = 0;
    auto [end, ec] = std::from_chars(tag.data() + 4, tag.data() + tag.size(), minor);
    if (ec == std::errc() && end == tag.data() + tag.size() && minor >= 1 && minor <= release_) {
      return true;
    }
  }
  return false;
}

bool good_os_arch_file(std::string_view name, const TagContext& ctx) {
  name = name.substr(0, name.find('.'));
  size_t us = name.find('_');
  if (us == std::string_view::npos) return true;
  name = name.substr(us);  // the part before the first '_' never counts
  std::vector<std::string_view> parts;
  size_t i = 0;
  for (;;) {
    size_t j = name.find('_', i);
    parts.push_back(name.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  if (!parts.empty() && parts.back() == "test") parts.pop_back();
  size_t n = parts.size();
  if (n >= 2 && is_known_os(parts[n - 2]) && is_known_arch(parts[n - 1])) {
    return ctx.match(parts[n - 1]) && ctx.match(parts[n - 2]);
  }
  if (n >= 1 && (is_known_os(parts[n - 1]) || is_known_arch(parts[n - 1]))) {
    return ctx.match(parts[n - 1]);
  }
  return true;
}

bool eval_go_build_expr(std::string_view expr, const TagContext& ctx, ConstraintError* err) {
  return ExprEval(expr, ctx).run(err);
}

bool eval_plus_build_expr(std::string_view text, const TagContext& ctx) {
  bool any_clause = false;
  bool result = false;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size()) break;
    size_t j = i;
    while (j < text.size() && !is_space(text[j])) ++j;
    std::string_view clause = text.substr(i, j - i);
    i = j;
    any_clause = true;
    bool all = true;
    size_t k = 0;
    for (;;) {
      size_t comma = clause.find(',', k);
      std::string_view lit = clause.substr(k, comma == std::string_view::npos ? comma : comma - k);
      bool v = false;
      if (starts_with(lit, "!!") || lit == "!") {
        v = ctx.match("ignore");
      } else {
        bool neg = starts_with(lit, "!");
        if (neg) lit.remove_prefix(1);
        v = is_valid_tag(lit) ? ctx.match(lit) : ctx.match("ignore");
        if (neg) v = !v;
      }
      all = all && v;
      if (comma == std::string_view::npos) break;
      k = comma + 1;
    }
    result = result || all;
  }
  if (!any_clause) return ctx.match("ignore");
  return result;
}

bool match_header(std::string_view contents, const TagContext& ctx, ConstraintError* err) {
  size_t base = 0;
  if (starts_with(contents, "\xEF\xBB\xBF")) base = 3;  // go/build drops a leading BOM
  std::string_view content = contents.substr(base);

  // parseFileHeader: the leading run of blank lines and comments up to the first non-comment
  // text. // +build lines count only before the last blank line of the leading run of blank
  // and // lines; a //go:build line counts anywhere in the header outside /* */.
  size_t end = 0;
  bool ended = false;
  bool in_slash_star = false;
  bool have_go_build = false;
  std::string_view go_build;
  size_t go_build_off = 0;
  size_t p = 0;
  while (p < content.size()) {
    size_t nl = content.find('\n', p);
    size_t next = nl == std::string_view::npos ? content.size() : nl + 1;
    std::string_view raw = content.substr(p, next - p);
    std::string_view line = trim(raw);
    size_t line_off = p + static_cast<size_t>(line.data() - raw.data());
    p = next;
    if (line.empty() && !ended) {
      end = p;
      continue;
    }
    if (!starts_with(line, "//")) ended = true;
    if (!in_slash_star && is_go_build_comment(line)) {
      if (have_go_build) {
        if (err != nullptr)
          *err = {static_cast<uint32_t>(base + line_off), "multiple //go:build comments"};
        return false;
      }
      have_go_build = true;
      go_build = line;
      go_build_off = line_off;
    }
    bool stop = false;
    while (!line.empty()) {
      if (in_slash_star) {
        size_t close = line.find("*/");
        if (close == std::string_view::npos) break;
        in_slash_star = false;
        line = trim(line.substr(close + 2));
        continue;
      }
      if (starts_with(line, "//")) break;
      if (starts_with(line, "/*")) {
        in_slash_star = true;
        line = trim(line.substr(2));
        continue;
      }
      stop = true;  // non-comment text: the header ends here
      break;
    }
    if (stop) break;
  }

  if (have_go_build) {
    std::string_view rest = go_build.substr(10);  // after "//go:build"
    size_t lead = 0;
    while (lead < rest.size() && is_space(rest[lead])) ++lead;
    std::string_view expr = trim(rest);
    ConstraintError e;
    bool ok = eval_go_build_expr(expr, ctx, &e);
    if (!e.message.empty()) {
      if (err != nullptr) {
        err->offset = static_cast<uint32_t>(base + go_build_off + 10 + lead + e.offset);
        err->message = "parsing //go:build line: " + e.message;
      }
      return false;
    }
    return ok;
  }

  bool ok = true;
  std::string_view head = content.substr(0, end);
  size_t q = 0;
  while (q < head.size()) {
    size_t nl = head.find('\n', q);
    size_t next = nl == std::string_view::npos ? head.size() : nl + 1;
    std::string_view line = trim(head.substr(q, next - q));
    q = next;
    if (!starts_with(line, "//") || line.find("+build") == std::string_view::npos) continue;
    std::string_view expr;
    if (!split_plus_build(line, &expr)) continue;
    if (!eval_plus_build_expr(expr, ctx)) ok = false;
  }
  return ok;
}

}  // namespace oomguard::go
