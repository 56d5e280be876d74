// The shared engine of the path-sensitive resource rules (lost-cancel, ticker-not-stopped,
// body-not-closed, rows-not-closed, file-not-closed). A rule recognises acquiring statements
// (`resp, err := c.Do(req)`); the engine searches the function's CFG forward from that statement
// for a path to a return (or the end of the function) on which the resource is neither released
// (closed, stopped, called — directly, deferred, in a closure, or through a same-package helper
// summarised in ResourceFacts) nor handed off (returned, stored in a field/map/slice/global, sent,
// captured by a returned closure, passed to code we cannot see). Paths end harmlessly at
// no-return calls and on branches where the acquiring call's error is non-nil (or the resource
// itself is nil). One breadth-first search per resource over (block, error-still-fresh) states:
// linear in the size of the function.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rule.h"
#include "lint/rules/common/summaries.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {

// How a resource is released and which of its parts is the resource.
struct ResourceSpec {
  // Methods on the variable that release it: {"Close"}, {"Stop"}. Empty for func values.
  std::vector<std::string_view> release_methods;
  // The field that is the resource proper ("Body" for *http.Response): `v.Body.Close()`
  // releases, and passing or returning `v.Body` counts as passing the resource.
  std::string_view field;
  bool call_releases = false;       // cancel(): calling the variable releases it
  bool next_loop_releases = false;  // sql.Rows: leaving `for v.Next() {}` by its condition
};

// A statement that acquires a resource into a local variable.
struct Acquisition {
  int file = 0;
  const ast::CallExpr* call = nullptr;  // the acquiring call (where findings point)
  const ast::Node* stmt = nullptr;      // the statement located in the CFG
  const ast::Ident* var = nullptr;      // the variable (nullptr when not a plain identifier)
  const ast::Ident* err = nullptr;      // the error result's variable, if any
  const ast::Node* func = nullptr;      // the enclosing FuncDecl or FuncLit
  const ast::BlockStmt* body = nullptr;
};

struct FlowResult {
  enum class Kind : uint8_t {
    kReleased,     // every path releases or hands it off
    kLeaks,        // a path reaches a return (at) or the end of the function (at == nullptr)
    kOverwritten,  // a path comes back to an acquisition into the same variable (at: that stmt)
    kUntracked,    // not a local variable of this function: someone else owns it
  };
  Kind kind = Kind::kReleased;
  const ast::Node* at = nullptr;
  go::Pos pos = go::kNoPos;  // the return, the closing brace, or the overwriting statement
  // `x.f = v` hand-offs seen on the way (lost-cancel checks that someone calls x.f).
  std::vector<const ast::SelectorExpr*> stored_fields;
};

// Statement shapes that bind call results: `a, b := call`, `a, b = call`, `var a, b = call`,
// and `call` alone (lhs empty). f(stmt, call, lhs).
template <typename F>
void for_each_binding(const ast::BlockStmt* body, F&& f);

// Every binding statement (for_each_binding) of every function of the package, found once and
// shared by the resource rules (Pass::shared).
class BindingIndex {
 public:
  struct Site {
    const FuncEntry* fn;
    const ast::Node* stmt;
    const ast::CallExpr* call;
    uint32_t lhs_begin;  // into lhs_
    uint32_t lhs_count;
  };
  explicit BindingIndex(const Pass& pass);
  [[nodiscard]] const std::vector<Site>& file(int i) const {
    return files_[static_cast<size_t>(i)];
  }
  [[nodiscard]] std::vector<const ast::Expr*> lhs(const Site& s) const {
    return {lhs_.begin() + s.lhs_begin, lhs_.begin() + s.lhs_begin + s.lhs_count};
  }

 private:
  std::vector<std::vector<Site>> files_;
  std::vector<const ast::Expr*> lhs_;
};

class ResourceFlow {
 public:
  explicit ResourceFlow(Pass& pass);
  ~ResourceFlow() = default;
  ResourceFlow(const ResourceFlow&) = delete;
  ResourceFlow& operator=(const ResourceFlow&) = delete;

  ResourceFacts& facts();
  [[nodiscard]] const PackageInfo& info() const { return pass_.info(); }

  // same_kind(call) tells whether another call acquires the same kind of resource (for the
  // overwrite check).
  FlowResult track(const Acquisition& acq, const ResourceSpec& spec,
                   const std::function<bool(const ast::CallExpr*)>& same_kind);

  // "the return at line 42" / "the end of fetch" for messages, and the matching related entry.
  std::string path_text(const Acquisition& acq, const FlowResult& r, std::string_view fn) const;
  RelatedLocation path_related(const Acquisition& acq, const FlowResult& r) const;

  // True when fd is main.main (go vet's lostcancel skips it).
  bool is_main_main(int file, const ast::Node* func) const;

 private:
  FlowResult search(const Acquisition& acq, const ResourceSpec& spec,
                    const std::function<bool(const ast::CallExpr*)>& same_kind);
  Pass& pass_;
};

// Effect of one statement or expression on a variable, used by the path search and by the
// parameter summaries. Function literals inside n are entered.
struct UseEffect {
  bool release = false;
  bool handoff = false;
  std::vector<const ast::SelectorExpr*> stored_fields;
};
UseEffect use_effect(const PackageInfo& info, ResourceFacts* facts, const ast::Node* n,
                     const Object* var, const ResourceSpec& spec);

