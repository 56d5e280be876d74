// The literal scanners of the lexer: numbers (go/scanner's scanNumber, digit separators and
// all), escapes, runes, interpreted and raw strings.
#include <fmt/format.h>

#include "go/lexer_impl.h"

namespace oomguard::go {
namespace {

using namespace lexdetail;  // NOLINT(google-build-using-namespace): the lexer's own helpers

const char* litname(int32_t prefix) {
  switch (prefix) {
    case 'x':
      return "hexadecimal literal";
    case 'o':
    case '0':
      return "octal literal";
    case 'b':
      return "binary literal";
    default:
      return "decimal literal";
  }
}

// Index of the first misplaced '_' in a number literal, or -1 (go/scanner invalidSep).
int invalid_sep(std::string_view x) {
  int32_t x1 = ' ';
  int32_t d = '.';
  size_t i = 0;
  if (x.size() >= 2 && x[0] == '0') {
    x1 = lower(static_cast<unsigned char>(x[1]));
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < x.size(); i++) {
    int32_t p = d;
    d = static_cast<unsigned char>(x[i]);
    if (d == '_') {
      if (p != '0') return static_cast<int>(i);
    } else if (is_decimal(d) || (x1 == 'x' && is_hex(d))) {
      d = '0';
    } else {
      if (p == '_') return static_cast<int>(i) - 1;
      d = '.';
    }
  }
  if (d == '_') return static_cast<int>(x.size()) - 1;
  return -1;
}

}  // namespace

int Lexer::digits(int base, int64_t* invalid) {
  int digsep = 0;
  if (base <= 10) {
    int32_t max = '0' + base;
    while (is_decimal(ch_) || ch_ == '_') {
      int ds = 1;
      if (ch_ == '_') {
        ds = 2;
      } else if (ch_ >= max && invalid != nullptr && *invalid < 0) {
        *invalid = off_;
      }
      digsep |= ds;
      next();
    }
  } else {
    while (is_hex(ch_) || ch_ == '_') {
      digsep |= ch_ == '_' ? 2 : 1;
      next();
    }
  }
  return digsep;
}

Tok Lexer::scan_number(std::string_view* lit) {
  uint32_t offs = off_;
  Tok tok = Tok::ILLEGAL;
  int base = 10;
  int32_t prefix = 0;
  int digsep = 0;
  int64_t invalid = -1;

  if (ch_ != '.') {
    tok = Tok::INT;
    if (ch_ == '0') {
      next();
      switch (lower(ch_)) {
        case 'x':
          next();
          base = 16;
          prefix = 'x';
          break;
        case 'o':
          next();
          base = 8;
          prefix = 'o';
          break;
        case 'b':
          next();
          base = 2;
          prefix = 'b';
          break;
        default:
          base = 8;
          prefix = '0';
          digsep = 1;  // leading 0
      }
    }
    digsep |= digits(base, &invalid);
  }
  if (ch_ == '.') {
    tok = Tok::FLOAT;
    if (prefix == 'o' || prefix == 'b') {
      error(off_, std::string("invalid radix point in ") + litname(prefix));
    }
    next();
    digsep |= digits(base, &invalid);
  }
  if ((digsep & 1) == 0) error(off_, std::string(litname(prefix)) + " has no digits");

  int32_t e = lower(ch_);
  if (e == 'e' || e == 'p') {
    if (e == 'e' && prefix != 0 && prefix != '0') {
      error(off_, fmt::format("'{}' exponent requires decimal mantissa", static_cast<char>(ch_)));
    } else if (e == 'p' && prefix != 'x') {
      error(off_,
            fmt::format("'{}' exponent requires hexadecimal mantissa", static_cast<char>(ch_)));
    }
    next();
    tok = Tok::FLOAT;
    if (ch_ == '+' || ch_ == '-') next();
    int ds = digits(10, nullptr);
    digsep |= ds;
    if ((ds & 1) == 0) error(off_, "exponent has no digits");
  } else if (prefix == 'x' && tok == Tok::FLOAT) {
    error(off_, "hexadecimal mantissa requires a 'p' exponent");
  }
  if (ch_ == 'i') {
    tok = Tok::IMAG;
    next();
  }
  *lit = std::string_view(src_ + offs, off_ - offs);
  if (tok == Tok::INT && invalid >= 0) {
    error(static_cast<uint32_t>(invalid),
          fmt::format("invalid digit '{}' in {}", (*lit)[static_cast<size_t>(invalid) - offs],
                      litname(prefix)));
  }
  if (digsep & 2) {
    int i = invalid_sep(*lit);
    if (i >= 0) error(offs + static_cast<uint32_t>(i), "'_' must separate successive digits");
  }
  return tok;
}

bool Lexer::scan_escape(char32_t quote) {
  uint32_t offs = off_;
  int n = 0;
  uint32_t base = 0;
  uint32_t max = 0;
  switch (ch_) {
    case 'a':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
    case '\\':
      next();
      return true;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
      n = 3;
      base = 8;
      max = 255;
      break;
    case 'x':
      next();
      n = 2;
      base = 16;
      max = 255;
      break;
    case 'u':
      next();
      n = 4;
      base = 16;
      max = 0x10FFFF;
      break;
    case 'U':
      next();
      n = 8;
      base = 16;
      max = 0x10FFFF;
      break;
    default:
      if (ch_ == static_cast<int32_t>(quote)) {
        next();
        return true;
      }
      error(offs, ch_ < 0 ? "escape sequence not terminated" : "unknown escape sequence");
      return false;
  }
  uint32_t x = 0;
  for (; n > 0; n--) {
    auto d = static_cast<uint32_t>(digit_val(ch_));
    if (d >= base) {
      if (ch_ < 0) {
        error(off_, "escape sequence not terminated");
      } else {
        error(off_, "illegal character " + format_U(ch_) + " in escape sequence");
      }
      return false;
    }
    x = x * base + d;
    next();
  }
  if (x > max || (0xD800 <= x && x < 0xE000)) {
    error(offs, "escape sequence is invalid Unicode code point");
    return false;
  }
  return true;
}

std::string_view Lexer::scan_rune() {
  uint32_t offs = off_ - 1;
  bool valid = true;
  int n = 0;
  for (;;) {
    int32_t c = ch_;
    if (c == '\n' || c < 0) {
      if (valid) {
        error(offs, "rune literal not terminated");
        valid = false;
      }
      break;
    }
    next();
    if (c == '\'') break;
    n++;
    if (c == '\\') {
      if (!scan_escape('\'')) valid = false;
    }
  }
  if (valid && n != 1) error(offs, "illegal rune literal");
  return {src_ + offs, off_ - offs};
}

std::string_view Lexer::scan_string() {
  uint32_t offs = off_ - 1;
  for (;;) {
    int32_t c = ch_;
    if (c == '\n' || c < 0) {
      error(offs, "string literal not terminated");
      break;
    }
    // Fast path over plain ASCII (the current char is not '\n').
    if (c != '"' && c != '\\') {
      while (rd_ < src_size_) {
        auto b = static_cast<unsigned char>(src_[rd_]);
        if (b == 0 || b >= 0x80 || b == '\n' || b == '"' || b == '\\') break;
        off_ = rd_++;
        ch_ = b;
      }
      next();
      continue;
    }
    next();
    if (c == '"') break;
    scan_escape('"');
  }
  return {src_ + offs, off_ - offs};
}

std::string_view Lexer::scan_raw_string() {
  uint32_t offs = off_ - 1;
  bool has_cr = false;
  for (;;) {
    int32_t c = ch_;
    if (c < 0) {
      error(offs, "raw string literal not terminated");
      break;
    }
    next();
    if (c == '`') break;
    if (c == '\r') has_cr = true;
  }
  std::string_view lit(src_ + offs, off_ - offs);
  if (has_cr) lit = strip_cr(lit, false);
  return lit;
}

}  // namespace oomguard::go
