#include "lint/rules/go_in_loop_unbounded.h"

#include <fmt/format.h>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lint/rules/common/loop_facts.h"
#include "lint/rules/common/util.h"

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

const ast::Expr* init_value(const Object* o);

// A count that does not come from data: a constant, the CPU count, the length of a composite
// literal, the capacity of a local channel made with such a count, or a local variable
// initialised with one of those.
bool fixed_count(const PackageInfo& info, const ast::Expr* e, int depth = 0) {
  e = unparen(e);
  if (e == nullptr || depth > 4) return false;
  if (const_int(info, e)) return true;
  if (is_cpu_count(info, e)) return true;
  if (const auto* c = ast::dyn_cast<ast::CallExpr>(e)) {
    if (const auto* conv = ast::dyn_cast<ast::Ident>(unparen(c->fun));
        conv != nullptr && c->args.size() == 1) {  // int64(runtime.GOMAXPROCS(0))
      const Object* o = info.object_of(conv);
      if (o != nullptr && o->kind == Object::Kind::kType && o->decl == nullptr)
        return fixed_count(info, c->args[0], depth + 1);
    }
    if (is_builtin(info, c->fun, "len") && c->args.size() == 1) {
      const ast::Expr* a = unparen(c->args[0]);
      if (ast::isa<ast::CompositeLit>(a)) return true;
      if (const auto* lit = ast::dyn_cast<ast::BasicLit>(a)) return lit->tok == go::Tok::STRING;
    }
    // cap(ch) of a local channel made with a fixed capacity: a channel's capacity never changes.
    if (is_builtin(info, c->fun, "cap") && c->args.size() == 1) {
      const auto* id = ast::dyn_cast<ast::Ident>(unparen(c->args[0]));
      const Object* o = id != nullptr ? info.object_of(id) : nullptr;
      if (o == nullptr || o->kind != Object::Kind::kVar || o->package_level || o->param)
        return false;
      const auto* mk = ast::dyn_cast<ast::CallExpr>(unparen(init_value(o)));
      return mk != nullptr && is_builtin(info, mk->fun, "make") && mk->args.size() == 2 &&
             ast::isa<ast::ChanType>(unparen(mk->args[0])) &&
             fixed_count(info, mk->args[1], depth + 1);
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

// The initial value of a variable from its declaration (`x := v`, `var x = v`), or nullptr.
const ast::Expr* init_value(const Object* o) {
  if (o == nullptr || o->decl == nullptr || o->ident == nullptr) return nullptr;
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(o->decl)) {
    if (as->lhs.size() != as->rhs.size()) return nullptr;
    for (uint32_t i = 0; i < as->lhs.size(); ++i) {
      if (as->lhs[i] == o->ident) return as->rhs[i];
    }
  }
  if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(o->decl)) {
    if (vs->values.size() != vs->names.size()) return nullptr;
    for (uint32_t i = 0; i < vs->names.size(); ++i) {
      if (vs->names[i] == o->ident) return vs->values[i];
    }
  }
  return nullptr;
}

// A table written in the source: a variable initialised with a composite literal (test tables,
// package-level lists). Later appends are not looked for.
bool table_var(const PackageInfo& info, const ast::Expr* x) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(x));
  if (id == nullptr) return false;
  const Object* o = info.object_of(id);
  if (o == nullptr || o->kind != Object::Kind::kVar || o->param) return false;
  const ast::Expr* v = unparen(init_value(o));
  if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(v); u != nullptr && u->op == go::Tok::AND)
    v = unparen(u->x);
  return ast::isa<ast::CompositeLit>(v);
}

// True when the goroutine's function is a long-running worker: its body (a function literal,
// or a function or method of this package called by name) loops receiving from a channel,
// ranging or selecting. A loop starting workers builds a pool, whatever its count.
bool loops_receiving(const ast::Node* body) {
  bool found = false;
  ast::inspect(const_cast<ast::Node*>(body), [&](ast::Node* n) {
    if (n == nullptr || found) return false;
    if (n->kind == ast::Kind::ForStmt || n->kind == ast::Kind::RangeStmt) {
      if (n->kind == ast::Kind::RangeStmt) {
        found = true;
        return false;
      }
      ast::inspect(n, [&](ast::Node* m) {
        if (m == nullptr || found) return false;
        if (m->kind == ast::Kind::SelectStmt) found = true;
        if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(m);
            u != nullptr && u->op == go::Tok::ARROW)
          found = true;
        return !found;
      });
    }
    return !found;
  });
  return found;
}

