// Small AST helpers shared by rules: names of calls, enclosing loops and functions, and the
// text of an expression for messages.
#pragma once

#include <cstdint>
#include <initializer_list>
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

// Node kinds as bits of a mask.
static_assert(static_cast<unsigned>(ast::Kind::File) < 64, "ast::Kind must fit a 64-bit mask");
constexpr uint64_t kind_bit(ast::Kind k) { return uint64_t{1} << static_cast<unsigned>(k); }

// One function of a file (a FuncDecl or a FuncLit with a body) with the node kinds its body
// holds, so rules skip, without walking them, the functions that cannot contain what they look
// for (the type-mask idea of go/analysis's inspector).
struct FuncEntry {
  FuncScope scope;
  const ast::BlockStmt* body = nullptr;
  uint64_t kinds = 0;       // kinds of the nodes in body, function literals' insides excluded
  uint64_t loop_kinds = 0;  // the kinds among those that sit inside a for or range statement
  uint64_t deep_kinds = 0;  // kinds in body, function literals' insides included
  // The body (literals included) names a package-level variable or the builtins delete or
  // clear (what package-globals facts are made of), or a package-level function.
  bool deep_global_vars = false;
  bool deep_global_funcs = false;
};

// Every function of every file of the package, outermost first in source order: built in one
// walk per file and shared by all rules (Pass::shared).
class FunctionIndex {
 public:
  // A call in a function body (function literals' calls belong to the literal).
  struct Call {
    const ast::CallExpr* call;
    uint32_t fn;  // index into file(i)
    bool in_loop;
  };

  explicit FunctionIndex(const Pass& pass);
  [[nodiscard]] const std::vector<FuncEntry>& file(int i) const {
    return files_[static_cast<size_t>(i)];
  }
  // Kinds of the nodes of file i outside function bodies (declarations, signatures).
  [[nodiscard]] uint64_t outside_kinds(int i) const {
    return outside_kinds_[static_cast<size_t>(i)];
  }
  // Every call of file i, in source order.
  [[nodiscard]] const std::vector<Call>& calls(int i) const {
    return calls_[static_cast<size_t>(i)];
  }
  // The functions of file i that call something named one of `names` (callee_name), inside a
  // loop of their body when in_loop; in index order.
  [[nodiscard]] std::vector<const FuncEntry*> calling(int i,
                                                      std::initializer_list<std::string_view> names,
                                                      bool in_loop) const;

 private:
  std::vector<std::vector<FuncEntry>> files_;
  std::vector<std::vector<Call>> calls_;
  std::vector<uint64_t> outside_kinds_;
};

// What a rule needs in a function for it to be worth walking: some node of one of `kinds` in its
// body, and some node of one of `loop_kinds` inside a loop of its body (0: no condition).
struct FuncNeeds {
  uint64_t kinds = 0;
  uint64_t loop_kinds = 0;
  [[nodiscard]] bool admits(const FuncEntry& e) const {
    return (kinds == 0 || (e.kinds & kinds) != 0) &&
           (loop_kinds == 0 || (e.loop_kinds & loop_kinds) != 0);
  }
};

// Walks every function (FuncDecl bodies and FuncLit bodies) of file i. fn(scope, body) is called
// once per function, outermost first; with needs, only for the functions it admits.
template <typename F>
void for_each_function(const Pass& pass, int file, F&& fn);
template <typename F>
void for_each_function(const Pass& pass, int file, FuncNeeds needs, F&& fn);
// Only the functions that call something named one of `names` (in a loop when in_loop).
template <typename F>
void for_each_function_calling(const Pass& pass, int file,
                               std::initializer_list<std::string_view> names, bool in_loop, F&& fn);

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
void for_each_function(const Pass& pass, int file, FuncNeeds needs, F&& fn) {
  for (const FuncEntry& e : pass.shared<FunctionIndex>().file(file)) {
    if (needs.admits(e)) fn(e.scope, e.body);
  }
}

template <typename F>
void for_each_function_calling(const Pass& pass, int file,
                               std::initializer_list<std::string_view> names, bool in_loop,
                               F&& fn) {
  for (const FuncEntry* e : pass.shared<FunctionIndex>().calling(file, names, in_loop)) {
    fn(e->scope, e->body);
  }
}

template <typename F>
void for_each_function(const Pass& pass, int file, F&& fn) {
  for_each_function(pass, file, FuncNeeds{}, std::forward<F>(fn));
}

}  // namespace oomguard::lint::rules
