#include "lint/rules/go_in_loop_unbounded.h"

#include <fmt/format.h>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lint/rules/loop_facts.h"
#include "lint/rules/util.h"

namespace oomguard::lint::rules {
namespace {

constexpr std::string_view kErrgroup = "golang.org/x/sync/errgroup";

// runtime.NumCPU() and runtime.GOMAXPROCS(n) size fixed pools.
bool is_cpu_count(const PackageInfo& info, const ast::Expr* e) {
  const auto* c = ast::dyn_cast<ast::CallExpr>(unparen(e));
  return c != nullptr && (info.is_qualified(c->fun, "runtime", "NumCPU") ||
                          info.is_qualified(c->fun, "runtime", "GOMAXPROCS"));
}

bool is_builtin(const PackageInfo& info, const ast::Expr* fun, std::string_view name) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(fun));
  if (id == nullptr || id->name != name) return false;
  const Object* o = info.object_of(id);
  return o != nullptr && o->kind == Object::Kind::kBuiltin;
}

// A count that does not come from data: a constant, the CPU count, the length of a composite
// literal, or a local variable initialised with one of those.
bool fixed_count(const PackageInfo& info, const ast::Expr* e, int depth = 0) {
  e = unparen(e);
  if (e == nullptr || depth > 4) return false;
  if (const_int(info, e)) return true;
  if (is_cpu_count(info, e)) return true;
  if (const auto* c = ast::dyn_cast<ast::CallExpr>(e)) {
    if (is_builtin(info, c->fun, "len") && c->args.size() == 1) {
      const ast::Expr* a = unparen(c->args[0]);
      if (ast::isa<ast::CompositeLit>(a)) return true;
      if (const auto* lit = ast::dyn_cast<ast::BasicLit>(a)) return lit->tok == go::Tok::STRING;
    }
    // min/max-like wrappers are not known without types.
    return false;
  }
  if (const auto* b = ast::dyn_cast<ast::BinaryExpr>(e)) {  // runtime.NumCPU() * 2
    return fixed_count(info, b->x, depth + 1) && fixed_count(info, b->y, depth + 1);
  }
  if (const auto* id = ast::dyn_cast<ast::Ident>(e)) {
    const Object* o = info.object_of(id);
    if (o == nullptr || o->kind != Object::Kind::kVar || o->package_level || o->param) return false;
    if (const auto* as = ast::dyn_cast<ast::AssignStmt>(o->decl)) {
      if (as->lhs.size() == as->rhs.size()) {
        for (uint32_t i = 0; i < as->lhs.size(); ++i) {
          if (as->lhs[i] == o->ident) return fixed_count(info, as->rhs[i], depth + 1);
        }
      }
    }
    if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(o->decl)) {
      if (vs->values.size() == vs->names.size()) {
        for (uint32_t i = 0; i < vs->names.size(); ++i) {
          if (vs->names[i] == o->ident) return fixed_count(info, vs->values[i], depth + 1);
        }
      }
    }
  }
  return false;
}

// Why a loop's trip count comes from data ("" when it is fixed).
std::string data_driven(const Pass& pass, int file, const ast::Node* loop) {
  const PackageInfo& info = pass.info();
  if (const auto* r = ast::dyn_cast<ast::RangeStmt>(loop)) {
    const ast::Expr* x = unparen(r->x);
    if (ast::isa<ast::CompositeLit>(x)) return "";
    if (const auto* lit = ast::dyn_cast<ast::BasicLit>(x); lit != nullptr) return "";
    if (fixed_count(info, x)) return "";  // range over an integer (Go 1.22)
    return fmt::format("one per element of {}", node_text(pass, file, x, 40));
  }
  const auto* f = static_cast<const ast::ForStmt*>(loop);
  if (f->cond == nullptr) return "one per turn of an endless loop";
  // The counter: `i` of `for i := a; i < b; i++`.
  const Object* counter = nullptr;
  const ast::Expr* init_value = nullptr;
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(f->init);
      as != nullptr && as->lhs.size() == 1 && as->rhs.size() == 1) {
    if (const auto* id = ast::dyn_cast<ast::Ident>(as->lhs[0])) {
      counter = info.object_of(id);
      init_value = as->rhs[0];
    }
  }
  const auto* cond = ast::dyn_cast<ast::BinaryExpr>(unparen(f->cond));
  bool relational = cond != nullptr && (cond->op == go::Tok::LSS || cond->op == go::Tok::LEQ ||
                                        cond->op == go::Tok::GTR || cond->op == go::Tok::GEQ ||
                                        cond->op == go::Tok::NEQ);
  if (relational && counter != nullptr) {
    auto is_counter = [&](const ast::Expr* e) {
      const auto* id = ast::dyn_cast<ast::Ident>(unparen(e));
      return id != nullptr && info.object_of(id) == counter;
    };
    const ast::Expr* bound = is_counter(cond->x)   ? cond->y
                             : is_counter(cond->y) ? cond->x
                                                   : nullptr;
    if (bound != nullptr) {
      if (fixed_count(info, bound) && fixed_count(info, init_value)) return "";
      const ast::Expr* data = fixed_count(info, bound) ? init_value : bound;
      return fmt::format("one per iteration up to {}", node_text(pass, file, data, 40));
    }
  }
  return fmt::format("one per iteration while {}", node_text(pass, file, f->cond, 40));
}

