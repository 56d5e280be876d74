// Go tokens, as go/token defines them: kinds, their spelling, precedence, keyword lookup, and
// compact positions (Pos = byte offset + 1, 0 = no position) resolved to line:col on demand.
#pragma once

#include <cstdint>
#include <string_view>

namespace oomguard::go {

enum class Tok : uint8_t {
  ILLEGAL,
  EOF_,
  COMMENT,
  // literals
  IDENT,
  INT,
  FLOAT,
  IMAG,
  CHAR,
  STRING,
  // operators and delimiters
  ADD,      // +
  SUB,      // -
  MUL,      // *
  QUO,      // /
  REM,      // %
  AND,      // &
  OR,       // |
  XOR,      // ^
  SHL,      // <<
  SHR,      // >>
  AND_NOT,  // &^
  ADD_ASSIGN,
  SUB_ASSIGN,
  MUL_ASSIGN,
  QUO_ASSIGN,
  REM_ASSIGN,
  AND_ASSIGN,
  OR_ASSIGN,
  XOR_ASSIGN,
  SHL_ASSIGN,
  SHR_ASSIGN,
  AND_NOT_ASSIGN,
  LAND,      // &&
  LOR,       // ||
  ARROW,     // <-
  INC,       // ++
  DEC,       // --
  EQL,       // ==
  LSS,       // <
  GTR,       // >
  ASSIGN,    // =
  NOT,       // !
  NEQ,       // !=
  LEQ,       // <=
  GEQ,       // >=
  DEFINE,    // :=
  ELLIPSIS,  // ...
  LPAREN,
  LBRACK,
  LBRACE,
  COMMA,
  PERIOD,
  RPAREN,
  RBRACK,
  RBRACE,
  SEMICOLON,
  COLON,
  TILDE,
  // keywords
  BREAK,
  CASE,
  CHAN,
  CONST,
  CONTINUE,
  DEFAULT,
  DEFER,
  ELSE,
  FALLTHROUGH,
  FOR,
  FUNC,
  GO,
  GOTO,
  IF,
  IMPORT,
  INTERFACE,
  MAP,
  PACKAGE,
  RANGE,
  RETURN,
  SELECT,
  STRUCT,
  SWITCH,
  TYPE,
  VAR,
  kCount
};

// go/token's Token.String(): operator/keyword spelling, or the kind name ("IDENT", "EOF", ...).
std::string_view tok_string(Tok t);

inline bool tok_is_literal(Tok t) { return t >= Tok::IDENT && t <= Tok::STRING; }
inline bool tok_is_keyword(Tok t) { return t >= Tok::BREAK && t <= Tok::VAR; }

inline constexpr int kLowestPrec = 0;

// Binary operator precedence (go/token Precedence); kLowestPrec for everything else.
inline int tok_precedence(Tok t) {
  switch (t) {
    case Tok::LOR:
      return 1;
    case Tok::LAND:
      return 2;
    case Tok::EQL:
    case Tok::NEQ:
    case Tok::LSS:
    case Tok::LEQ:
    case Tok::GTR:
    case Tok::GEQ:
      return 3;
    case Tok::ADD:
    case Tok::SUB:
    case Tok::OR:
    case Tok::XOR:
      return 4;
    case Tok::MUL:
    case Tok::QUO:
    case Tok::REM:
    case Tok::SHL:
    case Tok::SHR:
    case Tok::AND:
    case Tok::AND_NOT:
      return 5;
    default:
      return kLowestPrec;
  }
}

// Keyword for an identifier-shaped word, or IDENT.
Tok lookup_keyword(std::string_view word);

// A compact source position: byte offset + 1 within one file; 0 means "no position" (go/token
// NoPos). ParsedFile::position() turns it into line:col.
using Pos = uint32_t;
inline constexpr Pos kNoPos = 0;
inline Pos pos_from_offset(uint32_t offset) { return offset + 1; }
inline uint32_t pos_offset(Pos p) { return p - 1; }

}  // namespace oomguard::go