// True when e is the identifier `_`.
bool is_blank(const ast::Expr* e);

// Where the resource and the error sit among a call's results, or res = -1: not acquiring.
struct Pick {
  int res = -1;
  int err = -1;
};

// One acquiring statement found in a function.
struct Candidate {
  Acquisition acq;
  std::vector<const ast::Expr*> lhs;  // empty: the call is an expression statement
  Pick pick;
  std::string fn;  // the enclosing function's name for messages
  [[nodiscard]] const ast::Expr* slot() const {
    return pick.res >= 0 && static_cast<size_t>(pick.res) < lhs.size()
               ? lhs[static_cast<size_t>(pick.res)]
               : nullptr;
  }
  // The result is dropped: an expression statement or `_` in the resource's slot.
  [[nodiscard]] bool discarded() const { return lhs.empty() || is_blank(slot()); }
};

// Calls found(candidate) for every statement of every function (function literals included, each
// on its own) of every file the rule applies to where pick(file, call, lhs count) accepts.
// imports: the file must import one of these paths to be looked at (empty: every file).
void for_each_candidate(Pass& pass, const std::vector<std::string_view>& imports,
                        const std::function<Pick(int, const ast::CallExpr*, size_t)>& pick,
                        const std::function<void(const Candidate&)>& found);

// The shared check of the closer rules (body, rows, statements, files, connections): reports a
// dropped result, a leaking path or an overwrite at the acquiring call. what: "the body of the
// response from c.Do(req)"; fix: "defer resp.Body.Close() after the error check".
void check_closer(Pass& pass, ResourceFlow& flow, const Candidate& c, const ResourceSpec& spec,
                  const std::function<bool(const ast::CallExpr*)>& same_kind,
                  const std::string& what, const std::string& fix);

// ---- template definitions

template <typename F>
void for_each_binding(const ast::BlockStmt* body, F&& f) {
  if (body == nullptr) return;
  std::vector<const ast::Node*> stack(body->list.begin(), body->list.end());
  auto visit = [&](const ast::Node* n) {
    if (const auto* as = ast::dyn_cast<ast::AssignStmt>(n)) {
      if (as->rhs.size() == 1) {
        if (const auto* c = ast::dyn_cast<ast::CallExpr>(as->rhs[0])) {
          std::vector<const ast::Expr*> lhs(as->lhs.begin(), as->lhs.end());
          f(n, c, lhs);
        }
      }
    } else if (const auto* ds = ast::dyn_cast<ast::DeclStmt>(n)) {
      const auto* gd = ast::dyn_cast<ast::GenDecl>(ds->decl);
      if (gd != nullptr && gd->specs.size() == 1) {
        const auto* vs = ast::dyn_cast<ast::ValueSpec>(gd->specs[0]);
        if (vs != nullptr && vs->values.size() == 1) {
          if (const auto* c = ast::dyn_cast<ast::CallExpr>(vs->values[0])) {
            std::vector<const ast::Expr*> lhs(vs->names.begin(), vs->names.end());
            f(n, c, lhs);
          }
        }
      }
    } else if (const auto* es = ast::dyn_cast<ast::ExprStmt>(n)) {
      if (const auto* c = ast::dyn_cast<ast::CallExpr>(es->x)) f(n, c, {});
    }
  };
  // Statements only: nested blocks of compound statements, never function literals.
  while (!stack.empty()) {
    const ast::Node* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    visit(n);
    switch (n->kind) {
      case ast::Kind::BlockStmt: {
        const auto* b = static_cast<const ast::BlockStmt*>(n);
        stack.insert(stack.end(), b->list.begin(), b->list.end());
        break;
      }
      case ast::Kind::IfStmt: {
        const auto* s = static_cast<const ast::IfStmt*>(n);
        stack.push_back(s->init);
        stack.push_back(s->body);
        stack.push_back(s->else_);
        break;
      }
      case ast::Kind::ForStmt: {
        const auto* s = static_cast<const ast::ForStmt*>(n);
        stack.push_back(s->init);
        stack.push_back(s->body);
        break;
      }
      case ast::Kind::RangeStmt:
        stack.push_back(static_cast<const ast::RangeStmt*>(n)->body);
        break;
      case ast::Kind::SwitchStmt: {
        const auto* s = static_cast<const ast::SwitchStmt*>(n);
        stack.push_back(s->init);
        stack.push_back(s->body);
        break;
      }
      case ast::Kind::TypeSwitchStmt: {
        const auto* s = static_cast<const ast::TypeSwitchStmt*>(n);
        stack.push_back(s->init);
        stack.push_back(s->body);
        break;
      }
      case ast::Kind::SelectStmt:
        stack.push_back(static_cast<const ast::SelectStmt*>(n)->body);
        break;
      case ast::Kind::CaseClause: {
        const auto* s = static_cast<const ast::CaseClause*>(n);
        stack.insert(stack.end(), s->body.begin(), s->body.end());
        break;
      }
      case ast::Kind::CommClause: {
        const auto* s = static_cast<const ast::CommClause*>(n);
        stack.push_back(s->comm);
        stack.insert(stack.end(), s->body.begin(), s->body.end());
        break;
      }
      case ast::Kind::LabeledStmt:
        stack.push_back(static_cast<const ast::LabeledStmt*>(n)->stmt);
        break;
      default:
        break;
    }
  }
}

}  // namespace oomguard::lint::rules
