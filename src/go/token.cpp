#include "go/token.h"

#include <array>

namespace oomguard::go {
namespace {

constexpr std::array<std::string_view, static_cast<size_t>(Tok::kCount)> kNames = {
    "ILLEGAL",   "EOF",         "COMMENT", "IDENT", "INT",    "FLOAT",    "IMAG",    "CHAR",
    "STRING",    "+",           "-",       "*",     "/",      "%",        "&",       "|",
    "^",         "<<",          ">>",      "&^",    "+=",     "-=",       "*=",      "/=",
    "%=",        "&=",          "|=",      "^=",    "<<=",    ">>=",      "&^=",     "&&",
    "||",        "<-",          "++",      "--",    "==",     "<",        ">",       "=",
    "!",         "!=",          "<=",      ">=",    ":=",     "...",      "(",       "[",
    "{",         ",",           ".",       ")",     "]",      "}",        ";",       ":",
    "~",         "break",       "case",    "chan",  "const",  "continue", "default", "defer",
    "else",      "fallthrough", "for",     "func",  "go",     "goto",     "if",      "import",
    "interface", "map",         "package", "range", "return", "select",   "struct",  "switch",
    "type",      "var"};

}  // namespace

std::string_view tok_string(Tok t) {
  auto i = static_cast<size_t>(t);
  return i < kNames.size() ? kNames[i] : std::string_view("token(?)");
}

Tok lookup_keyword(std::string_view w) {
  auto is = [&](std::string_view k, Tok t) { return w == k ? t : Tok::IDENT; };
  if (w.size() < 2 || w.size() > 11) return Tok::IDENT;
  switch (w[0]) {
    case 'b':
      return is("break", Tok::BREAK);
    case 'c':
      if (w.size() == 4) {
        if (w == "case") return Tok::CASE;
        return is("chan", Tok::CHAN);
      }
      if (w.size() == 5) return is("const", Tok::CONST);
      return is("continue", Tok::CONTINUE);
    case 'd':
      if (w.size() == 7) return is("default", Tok::DEFAULT);
      return is("defer", Tok::DEFER);
    case 'e':
      return is("else", Tok::ELSE);
    case 'f':
      if (w.size() == 3) return is("for", Tok::FOR);
      if (w.size() == 4) return is("func", Tok::FUNC);
      return is("fallthrough", Tok::FALLTHROUGH);
    case 'g':
      if (w.size() == 2) return is("go", Tok::GO);
      return is("goto", Tok::GOTO);
    case 'i':
      if (w.size() == 2) return is("if", Tok::IF);
      if (w.size() == 6) return is("import", Tok::IMPORT);
      return is("interface", Tok::INTERFACE);
    case 'm':
      return is("map", Tok::MAP);
    case 'p':
      return is("package", Tok::PACKAGE);
    case 'r':
      if (w.size() == 5) return is("range", Tok::RANGE);
      return is("return", Tok::RETURN);
    case 's':
      if (w.size() == 6) {
        if (w == "select") return Tok::SELECT;
        if (w == "struct") return Tok::STRUCT;
        return is("switch", Tok::SWITCH);
      }
      return Tok::IDENT;
    case 't':
      return is("type", Tok::TYPE);
    case 'v':
      return is("var", Tok::VAR);
    default:
      return Tok::IDENT;
  }
}

}  // namespace oomguard::go
