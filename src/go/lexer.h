// The Go lexer: go/scanner's behaviour, token for token. Automatic semicolon insertion,
// comments returned as tokens, every literal form, and go/scanner's error decisions (NUL bytes,
// invalid UTF-8, misplaced byte order marks, bad escapes and digits, unterminated literals).
// Identifiers and literals are views into the source; comments and raw strings containing '\r'
// are rewritten without it (as go/scanner does) into the arena.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "go/arena.h"
#include "go/token.h"

namespace oomguard::go {

struct Token {
  Pos pos = kNoPos;
  int line = 0;  // 1-based line of pos
  Tok tok = Tok::ILLEGAL;
  // Literal text for IDENT, INT..STRING, COMMENT, keywords and ILLEGAL; ";" or "\n" for
  // SEMICOLON. Stored as two scalars rather than a string_view: the parser reads them right
  // after the lexer wrote them, and a 16-byte load of two 8-byte stores defeats store
  // forwarding (it showed up as ~8% of parse time).
  uint32_t lit_len = 0;
  const char* lit_ptr = nullptr;
  [[nodiscard]] std::string_view lit() const { return {lit_ptr, lit_len}; }
  void set_lit(std::string_view s) {
    lit_ptr = s.data();
    lit_len = static_cast<uint32_t>(s.size());
  }
};

struct LexError {
  Pos pos;
  std::string message;
};

class Lexer {
 public:
  // src must outlive the lexer; errors (may be null) receives scanner errors in order.
  Lexer(std::string_view src, bool scan_comments, Arena* arena, std::vector<LexError>* errors);

  void scan(Token& t);
  Token scan() {
    Token t;
    scan(t);
    return t;
  }

  // Start offsets of lines seen so far (go/token.File lines: a line starting at EOF is not
  // recorded). Line of a Pos: line_of().
  [[nodiscard]] const std::vector<uint32_t>& line_starts() const { return lines_; }
  [[nodiscard]] int line_of(Pos p) const;
  [[nodiscard]] size_t error_count() const { return error_count_; }

 private:
  [[gnu::always_inline]] inline void next();
  void next_slow(uint32_t b);
  void error(uint32_t offset, std::string msg);
  void add_line(uint32_t offset) {
    if (offset < src_size_) lines_.push_back(offset);
  }
  void skip_whitespace();
  std::string_view scan_identifier();
  Tok scan_number(std::string_view* lit);
  int digits(int base, int64_t* invalid);
  bool scan_escape(char32_t quote);
  std::string_view scan_rune();
  std::string_view scan_string();
  std::string_view scan_raw_string();
  std::string_view scan_comment();
  bool find_line_end();
  std::string_view strip_cr(std::string_view s, bool comment);
  Tok switch2(Tok t0, Tok t1);
  Tok switch3(Tok t0, Tok t1, char c2, Tok t2);
  Tok switch4(Tok t0, Tok t1, char c2, Tok t2, Tok t3);

  const char* src_;
  uint32_t src_size_;
  bool scan_comments_;
  Arena* arena_;
  std::vector<LexError>* errors_;
  size_t error_count_ = 0;

  int32_t ch_ = ' ';  // current character (-1 at EOF)
  uint32_t off_ = 0;  // offset of ch_
  uint32_t rd_ = 0;   // offset after ch_
  uint32_t line_off_ = 0;
  bool insert_semi_ = false;
  std::vector<uint32_t> lines_;
};

// Unicode classes as Go 1.19's unicode package defines them (code points >= 0x80).
bool unicode_is_letter(char32_t c);
bool unicode_is_digit(char32_t c);
bool unicode_is_graphic(char32_t c);
bool unicode_is_space(char32_t c);

// Decodes one UTF-8 sequence like Go's utf8.DecodeRune: returns U+FFFD with width 1 for
// invalid encodings (overlong, surrogate, out of range, truncated).
char32_t decode_utf8(const char* p, size_t n, int* width);

}  // namespace oomguard::go
