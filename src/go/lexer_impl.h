// Internals of the lexer shared by lexer.cpp (tokens, comments, white space) and
// lexer_literals.cpp (numbers, strings, runes): character classes and Lexer::next, which both
// inline on their hot paths. Not part of the front end's API.
#pragma once

#include <cstdint>
#include <string>

#include "go/lexer.h"

namespace oomguard::go::lexdetail {

constexpr int32_t kEOF = -1;
constexpr int32_t kBOM = 0xFEFF;

inline int32_t lower(int32_t ch) { return ('a' - 'A') | ch; }
inline bool is_decimal(int32_t ch) { return '0' <= ch && ch <= '9'; }
inline bool is_hex(int32_t ch) {
  return ('0' <= ch && ch <= '9') || ('a' <= lower(ch) && lower(ch) <= 'f');
}
inline bool is_letter(int32_t ch) {
  return ('a' <= lower(ch) && lower(ch) <= 'z') || ch == '_' ||
         (ch >= 0x80 && unicode_is_letter(static_cast<char32_t>(ch)));
}
inline bool is_digit(int32_t ch) {
  return is_decimal(ch) || (ch >= 0x80 && unicode_is_digit(static_cast<char32_t>(ch)));
}
inline int digit_val(int32_t ch) {
  if ('0' <= ch && ch <= '9') return ch - '0';
  if ('a' <= lower(ch) && lower(ch) <= 'f') return lower(ch) - 'a' + 10;
  return 16;
}

// Go's %#U: "U+0041 'A'" (the quoted form only for printable characters).
std::string format_U(int32_t ch);

}  // namespace oomguard::go::lexdetail

namespace oomguard::go {

inline void Lexer::next() {
  if (rd_ < src_size_) {
    off_ = rd_;
    if (ch_ == '\n') {
      line_off_ = off_;
      add_line(off_);
    }
    auto b = static_cast<unsigned char>(src_[rd_]);
    if (b != 0 && b < 0x80) {
      ch_ = b;
      rd_++;
      return;
    }
    next_slow(b);
  } else {
    off_ = src_size_;
    if (ch_ == '\n') {
      line_off_ = off_;
      add_line(off_);
    }
    ch_ = lexdetail::kEOF;
  }
}

}  // namespace oomguard::go