// The errgroup.Group object of `g.Go(...)`, or nullptr.
const Object* errgroup_of(const PackageInfo& info, const ast::CallExpr* call) {
  const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->fun));
  if (sel == nullptr || sel->sel->name != "Go") return nullptr;
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(sel->x));
  if (id == nullptr) return nullptr;
  const Object* o = info.object_of(id);
  if (o == nullptr || o->kind != Object::Kind::kVar || o->decl == nullptr) return nullptr;
  bool found = false;
  ast::inspect(const_cast<ast::Node*>(o->decl), [&](ast::Node* n) {
    if (n == nullptr || found) return false;
    if (n->kind == ast::Kind::FuncLit) return false;
    if (info.is_qualified(n, kErrgroup, "Group") || info.is_qualified(n, kErrgroup, "WithContext"))
      found = true;
    return !found;
  });
  return found ? o : nullptr;
}

// True when the loop's body calls Accept (net.Listener and friends): an accept loop.
bool accept_loop(const ast::Node* loop) {
  const ast::Node* body =
      loop->kind == ast::Kind::ForStmt
          ? static_cast<const ast::Node*>(static_cast<const ast::ForStmt*>(loop)->body)
          : static_cast<const ast::RangeStmt*>(loop)->body;
  bool accept = false;
  walk_body(body, [&](const ast::Node* n, const std::vector<const ast::Node*>&) {
    if (const auto* c = ast::dyn_cast<ast::CallExpr>(n)) {
      std::string_view name = callee_name(c);
      if (name == "Accept" || name == "AcceptTCP" || name == "AcceptUnix") accept = true;
    }
  });
  return accept;
}

}  // namespace

const RuleInfo& GoInLoopUnboundedRule::info() const {
  static const RuleInfo kInfo{
      "go-in-loop-unbounded",
      "goroutine started per element of data in a loop with no semaphore, SetLimit or fixed "
      "pool bound",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void GoInLoopUnboundedRule::run(Pass& pass) {
  const PackageInfo& info = pass.info();
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    bool errgroup = info.imports(file, kErrgroup);
    for_each_function(pass, file, [&](const FuncScope& scope, const ast::BlockStmt* body) {
      (void)scope;
      std::unordered_map<const ast::Node*, bool> accepts;
      std::unordered_set<const Object*> limited;  // errgroups with SetLimit in this function
      if (errgroup) {
        walk_body(body, [&](const ast::Node* n, const std::vector<const ast::Node*>&) {
          const auto* c = ast::dyn_cast<ast::CallExpr>(n);
          const auto* sel =
              c != nullptr ? ast::dyn_cast<ast::SelectorExpr>(unparen(c->fun)) : nullptr;
          if (sel == nullptr || sel->sel->name != "SetLimit") return;
          if (const auto* id = ast::dyn_cast<ast::Ident>(unparen(sel->x))) {
            if (const Object* o = info.object_of(id)) limited.insert(o);
          }
        });
      }
      walk_with_stack(body, [&](const ast::Node* n, const std::vector<const ast::Node*>& anc) {
        const ast::CallExpr* call = nullptr;
        bool group = false;
        if (const auto* g = ast::dyn_cast<ast::GoStmt>(n)) {
          call = g->call;
        } else if (const auto* es = ast::dyn_cast<ast::ExprStmt>(n); es != nullptr && errgroup) {
          const auto* c = ast::dyn_cast<ast::CallExpr>(unparen(es->x));
          const Object* grp = c != nullptr ? errgroup_of(info, c) : nullptr;
          if (grp == nullptr || limited.count(grp) != 0) return;
          if (grp->param) return;  // the caller may have limited it
          call = c;
          group = true;
        }
        if (call == nullptr) return;
        std::vector<const ast::Node*> loops = loops_of(anc, n);
        if (loops.empty()) return;
        std::string why;
        const ast::Node* culprit = nullptr;
        for (const ast::Node* loop : loops) {
          auto it = accepts.find(loop);
          if (it == accepts.end()) it = accepts.emplace(loop, accept_loop(loop)).first;
          if (it->second) return;  // accept loops: one goroutine per connection is the norm
          if (acquires_before(info, anc, n, loop) || waits_after(info, anc, n, loop)) return;
          if (culprit == nullptr) {
            std::string w = data_driven(pass, file, loop);
            if (!w.empty()) {
              why = std::move(w);
              culprit = loop;
            }
          }
        }
        if (culprit == nullptr) return;
        if (!node_repeats(pass.cfg(body), anc, n)) return;  // leaves the loop after starting it
        std::string text = group ? node_text(pass, file, call->fun) + "(...)"
                                 : "go " + node_text(pass, file, call, 40);
        std::string msg = fmt::format(
            "{} starts goroutines {}, with no bound on how many run at once", text, why);
        std::string fix =
            group ? "call SetLimit(n) on the group before the loop"
                  : "bound the fan-out: acquire a buffered-channel semaphore before the go "
                    "statement, use errgroup with SetLimit, or feed a fixed pool of workers";
        pass.report(file, n, std::move(msg), std::move(fix),
                    {pass.related(file, ast::node_pos(culprit), "the loop")});
      });
    });
  }
}

}  // namespace oomguard::lint::rules