bool is_worker(const PackageInfo& info, const ast::CallExpr* call,
               const std::unordered_map<std::string_view, const ast::FuncDecl*>& methods) {
  const ast::Expr* fun = unparen(call->fun);
  if (const auto* lit = ast::dyn_cast<ast::FuncLit>(fun)) return loops_receiving(lit->body);
  const ast::FuncDecl* fd = nullptr;
  if (const auto* id = ast::dyn_cast<ast::Ident>(fun)) {
    const Object* o = info.object_of(id);
    if (o != nullptr && o->kind == Object::Kind::kFunc) fd = ast::dyn_cast<ast::FuncDecl>(o->decl);
  } else if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(fun)) {
    auto it = methods.find(sel->sel->name);
    if (it != methods.end()) fd = it->second;
  }
  return fd != nullptr && fd->body != nullptr && loops_receiving(fd->body);
}

// len(x) or cap(x), possibly in arithmetic (len(xs)-1).
bool is_length(const PackageInfo& info, const ast::Expr* e) {
  bool found = false;
  ast::inspect(const_cast<ast::Expr*>(e), [&](ast::Node* n) {
    if (n == nullptr || found) return false;
    if (const auto* c = ast::dyn_cast<ast::CallExpr>(n)) {
      if (is_builtin(info, c->fun, "len") || is_builtin(info, c->fun, "cap")) found = true;
      return false;
    }
    return true;
  });
  return found;
}

// Why a loop's trip count comes from data ("" when it is fixed).
std::string data_driven(const Pass& pass, int file, const ast::Node* loop, bool all_bounds) {
  const PackageInfo& info = pass.info();
  if (const auto* r = ast::dyn_cast<ast::RangeStmt>(loop)) {
    const ast::Expr* x = unparen(r->x);
    if (ast::isa<ast::CompositeLit>(x)) return "";
    if (const auto* lit = ast::dyn_cast<ast::BasicLit>(x); lit != nullptr) return "";
    if (fixed_count(info, x)) return "";  // range over an integer (Go 1.22)
    if (table_var(info, x)) return "";
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
      // By default only a count taken from a collection's length is data; a variable count
      // (`i < workers`, `i < b.N`, `i < *n`) is taken as a chosen concurrency.
      if (!all_bounds && !is_length(info, data)) return "";
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

void GoInLoopUnboundedRule::run(Pass& pass) const {
  const PackageInfo& info = pass.info();
  const bool all_bounds = pass.setting("bounds", "len") == "all";
  // Methods of the package by name (the first one of each name), to look into `go s.worker()`.
  std::unordered_map<std::string_view, const ast::FuncDecl*> methods;
  for (const FileCtx& fc : pass.files()) {
    for (const ast::Node* d : fc.parsed->file->decls) {
      const auto* fd = ast::dyn_cast<ast::FuncDecl>(d);
      if (fd != nullptr && fd->recv != nullptr) methods.emplace(fd->name->name, fd);
    }
  }
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    bool errgroup = info.imports(file, kErrgroup);
    // Goroutines come from go statements, or from errgroup's Go calls in files importing it.
    FuncNeeds needs{0, kind_bit(errgroup ? ast::Kind::CallExpr : ast::Kind::GoStmt)};
    for_each_function(pass, file, needs, [&](const FuncScope& scope, const ast::BlockStmt* body) {
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
            std::string w = data_driven(pass, file, loop, all_bounds);
            const auto* fs = ast::dyn_cast<ast::ForStmt>(loop);
            if (!w.empty() && fs != nullptr && fs->cond != nullptr &&
                is_worker(info, call, methods))
              w.clear();  // a pool of workers sized by a variable (for i := 0; i < n; i++)
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
