// Small AST helpers shared by rules: names of calls, enclosing loops and functions, and the
// text of an expression for messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "go/ast.h"
#include "lint/rule.h"

namespace oomguard::lint::rules {

// Source text of a node (for messages), whitespace runs collapsed, cut at max_len.
std::string node_text(const Pass& pass, int file, const ast::Node* n, size_t max_len = 60);

// The function name of a call's callee: "Close" for x.Close(), "cancel" for cancel().
std::string_view callee_name(const ast::CallExpr* call);

// Strips parentheses.
const ast::Expr* unparen(const ast::Expr* e);

// The enclosing-function context while walking one function body.
struct FuncScope {
  const ast::Node* func = nullptr;  // FuncDecl or FuncLit
  std::string name;                 // "readAll", "(*T).Close", or "the function literal"
};

// Walks every function (FuncDecl bodies and FuncLit bodies) of file i. fn(scope, body) is called
// once per function, outermost first; visit_loops (optional) lets callers track loops.
template <typename F>
void for_each_function(const Pass& pass, int file, F&& fn);

// The name of a FuncDecl for messages: "name" or "(*Recv).name".
std::string func_decl_name(const ast::FuncDecl* fd);

// Calls f(node, loops) for every node inside body without entering function literals, with the
// stack of enclosing ForStmt/RangeStmt nodes (innermost last) within body.
template <typename F>
void walk_body(const ast::Node* body, F&& f);

// ---- template definitions

namespace detail {
template <typename F>
void walk_body_rec(const ast::Node* n, std::vector<const ast::Node*>& loops, F& f) {
  if (n == nullptr) return;
  f(n, static_cast<const std::vector<const ast::Node*>&>(loops));
  if (n->kind == ast::Kind::FuncLit) return;
  bool loop = n->kind == ast::Kind::ForStmt || n->kind == ast::Kind::RangeStmt;
  if (loop) loops.push_back(n);
  ast::for_each_child(const_cast<ast::Node*>(n), [&](ast::Node* c) { walk_body_rec(c, loops, f); });
  if (loop) loops.pop_back();
}
}  // namespace detail

template <typename F>
void walk_body(const ast::Node* body, F&& f) {
  std::vector<const ast::Node*> loops;
  if (body == nullptr) return;
  ast::for_each_child(const_cast<ast::Node*>(body),
                      [&](ast::Node* c) { detail::walk_body_rec(c, loops, f); });
}

template <typename F>
void for_each_function(const Pass& pass, int file, F&& fn) {
  const ast::File* f = pass.files()[static_cast<size_t>(file)].parsed->file;
  for (const ast::Node* d : f->decls) {
    const auto* fd = ast::dyn_cast<ast::FuncDecl>(d);
    std::vector<FuncScope> stack;
    if (fd != nullptr && fd->body != nullptr) {
      FuncScope s{fd, func_decl_name(fd)};
      fn(s, static_cast<const ast::BlockStmt*>(fd->body));
    }
    // Function literals anywhere in the declaration (including package-level var initialisers).
    ast::inspect(const_cast<ast::Node*>(d), [&](ast::Node* n) {
      if (n != nullptr && n->kind == ast::Kind::FuncLit) {
        const auto* lit = static_cast<const ast::FuncLit*>(n);
        if (lit->body != nullptr) {
          FuncScope s{lit, "the function literal"};
          fn(s, static_cast<const ast::BlockStmt*>(lit->body));
        }
      }
      return true;
    });
  }
}

}  // namespace oomguard::lint::rules
