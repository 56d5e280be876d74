#include "go/lexer.h"

#include "go/lexer_impl.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace oomguard::go {

std::string lexdetail::format_U(int32_t ch) {
  std::string s = fmt::format("U+{:04X}", static_cast<uint32_t>(ch));
  bool printable =
      (ch >= 0x20 && ch < 0x7f) || (ch >= 0xA0 && unicode_is_graphic(static_cast<char32_t>(ch)) &&
                                    !unicode_is_space(static_cast<char32_t>(ch)));
  if (printable) {
    char buf[4];
    int n = 0;
    auto c = static_cast<uint32_t>(ch);
    if (c < 0x80) {
      buf[n++] = static_cast<char>(c);
    } else if (c < 0x800) {
      buf[n++] = static_cast<char>(0xC0 | (c >> 6));
      buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      buf[n++] = static_cast<char>(0xE0 | (c >> 12));
      buf[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      buf[n++] = static_cast<char>(0xF0 | (c >> 18));
      buf[n++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
    }
    s += " '";
    s.append(buf, n);
    s += "'";
  }
  return s;
}

namespace {

using namespace lexdetail;  // NOLINT(google-build-using-namespace): the lexer's own helpers

// strconv.ParseUint(s, 10, 64) success and value.
bool parse_uint(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

// go/scanner trailingDigits: (index after the last ':', value, ok).
int trailing_digits(std::string_view text, int64_t* n, bool* ok) {
  size_t i = text.rfind(':');
  if (i == std::string_view::npos) {
    *ok = false;
    return 0;
  }
  uint64_t v = 0;
  *ok = parse_uint(text.substr(i + 1), &v);
  *n = static_cast<int64_t>(v);
  return static_cast<int>(i + 1);
}

}  // namespace

char32_t decode_utf8(const char* p, size_t n, int* width) {
  auto b0 = static_cast<unsigned char>(p[0]);
  *width = 1;
  if (b0 < 0x80) return b0;
  auto cont = [&](size_t i) { return i < n && (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (!cont(1)) return 0xFFFD;
    *width = 2;
    return ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(p[1]) & 0x3Fu);
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0xFFFD;
    auto b1 = static_cast<unsigned char>(p[1]);
    if (b0 == 0xE0 && b1 < 0xA0) return 0xFFFD;  // overlong
    if (b0 == 0xED && b1 > 0x9F) return 0xFFFD;  // surrogate
    *width = 3;
    return ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (static_cast<unsigned char>(p[2]) & 0x3Fu);
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0xFFFD;
    auto b1 = static_cast<unsigned char>(p[1]);
    if (b0 == 0xF0 && b1 < 0x90) return 0xFFFD;
    if (b0 == 0xF4 && b1 > 0x8F) return 0xFFFD;
    *width = 4;
    return ((b0 & 0x07u) << 18) | ((b1 & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(p[2]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(p[3]) & 0x3Fu);
  }
  return 0xFFFD;
}

Lexer::Lexer(std::string_view src, bool scan_comments, Arena* arena, std::vector<LexError>* errors)
    : src_(src.data()),
      src_size_(static_cast<uint32_t>(src.size())),
      scan_comments_(scan_comments),
      arena_(arena),
      errors_(errors) {
  lines_.reserve(src.size() / 32 + 16);
  lines_.push_back(0);
  next();
  if (ch_ == kBOM) next();  // a byte order mark is only permitted as the very first character
}

int Lexer::line_of(Pos p) const {
  uint32_t off = pos_offset(p);
  auto it = std::upper_bound(lines_.begin(), lines_.end(), off);
  return static_cast<int>(it - lines_.begin());
}

void Lexer::error(uint32_t offset, std::string msg) {
  error_count_++;
  if (errors_ != nullptr) errors_->push_back(LexError{pos_from_offset(offset), std::move(msg)});
}

// The first index at or after i (up to n) whose byte is NUL, non-ASCII, '\n' or '\r': the
// bytes a line comment's fast path must stop at. Sixteen bytes at a time where SSE2 is there.
inline uint32_t skip_plain_ascii(const char* s, uint32_t i, uint32_t n) {
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i zero = _mm_setzero_si128();
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)),
                                _mm_or_si128(_mm_cmpeq_epi8(v, zero), v));  // v: high bit
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
    if (mask != 0) return i + static_cast<uint32_t>(__builtin_ctz(mask));
    i += 16;
  }
#endif
  while (i < n) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b == 0 || b >= 0x80 || b == '\n' || b == '\r') break;
    i++;
  }
  return i;
}

