// Facts shared by the loop rules (go-in-loop-unbounded, alloc-in-loop, loop-var-capture,
// time-after-in-loop): integer constant evaluation without a type checker, and whether a
// statement can run again in the same call of its function.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "go/ast.h"
#include "lint/cfg.h"
#include "lint/semantic.h"

namespace oomguard::lint::rules {

// The value of an integer constant expression: integer (and integral float) literals, named
// constants declared in this package (not those using iota or implicit repetition), the
// arithmetic, shift and bitwise operators, unary - + ^, parentheses and conversions to integer
// types. nullopt when any part is unknown, negative shifts, division by zero or overflow.
std::optional<int64_t> const_int(const PackageInfo& info, const ast::Expr* e);

// The number of iterations of a loop when it is a compile-time constant: `for i := a; i < b;
// i++` (also <=, and counting down with > / >=) with constant a and b and a body that does not
// assign i, a range over a composite literal (its element count, without keys) or an integer
// constant. nullopt otherwise.
std::optional<int64_t> const_trip_count(const PackageInfo& info, const ast::Node* loop);

// True when statement `stmt` of the function whose graph is cfg can execute again after it ran
// once (its block reaches itself). A statement the graph does not hold counts as repeating.
bool can_repeat(const Cfg& cfg, const ast::Node* stmt);

// True when the object is declared (or is a parameter) outside the source span of `n`.
bool declared_outside(const Object* obj, const ast::Node* n);

}  // namespace oomguard::lint::rules

namespace oomguard::lint::rules {

// Walks a function body like walk_body (function literals are reported but not entered) and
// calls f(node, ancestors) with every node's ancestors below body, outermost first.
template <typename F>
void walk_with_stack(const ast::Node* body, F&& f);

// The loops among the ancestors of a node that run it once per iteration (the node lies in the
// loop's body, condition or post statement), outermost first.
std::vector<const ast::Node*> loops_of(const std::vector<const ast::Node*>& ancestors,
                                       const ast::Node* n);

// True when the node (a statement or an expression inside one) can run again in the same call
// of its function: the innermost ancestor statement the graph holds reaches itself. For an
// expression in a select's comm clause, the select counts (every case expression is evaluated
// whenever the select runs).
bool node_repeats(const Cfg& cfg, const std::vector<const ast::Node*>& ancestors,
                  const ast::Node* n);

// Calls f(stmt) for every statement before (after == false) or after (after == true) n in the
// statement lists that enclose n, from n's own list outwards up to the body of `loop` (an
// ancestor of n).
template <typename F>
void for_each_sibling(const std::vector<const ast::Node*>& ancestors, const ast::Node* n,
                      const ast::Node* loop, bool after, F&& f);

// True when something in the loop iteration waits after n (a receive or a Wait() call in a
// statement that follows n), or acquires before n (a send that is not into a channel made
// unbuffered here, an Acquire call), depending on `after`.
bool waits_after(const PackageInfo& info, const std::vector<const ast::Node*>& ancestors,
                 const ast::Node* n, const ast::Node* loop);
bool acquires_before(const PackageInfo& info, const std::vector<const ast::Node*>& ancestors,
                     const ast::Node* n, const ast::Node* loop);

namespace detail {
template <typename F>
void walk_with_stack_rec(const ast::Node* n, std::vector<const ast::Node*>& stack, F& f) {
  f(n, static_cast<const std::vector<const ast::Node*>&>(stack));
  if (n->kind == ast::Kind::FuncLit) return;
  stack.push_back(n);
  ast::for_each_child(const_cast<ast::Node*>(n),
                      [&](ast::Node* c) { walk_with_stack_rec(c, stack, f); });
  stack.pop_back();
}
}  // namespace detail

template <typename F>
void for_each_sibling(const std::vector<const ast::Node*>& ancestors, const ast::Node* n,
                      const ast::Node* loop, bool after, F&& f) {
  size_t k = ancestors.size();
  while (k > 0 && ancestors[k - 1] != loop) --k;
  if (k == 0) return;  // loop is not an ancestor
  for (size_t i = ancestors.size(); i-- > k;) {
    const ast::Node* parent = ancestors[i];
    const ast::Node* child = i + 1 < ancestors.size() ? ancestors[i + 1] : n;
    ast::List<ast::Node> list;
    if (child->kind == ast::Kind::CaseClause || child->kind == ast::Kind::CommClause) {
      continue;  // the other clauses of a switch or select are alternatives, not successors
    }
    if (const auto* b = ast::dyn_cast<ast::BlockStmt>(parent))
      list = b->list;
    else if (const auto* cc = ast::dyn_cast<ast::CaseClause>(parent))
      list = cc->body;
    else if (const auto* mc = ast::dyn_cast<ast::CommClause>(parent))
      list = mc->body;
    else
      continue;
    bool seen = false;
    for (const ast::Node* st : list) {
      if (st == child) {
        seen = true;
        continue;
      }
      if (seen == after) f(st);
    }
  }
}

template <typename F>
void walk_with_stack(const ast::Node* body, F&& f) {
  if (body == nullptr) return;
  std::vector<const ast::Node*> stack;
  ast::for_each_child(const_cast<ast::Node*>(body),
                      [&](ast::Node* c) { detail::walk_with_stack_rec(c, stack, f); });
}

}  // namespace oomguard::lint::rules
