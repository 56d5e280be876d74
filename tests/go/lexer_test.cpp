// Lexer tests: every token and literal form, semicolon insertion, comments, positions, and
// go/scanner's error decisions. Expected token streams follow the Go spec and go/scanner's
// scanner_test.go.
#include "go/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace oomguard::go {
namespace {

struct Lexed {
  std::vector<Token> toks;
  std::vector<LexError> errors;
  std::vector<uint32_t> lines;
};

Lexed lex(std::string_view src, bool comments = true) {
  static Arena arena;
  Lexed out;
  Lexer lx(src, comments, &arena, &out.errors);
  for (int i = 0; i < 100000; i++) {
    Token t = lx.scan();
    if (t.tok == Tok::EOF_) break;
    out.toks.push_back(t);
  }
  out.lines = lx.line_starts();
  return out;
}

// "tok:lit tok:lit ..." without positions.
std::string stream(std::string_view src, bool comments = true) {
  std::string s;
  for (const Token& t : lex(src, comments).toks) {
    if (!s.empty()) s += ' ';
    bool named = tok_is_literal(t.tok) || t.tok == Tok::SEMICOLON || t.tok == Tok::COMMENT ||
                 t.tok == Tok::ILLEGAL;
    s += t.tok == Tok::SEMICOLON ? std::string_view("SEMICOLON") : tok_string(t.tok);
    if (named && !t.lit().empty()) {
      s += ':';
      s += t.lit() == "\n" ? std::string("\\n") : std::string(t.lit());
    }
  }
  return s;
}

bool accepts(std::string_view src) { return lex(src).errors.empty(); }

TEST(Lexer, EveryOperatorAndDelimiter) {
  const char* ops[] = {"+",   "-",  "*",  "/",  "%",  "&",  "|",  "^",   "<<",  ">>",  "&^", "+=",
                       "-=",  "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^=", "&&", "||",
                       "<-",  "++", "--", "==", "<",  ">",  "=",  "!",   "!=",  "<=",  ">=", ":=",
                       "...", "(",  "[",  "{",  ",",  ".",  ")",  "]",   "}",   ";",   ":",  "~"};
  for (const char* op : ops) {
    Lexed l = lex(op);
    ASSERT_FALSE(l.toks.empty()) << op;
    EXPECT_EQ(tok_string(l.toks[0].tok), op) << op;
    EXPECT_TRUE(l.errors.empty()) << op;
  }
}

TEST(Lexer, EveryKeyword) {
  const char* kws[] = {"break",  "case",        "chan", "const",   "continue", "default", "defer",
                       "else",   "fallthrough", "for",  "func",    "go",       "goto",    "if",
                       "import", "interface",   "map",  "package", "range",    "return",  "select",
                       "struct", "switch",      "type", "var"};
  for (const char* kw : kws) {
    Lexed l = lex(kw);
    ASSERT_FALSE(l.toks.empty());
    EXPECT_EQ(tok_string(l.toks[0].tok), kw);
    EXPECT_TRUE(tok_is_keyword(l.toks[0].tok));
  }
  EXPECT_EQ(lookup_keyword("Func"), Tok::IDENT);
  EXPECT_EQ(lookup_keyword("funcs"), Tok::IDENT);
}

TEST(Lexer, Identifiers) {
  EXPECT_EQ(stream("a _x9 ThisVariableIsExported αβ ŝ"),
            "IDENT:a IDENT:_x9 IDENT:ThisVariableIsExported IDENT:αβ IDENT:ŝ SEMICOLON:\\n");
  // a Unicode digit continues an identifier but cannot start one
  EXPECT_EQ(stream("x٣"), "IDENT:x٣ SEMICOLON:\\n");
  EXPECT_FALSE(accepts("٣x"));
}

TEST(Lexer, IntegerLiterals) {
  for (const char* lit :
       {"0", "42", "4_2", "0600", "0_600", "0o600", "0O600", "0xBadFace", "0xBad_Face",
        "0x_67_7a_2f_cc_40_c6", "0b1011", "0B_1_0", "170141183460469231731687303715884105727",
        "170_141183_460469_231731_687303_715884_105727"}) {
    Lexed l = lex(lit);
    ASSERT_EQ(l.toks.size(), 2u) << lit;
    EXPECT_EQ(l.toks[0].tok, Tok::INT) << lit;
    EXPECT_EQ(l.toks[0].lit(), lit);
    EXPECT_TRUE(l.errors.empty()) << lit;
  }
}

TEST(Lexer, FloatAndImaginaryLiterals) {
  for (const char* lit : {"0.", "72.40", "072.40", "2.71828", "1.e+0", "6.67428e-11", "1E6", ".25",
                          ".12345E+5", "1_5.", "0.15e+0_2", "0x1p-2", "0x2.p10", "0x1.Fp+0",
                          "0X.8p-0", "0X_1FFFP-16", "0x15e-2" /* int 0x15e - 2 */}) {
    Lexed l = lex(lit);
    ASSERT_FALSE(l.toks.empty()) << lit;
    if (std::string_view(lit) == "0x15e-2") {
      EXPECT_EQ(l.toks[0].tok, Tok::INT);
      EXPECT_EQ(l.toks[0].lit(), "0x15e");
      continue;
    }
    EXPECT_EQ(l.toks[0].tok, Tok::FLOAT) << lit;
    EXPECT_EQ(l.toks[0].lit(), lit);
    EXPECT_TRUE(l.errors.empty()) << lit;
  }
  for (const char* lit : {"0i", "0123i", "0o123i", "0xabci", "0.i", "2.71828i", "1.e+0i",
                          "6.67428e-11i", "1E6i", ".25i", ".12345E+5i", "0x1p-2i"}) {
    Lexed l = lex(lit);
    ASSERT_FALSE(l.toks.empty()) << lit;
    EXPECT_EQ(l.toks[0].tok, Tok::IMAG) << lit;
    EXPECT_EQ(l.toks[0].lit(), lit);
    EXPECT_TRUE(l.errors.empty()) << lit;
  }
}

TEST(Lexer, InvalidNumbersAreRejectedLikeGoScanner) {
  for (const char* bad : {"0x", "0b", "0o", "08", "0b102", "0o8", "1__0", "1_", "0x_",
                          "0_x1" /* legacy octal with x */, "0x1.0", "1e", "1e+", "0x1p", "0b1.0",
                          "0o1.0", "0b1e1", "0x.p1", "1p2"}) {
    EXPECT_FALSE(accepts(bad)) << bad;
  }
  // legacy octal-looking floats and imaginaries are fine
  EXPECT_TRUE(accepts("09.5"));
  EXPECT_TRUE(accepts("09i"));
  EXPECT_TRUE(accepts("089e1"));
  EXPECT_TRUE(accepts("09.x"));  // the float 09. and the identifier x
}

TEST(Lexer, RuneLiterals) {
  for (const char* lit : {"'a'", "'ä'", "'本'", "'\\t'", "'\\000'", "'\\007'", "'\\377'", "'\\x07'",
                          "'\\xff'", "'\\u12e4'", "'\\U00101234'", "'\\''"}) {
    Lexed l = lex(lit);
    ASSERT_FALSE(l.toks.empty()) << lit;
    EXPECT_EQ(l.toks[0].tok, Tok::CHAR) << lit;
    EXPECT_EQ(l.toks[0].lit(), lit);
    EXPECT_TRUE(l.errors.empty()) << lit;
  }
  for (const char* bad : {"'aa'", "''", "'\\8'", "'\\400'", "'\\uD800'", "'\\U00110000'", "'\\k'",
                          "'\\\"'", "'a", "'\n'", "'\\x0'"}) {
    EXPECT_FALSE(accepts(bad)) << bad;
  }
}

TEST(Lexer, StringLiterals) {
  EXPECT_EQ(
      stream(R"("" "abc" "\n\"x\"" "\u65e5本\U00008a9e" "\xff\u00FF")"),
      R"(STRING:"" STRING:"abc" STRING:"\n\"x\"" STRING:"\u65e5本\U00008a9e" STRING:"\xff\u00FF" SEMICOLON:\n)");
  EXPECT_EQ(stream("`a\nb\\n`"), "STRING:`a\nb\\n` SEMICOLON:\\n");
  for (const char* bad :
       {"\"abc", "\"a\nb\"", "\"\\'\"", "\"\\400\"", "\"\\uDFFF\"", "`abc", "\"\\", "\"\\x"}) {
    EXPECT_FALSE(accepts(bad)) << bad;
  }
}

TEST(Lexer, CarriageReturnsAreStrippedFromRawStringsAndComments) {
  Lexed l = lex("`a\r\nb` /* x\r\n*/ // y\r\n");
  ASSERT_GE(l.toks.size(), 3u);
  EXPECT_EQ(l.toks[0].lit(), "`a\nb`");
  EXPECT_EQ(l.toks[1].tok, Tok::SEMICOLON);  // the general comment contains a newline
  EXPECT_EQ(l.toks[2].lit(), "/* x\n*/");
  // The newline after the raw string (inside the // comment line) inserts a semicolon first.
  bool saw_line_comment = false;
  for (const Token& t : l.toks) {
    if (t.tok == Tok::COMMENT && t.lit().substr(0, 2) == "//") {
      EXPECT_EQ(t.lit(), "// y");
      saw_line_comment = true;
    }
  }
  EXPECT_TRUE(saw_line_comment);
}

TEST(Lexer, SemicolonInsertion) {
  // after identifiers, literals, the keywords break continue fallthrough return, ++ -- ) ] }
  EXPECT_EQ(stream("x\n1\n1.5\n1i\n'a'\n\"s\"\n`r`\n"),
            "IDENT:x SEMICOLON:\\n INT:1 SEMICOLON:\\n FLOAT:1.5 SEMICOLON:\\n IMAG:1i "
            "SEMICOLON:\\n CHAR:'a' SEMICOLON:\\n STRING:\"s\" SEMICOLON:\\n STRING:`r` "
            "SEMICOLON:\\n");
  EXPECT_EQ(stream("break\ncontinue\nfallthrough\nreturn\nx++\ny--\n)\n]\n}\n"),
            "break SEMICOLON:\\n continue SEMICOLON:\\n fallthrough SEMICOLON:\\n return "
            "SEMICOLON:\\n IDENT:x ++ SEMICOLON:\\n IDENT:y -- SEMICOLON:\\n ) SEMICOLON:\\n ] "
            "SEMICOLON:\\n } SEMICOLON:\\n");
  // not after operators or other keywords
  EXPECT_EQ(stream("x +\ny\nfunc\n(\n"), "IDENT:x + IDENT:y SEMICOLON:\\n func (");
  // at EOF without a newline
  EXPECT_EQ(stream("x"), "IDENT:x SEMICOLON:\\n");
  // explicit semicolons carry ";"
  EXPECT_EQ(stream("x;y"), "IDENT:x SEMICOLON:; IDENT:y SEMICOLON:\\n");
  // a comment extending to the end of the line: the semicolon comes before the comment
  EXPECT_EQ(stream("x // c\ny"), "IDENT:x SEMICOLON:\\n COMMENT:// c IDENT:y SEMICOLON:\\n");
  EXPECT_EQ(stream("x /* c */\n"), "IDENT:x SEMICOLON:\\n COMMENT:/* c */");
  EXPECT_EQ(stream("x /* a\nb */ y"),
            "IDENT:x SEMICOLON:\\n COMMENT:/* a\nb */ IDENT:y SEMICOLON:\\n");
  // a general comment on one line does not end the statement
  EXPECT_EQ(stream("x /* c */ y"), "IDENT:x COMMENT:/* c */ IDENT:y SEMICOLON:\\n");
  // without comments in the stream, the same decisions are taken
  EXPECT_EQ(stream("x // c\ny", false), "IDENT:x SEMICOLON:\\n IDENT:y SEMICOLON:\\n");
  EXPECT_EQ(stream("x /* c */ y", false), "IDENT:x IDENT:y SEMICOLON:\\n");
}

TEST(Lexer, PositionsAreByteOffsetsLinesAndByteColumns) {
  Lexed l = lex("package p\n\nvar αβ = \"x\"\n");
  ASSERT_GE(l.toks.size(), 7u);
  EXPECT_EQ(pos_offset(l.toks[0].pos), 0u);
  EXPECT_EQ(l.toks[0].line, 1);
  EXPECT_EQ(pos_offset(l.toks[1].pos), 8u);  // p
  EXPECT_EQ(l.toks[2].tok, Tok::SEMICOLON);
  EXPECT_EQ(pos_offset(l.toks[2].pos), 9u);   // the newline
  EXPECT_EQ(l.toks[3].line, 3);               // var
  EXPECT_EQ(pos_offset(l.toks[4].pos), 15u);  // αβ
  EXPECT_EQ(pos_offset(l.toks[5].pos), 20u);  // = (αβ is 4 bytes)
  // go/token: line starts; a line starting at EOF is not recorded
  EXPECT_EQ(l.lines, (std::vector<uint32_t>{0, 10, 11}));
}

TEST(Lexer, ByteOrderMark) {
  Lexed l = lex("\xEF\xBB\xBFpackage p");
  EXPECT_TRUE(l.errors.empty());
  ASSERT_FALSE(l.toks.empty());
  EXPECT_EQ(l.toks[0].tok, Tok::PACKAGE);
  EXPECT_EQ(pos_offset(l.toks[0].pos), 3u);
  // only at offset 0
  EXPECT_FALSE(accepts("package p\xEF\xBB\xBF"));
  EXPECT_FALSE(accepts("package p // \xEF\xBB\xBF"));
  EXPECT_FALSE(accepts("\"\xEF\xBB\xBF\""));
}

TEST(Lexer, NulAndInvalidUtf8AreErrorsEverywhere) {
  using namespace std::string_literals;
  EXPECT_FALSE(accepts("x \0 y"s));
  EXPECT_FALSE(accepts("// \0\n"s));
  EXPECT_FALSE(accepts("\"\0\""s));
  EXPECT_FALSE(accepts("`\0`"s));
  EXPECT_FALSE(accepts("x \xff"));
  EXPECT_FALSE(accepts("// \xc3\x28"));
  EXPECT_FALSE(accepts("\"\xed\xa0\x80\""));      // encoded surrogate
  EXPECT_FALSE(accepts("\"\xc0\xaf\""));          // overlong
  EXPECT_FALSE(accepts("\"\xf4\x90\x80\x80\""));  // > U+10FFFF
  EXPECT_TRUE(accepts("\"\xf4\x8f\xbf\xbf\""));   // U+10FFFF
  Lexed l = lex("x\xff");
  ASSERT_FALSE(l.errors.empty());
  EXPECT_EQ(l.errors[0].message, "illegal UTF-8 encoding");
  EXPECT_EQ(pos_offset(l.errors[0].pos), 1u);
}

TEST(Lexer, IllegalCharactersAndUnterminatedComments) {
  Lexed l = lex("x $ y");
  ASSERT_EQ(l.errors.size(), 1u);
  EXPECT_EQ(l.errors[0].message, "illegal character U+0024 '$'");
  EXPECT_EQ(stream("a @\nb"), "IDENT:a ILLEGAL:@ SEMICOLON:\\n IDENT:b SEMICOLON:\\n");
  EXPECT_FALSE(accepts("/* abc"));
  EXPECT_FALSE(accepts("x ?"));
  EXPECT_FALSE(accepts("x €"));
}

TEST(Lexer, LineDirectivesWithBadNumbersAreErrors) {
  EXPECT_TRUE(accepts("//line foo.go:10\n"));
  EXPECT_TRUE(accepts("//line foo.go:10:3\n"));
  EXPECT_TRUE(accepts("/*line foo.go:10:3*/"));
  EXPECT_TRUE(accepts("//line foo.go\n"));  // no ':' -- not a line directive
  EXPECT_FALSE(accepts("//line foo.go:0\n"));
  EXPECT_FALSE(accepts("//line foo.go:x\n"));
  EXPECT_FALSE(accepts("/*line foo.go:1:0*/"));
  // only at the start of a line for //line
  EXPECT_TRUE(accepts("x //line foo.go:0\n"));
}

}  // namespace
}  // namespace oomguard::go