void Lexer::next_slow(uint32_t b) {
  if (b == 0) {
    error(off_, "illegal character NUL");
    ch_ = 0;
    rd_++;
    return;
  }
  int w = 1;
  char32_t r = decode_utf8(src_ + rd_, src_size_ - rd_, &w);
  if (r == 0xFFFD && w == 1) {
    error(off_, "illegal UTF-8 encoding");
  } else if (r == static_cast<char32_t>(kBOM) && off_ > 0) {
    error(off_, "illegal byte order mark");
  }
  rd_ += static_cast<uint32_t>(w);
  ch_ = static_cast<int32_t>(r);
}

std::string_view Lexer::strip_cr(std::string_view b, bool comment) {
  char* c = arena_->alloc_array<char>(b.size());
  size_t i = 0;
  for (size_t j = 0; j < b.size(); j++) {
    char ch = b[j];
    if (ch != '\r' ||
        (comment && i > 2 && c[i - 1] == '*' && j + 1 < b.size() && b[j + 1] == '/')) {
      c[i++] = ch;
    }
  }
  return {c, i};
}

std::string_view Lexer::scan_comment() {
  uint32_t offs = off_ - 1;  // position of the initial '/'
  int64_t next_pos = -1;     // position after the comment; < 0: invalid comment
  int num_cr = 0;

  if (ch_ == '/') {
    //-style comment (the final '\n' is not part of it)
    next();
    while (ch_ != '\n' && ch_ >= 0) {
      if (ch_ == '\r') num_cr++;
      // Fast path over plain ASCII: the current char is not '\n', so no line bookkeeping.
      uint32_t stop = skip_plain_ascii(src_, rd_, src_size_);
      if (stop > rd_) {  // the current char moves to the last plain byte
        off_ = stop - 1;
        ch_ = static_cast<unsigned char>(src_[off_]);
        rd_ = stop;
      }
      next();
    }
    next_pos = off_;
    if (ch_ == '\n') next_pos++;
  } else {
    /*-style comment */
    next();
    bool done = false;
    while (ch_ >= 0) {
      int32_t c = ch_;
      if (c == '\r') num_cr++;
      next();
      if (c == '*' && ch_ == '/') {
        next();
        next_pos = off_;
        done = true;
        break;
      }
    }
    if (!done) error(offs, "comment not terminated");
  }

  std::string_view lit(src_ + offs, off_ - offs);
  if (num_cr > 0 && lit.size() >= 2 && lit[1] == '/' && lit.back() == '\r') {
    lit.remove_suffix(1);
    num_cr--;
  }

  // //line and /*line directives: we never adjust positions, but go/scanner rejects a
  // malformed line or column number, so check those.
  if (next_pos >= 0 && (lit[1] == '*' || offs == line_off_) && lit.size() >= 7 &&
      lit.substr(2, 5) == "line ") {
    std::string_view text = lit;
    if (text[1] == '*') text.remove_suffix(2);
    text.remove_prefix(7);
    uint32_t toffs = offs + 7;
    int64_t n = 0;
    bool ok = false;
    int i = trailing_digits(text, &n, &ok);
    if (i != 0) {
      if (!ok) {
        error(toffs + static_cast<uint32_t>(i),
              "invalid line number: " + std::string(text.substr(static_cast<size_t>(i))));
      } else {
        constexpr int64_t kMaxLineCol = (int64_t{1} << 30) - 1;
        int64_t n2 = 0;
        bool ok2 = false;
        int i2 = trailing_digits(text.substr(0, static_cast<size_t>(i - 1)), &n2, &ok2);
        int64_t line = n;
        bool bad = false;
        if (ok2) {
          int64_t col = n;
          line = n2;
          if (col == 0 || col > kMaxLineCol) {
            error(toffs + static_cast<uint32_t>(i),
                  "invalid column number: " + std::string(text.substr(static_cast<size_t>(i))));
            bad = true;
          }
          i = i2;
        }
        if (!bad && (line == 0 || line > kMaxLineCol)) {
          error(toffs + static_cast<uint32_t>(i),
                "invalid line number: " + std::string(text.substr(static_cast<size_t>(i))));
        }
      }
    }
  }

  if (num_cr > 0) lit = strip_cr(lit, lit[1] == '*');
  return lit;
}

bool Lexer::find_line_end() {
  uint32_t offs = off_ - 1;  // initial '/'
  bool result = false;
  // go/scanner restores the state afterwards (a deferred reset); so do we.
  for (;;) {
    if (!(ch_ == '/' || ch_ == '*')) break;
    if (ch_ == '/') {
      result = true;  //-style comment always contains a newline
      break;
    }
    /*-style comment: look for newline */
    next();
    bool found_newline = false;
    while (ch_ >= 0) {
      int32_t c = ch_;
      if (c == '\n') {
        found_newline = true;
        break;
      }
      next();
      if (c == '*' && ch_ == '/') {
        next();
        break;
      }
    }
    if (found_newline) {
      result = true;
      break;
    }
    skip_whitespace();  // insert_semi_ is set, so newlines are not skipped
    if (ch_ < 0 || ch_ == '\n') {
      result = true;
      break;
    }
    if (ch_ != '/') break;
    next();  // consume '/'
  }
  ch_ = '/';
  off_ = offs;
  rd_ = offs + 1;
  next();  // consume the initial '/' again
  return result;
}

