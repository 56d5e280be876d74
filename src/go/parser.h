// The Go parser: go/parser (Go 1.19, generics included) as a recursive-descent parser building
// the arena AST of go/ast.h. Syntax errors are diagnostics ("file:line:col: message"); the
// parser recovers like go/parser (sync to statement and declaration starts) and never crashes.
// Deep nesting is cut off with "exceeded max nesting depth" before the stack runs out.
//
//   ParsedFile pf = parse_file("x.go", std::move(text));
//   if (!pf.ok()) for (auto& d : pf.errors) puts(format_diagnostic(d).c_str());
//   ast::inspect(pf.file, [&](ast::Node* n) { ...; return true; });
//   Position p = pf.position(call->lparen);  // line:col of any Pos
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "go/arena.h"
#include "go/ast.h"
#include "go/token.h"

namespace oomguard::go {

struct ParseOptions {
  bool parse_comments = true;  // keep comments (File.comments, Doc/Comment associations)
  // go/parser's AllErrors: report every error. Otherwise, as go/parser does by default, at most
  // one error per line and parsing stops after ten. Acceptance is the same either way.
  bool all_errors = false;
  // Stack the parser may use; 0 = half of what is left on the calling thread's stack.
  size_t stack_budget = 0;
};

// One parsed file. Owns the source and the arena that the AST (and its string views) live in;
// movable, and the AST stays valid across moves.
class ParsedFile {
 public:
  ParsedFile();
  ParsedFile(ParsedFile&&) noexcept;
  ParsedFile& operator=(ParsedFile&&) noexcept;
  ~ParsedFile();

  std::string filename;
  ast::File* file = nullptr;                 // never null (empty File when the header is bad)
  std::vector<ast::CommentGroup*> comments;  // same as file->comments
  std::vector<Diagnostic> errors;            // sorted by position

  [[nodiscard]] bool ok() const { return errors.empty(); }
  [[nodiscard]] std::string_view source() const;
  // Line and column (1-based, bytes) of a position, as go/token.File.PositionFor(p, false)
  // computes it (//line directives are ignored). Line 0 for kNoPos.
  [[nodiscard]] Position position(Pos p) const;
  [[nodiscard]] size_t line_count() const;

 private:
  friend ParsedFile parse_file(std::string filename, std::string source, const ParseOptions& opts);
  struct State;
  std::unique_ptr<State> state_;
};

ParsedFile parse_file(std::string filename, std::string source, const ParseOptions& opts = {});

}  // namespace oomguard::go