namespace {

struct IdentTable {
  bool v[256] = {};
  constexpr IdentTable() {
    for (int c = 'a'; c <= 'z'; c++) v[c] = true;
    for (int c = 'A'; c <= 'Z'; c++) v[c] = true;
    for (int c = '0'; c <= '9'; c++) v[c] = true;
    v[static_cast<int>('_')] = true;
  }
};
constexpr IdentTable kIdent;

}  // namespace

std::string_view Lexer::scan_identifier() {
  uint32_t offs = off_;
  const auto* s = reinterpret_cast<const unsigned char*>(src_);
  uint32_t i = rd_;
  while (i < src_size_) {
    unsigned char b = s[i];
    if (kIdent.v[b]) {
      i++;
      continue;
    }
    rd_ = i;
    if (0 < b && b < 0x80) {
      ch_ = b;
      off_ = rd_;
      rd_++;
    } else {
      next();
      while (is_letter(ch_) || is_digit(ch_)) next();
    }
    return {src_ + offs, off_ - offs};
  }
  off_ = src_size_;
  rd_ = src_size_;
  ch_ = kEOF;
  return {src_ + offs, off_ - offs};
}

inline void Lexer::skip_whitespace() {
  for (;;) {
    int32_t c = ch_;
    if (c == ' ' || c == '\t' || c == '\r') {
      // Consume a run of blanks directly; the current char is not '\n', so no line starts.
      uint32_t i = rd_;
      while (i < src_size_ && (src_[i] == ' ' || src_[i] == '\t' || src_[i] == '\r')) i++;
      off_ = i - 1;
      ch_ = static_cast<unsigned char>(src_[i - 1]);
      rd_ = i;
      next();
    } else if (c == '\n' && !insert_semi_) {
      next();
    } else {
      return;
    }
  }
}

Tok Lexer::switch2(Tok t0, Tok t1) {
  if (ch_ == '=') {
    next();
    return t1;
  }
  return t0;
}

Tok Lexer::switch3(Tok t0, Tok t1, char c2, Tok t2) {
  if (ch_ == '=') {
    next();
    return t1;
  }
  if (ch_ == c2) {
    next();
    return t2;
  }
  return t0;
}

Tok Lexer::switch4(Tok t0, Tok t1, char c2, Tok t2, Tok t3) {
  if (ch_ == '=') {
    next();
    return t1;
  }
  if (ch_ == c2) {
    next();
    if (ch_ == '=') {
      next();
      return t3;
    }
    return t2;
  }
  return t0;
}

void Lexer::scan(Token& t) {
scan_again:
  // Most tokens follow no blank or a single space before a printable ASCII byte: handle those
  // here and call the general loop (with its line bookkeeping) only for the rest.
  if (ch_ == ' ' && rd_ < src_size_) {
    auto b = static_cast<unsigned char>(src_[rd_]);
    if (b > ' ' && b < 0x80) {
      off_ = rd_++;
      ch_ = b;
    } else {
      skip_whitespace();
    }
  } else if (ch_ == ' ' || ch_ == '\t' || ch_ == '\r' || ch_ == '\n') {
    skip_whitespace();
  }
  uint32_t pos_off = off_;
  t.pos = pos_from_offset(off_);
  t.line = static_cast<int>(lines_.size());
  t.lit_len = 0;
  bool insert_semi = false;
  int32_t ch = ch_;
  if (is_letter(ch)) {
    std::string_view word = scan_identifier();
    t.set_lit(word);
    if (word.size() > 1) {
      // keywords are lower-case ASCII and at most 11 bytes long
      t.tok = (word[0] >= 'b' && word[0] <= 'v' && word.size() <= 11) ? lookup_keyword(word)
                                                                      : Tok::IDENT;
      switch (t.tok) {
        case Tok::IDENT:
        case Tok::BREAK:
        case Tok::CONTINUE:
        case Tok::FALLTHROUGH:
        case Tok::RETURN:
          insert_semi = true;
          break;
        default:
          break;
      }
    } else {
      insert_semi = true;
      t.tok = Tok::IDENT;
    }
  } else if (is_decimal(ch) ||
             (ch == '.' && rd_ < src_size_ && is_decimal(static_cast<unsigned char>(src_[rd_])))) {
    insert_semi = true;
    std::string_view num;
    t.tok = scan_number(&num);
    t.set_lit(num);
  } else {
    next();  // always make progress
    switch (ch) {
      case kEOF:
        if (insert_semi_) {
          insert_semi_ = false;
          t.tok = Tok::SEMICOLON;
          t.set_lit("\n");
          return;
        }
        t.tok = Tok::EOF_;
        break;
      case '\n':
        insert_semi_ = false;
        t.tok = Tok::SEMICOLON;
        t.set_lit("\n");
        return;
      case '"':
        insert_semi = true;
        t.tok = Tok::STRING;
        t.set_lit(scan_string());
        break;
      case '\'':
        insert_semi = true;
        t.tok = Tok::CHAR;
        t.set_lit(scan_rune());
        break;
      case '`':
        insert_semi = true;
        t.tok = Tok::STRING;
        t.set_lit(scan_raw_string());
        break;
      case ':':
        t.tok = switch2(Tok::COLON, Tok::DEFINE);
        break;
      case '.':
        t.tok = Tok::PERIOD;
        if (ch_ == '.' && rd_ < src_size_ && src_[rd_] == '.') {
          next();
          next();
          t.tok = Tok::ELLIPSIS;
        }
        break;
      case ',':
        t.tok = Tok::COMMA;
        break;
      case ';':
        t.tok = Tok::SEMICOLON;
        t.set_lit(";");
        break;
      case '(':
        t.tok = Tok::LPAREN;
        break;
      case ')':
        insert_semi = true;
        t.tok = Tok::RPAREN;
        break;
      case '[':
        t.tok = Tok::LBRACK;
        break;
      case ']':
        insert_semi = true;
        t.tok = Tok::RBRACK;
        break;
      case '{':
        t.tok = Tok::LBRACE;
        break;
      case '}':
        insert_semi = true;
        t.tok = Tok::RBRACE;
        break;
      case '+':
        t.tok = switch3(Tok::ADD, Tok::ADD_ASSIGN, '+', Tok::INC);
        if (t.tok == Tok::INC) insert_semi = true;
        break;
      case '-':
        t.tok = switch3(Tok::SUB, Tok::SUB_ASSIGN, '-', Tok::DEC);
        if (t.tok == Tok::DEC) insert_semi = true;
        break;
      case '*':
        t.tok = switch2(Tok::MUL, Tok::MUL_ASSIGN);
        break;
      case '/':
        if (ch_ == '/' || ch_ == '*') {
          if (insert_semi_ && find_line_end()) {
            ch_ = '/';
            off_ = pos_off;
            rd_ = off_ + 1;
            insert_semi_ = false;
            t.tok = Tok::SEMICOLON;
            t.set_lit("\n");
            return;
          }
          std::string_view comment = scan_comment();
          if (!scan_comments_) {
            insert_semi_ = false;
            goto scan_again;
          }
          t.tok = Tok::COMMENT;
          t.set_lit(comment);
        } else {
          t.tok = switch2(Tok::QUO, Tok::QUO_ASSIGN);
        }
        break;
      case '%':
        t.tok = switch2(Tok::REM, Tok::REM_ASSIGN);
        break;
      case '^':
        t.tok = switch2(Tok::XOR, Tok::XOR_ASSIGN);
        break;
      case '<':
        if (ch_ == '-') {
          next();
          t.tok = Tok::ARROW;
        } else {
          t.tok = switch4(Tok::LSS, Tok::LEQ, '<', Tok::SHL, Tok::SHL_ASSIGN);
        }
        break;
      case '>':
        t.tok = switch4(Tok::GTR, Tok::GEQ, '>', Tok::SHR, Tok::SHR_ASSIGN);
        break;
      case '=':
        t.tok = switch2(Tok::ASSIGN, Tok::EQL);
        break;
      case '!':
        t.tok = switch2(Tok::NOT, Tok::NEQ);
        break;
      case '&':
        if (ch_ == '^') {
          next();
          t.tok = switch2(Tok::AND_NOT, Tok::AND_NOT_ASSIGN);
        } else {
          t.tok = switch3(Tok::AND, Tok::AND_ASSIGN, '&', Tok::LAND);
        }
        break;
      case '|':
        t.tok = switch3(Tok::OR, Tok::OR_ASSIGN, '|', Tok::LOR);
        break;
      case '~':
        t.tok = Tok::TILDE;
        break;
      default:
        if (ch != kBOM) error(pos_off, "illegal character " + format_U(ch));
        insert_semi = insert_semi_;  // preserve insert_semi info
        t.tok = Tok::ILLEGAL;
        t.set_lit(std::string_view(src_ + pos_off, off_ - pos_off));
        break;
    }
  }
  insert_semi_ = insert_semi;
  return;
}

}  // namespace oomguard::go
