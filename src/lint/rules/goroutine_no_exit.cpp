#include "lint/rules/goroutine_no_exit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "lint/rules/common/chan_facts.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

using BK = CfgBlock::Kind;

// Names people give channels whose receive ends a loop.
bool done_like(std::string_view name) {
  std::string lower;
  lower.reserve(name.size());
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view w : {"done", "quit", "stop", "clos", "exit", "shutdown", "cancel", "kill",
                             "term", "abort", "finish", "dying", "halt"}) {
    if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

// A channel that is never closed and never stops delivering: time.Tick(d), t.C of a ticker
// (any `.C` selector: tickers and timers, whose channels are never closed).
bool ticker_chan(const PackageInfo& info, const ast::Expr* x) {
  x = unparen(x);
  if (const auto* call = ast::dyn_cast<ast::CallExpr>(x)) {
    return info.is_qualified(call->fun, "time", "Tick");
  }
  const auto* sel = ast::dyn_cast<ast::SelectorExpr>(x);
  return sel != nullptr && sel->sel->name == "C";
}

// True when a receive from x can end the goroutine's loop: ctx.Done(), a done-like name, or a
// channel some code of the package closes.
bool exit_channel(PackageFacts& facts, const ast::Expr* x) {
  x = unparen(x);
  if (const auto* call = ast::dyn_cast<ast::CallExpr>(x)) {
    std::string_view name = callee_name(call);
    return call->args.empty() && (name == "Done" || done_like(name));
  }
  std::string_view name;
  if (const auto* id = ast::dyn_cast<ast::Ident>(x)) name = id->name;
  if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(x)) name = sel->sel->name;
  if (const auto* ix = ast::dyn_cast<ast::IndexExpr>(x)) return exit_channel(facts, ix->x);
  if (name.empty()) return false;
  if (done_like(name)) return true;
  return facts.closed_anywhere(chan_key(facts.info(), x));
}

// The loop statement that never ends, when the function can neither return nor stop through a
// no-return call (panic, os.Exit, runtime.Goexit); nullptr otherwise.
const ast::Node* endless_loop(const PackageInfo& info, const Cfg& cfg) {
  std::vector<const CfgBlock*> work{cfg.entry()};
  std::unordered_set<const CfgBlock*> seen{cfg.entry()};
  const ast::Node* loop = nullptr;
  while (!work.empty()) {
    const CfgBlock* b = work.back();
    work.pop_back();
    if (b->succs.empty() && b->exit != CfgBlock::Exit::kNone) return nullptr;
    if ((b->kind == BK::kForBody || b->kind == BK::kRangeBody) && loop == nullptr) loop = b->stmt;
    for (const CfgBlock* s : b->succs) {
      // Ranging over a ticker's channel never ends.
      if (s->kind == BK::kRangeDone && b->kind == BK::kRangeHead) {
        const auto* rs = ast::dyn_cast<ast::RangeStmt>(s->stmt);
        if (rs != nullptr && ticker_chan(info, rs->x)) continue;
      }
      if (seen.insert(s).second) work.push_back(s);
    }
  }
  return loop;
}

bool has_exit_receive(PackageFacts& facts, const ast::BlockStmt* body) {
  bool found = false;
  walk_body(body, [&](const ast::Node* n, const std::vector<const ast::Node*>&) {
    if (found) return;
    if (const auto* ue = ast::dyn_cast<ast::UnaryExpr>(n); ue && ue->op == go::Tok::ARROW) {
      found = exit_channel(facts, ue->x);
    } else if (const auto* rs = ast::dyn_cast<ast::RangeStmt>(n)) {
      found = !ticker_chan(facts.info(), rs->x) && exit_channel(facts, rs->x);
    }
  });
  return found;
}

struct GoSite {
  const ast::GoStmt* go;
  bool daemon;  // directly in main() of package main or in init()
};

// Go statements under n; those directly in a daemon function's body (not in its literals), or
// in a literal run by once.Do, start process-lifetime goroutines by design.
void collect_go(const ast::Node* n, int lits, bool daemon_fn, bool once, std::vector<GoSite>* out) {
  if (const auto* g = ast::dyn_cast<ast::GoStmt>(n)) {
    out->push_back({g, once || (daemon_fn && lits == 0)});
  }
  if (n->kind == ast::Kind::FuncLit) ++lits;
  const auto* call = ast::dyn_cast<ast::CallExpr>(n);
  bool do_call = call != nullptr && callee_name(call) == "Do";
  ast::for_each_child(const_cast<ast::Node*>(n), [&](ast::Node* c) {
    bool lit_arg = do_call && c->kind == ast::Kind::FuncLit && c != call->fun;
    collect_go(c, lits, daemon_fn, once || lit_arg, out);
  });
}

// A function that starts its goroutine at most once per process: it tests a package-level
// variable in a condition and also writes it (`if started { return }; started = true`,
// `if atomic.Cas(&status, 0, 1)`, `for workers < max { ...; workers++ }`).
bool singleton_start(const PackageInfo& info, const ast::BlockStmt* body) {
  std::unordered_set<const Object*> read;
  std::unordered_set<const Object*> written;
  auto globals = [&](const ast::Node* n, std::unordered_set<const Object*>* into) {
    if (n == nullptr) return;
    ast::inspect(const_cast<ast::Node*>(n), [&](ast::Node* c) {
      if (c == nullptr || c->kind == ast::Kind::FuncLit) return false;
      if (const auto* id = ast::dyn_cast<ast::Ident>(c)) {
        const Object* o = info.object_of(id);
        if (o != nullptr && o->kind == Object::Kind::kVar && o->package_level) into->insert(o);
      }
      return true;
    });
  };
  auto root = [](const ast::Expr* e) -> const ast::Expr* {
    for (;;) {
      e = unparen(e);
      if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(e)) {
        e = sel->x;
      } else if (const auto* ix = ast::dyn_cast<ast::IndexExpr>(e)) {
        e = ix->x;
      } else {
        return e;
      }
    }
  };
  walk_body(body, [&](const ast::Node* n, const std::vector<const ast::Node*>&) {
    if (const auto* is = ast::dyn_cast<ast::IfStmt>(n)) globals(is->cond, &read);
    if (const auto* fs = ast::dyn_cast<ast::ForStmt>(n)) globals(fs->cond, &read);
    if (const auto* as = ast::dyn_cast<ast::AssignStmt>(n)) {
      for (const ast::Node* l : as->lhs) globals(root(l), &written);
    }
    if (const auto* ids = ast::dyn_cast<ast::IncDecStmt>(n)) globals(root(ids->x), &written);
    if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(n); u != nullptr && u->op == go::Tok::AND) {
      globals(root(u->x), &written);
    }
  });
  for (const Object* o : read) {
    if (written.count(o) != 0) return true;
  }
  return false;
}

}  // namespace

const RuleInfo& GoroutineNoExitRule::info() const {
  static const RuleInfo kInfo{
      "goroutine-no-exit",
      "goroutine running an endless loop with no return, break, done channel or ctx.Done() case",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void GoroutineNoExitRule::run(Pass& pass) const {
  PackageFacts& facts = pass.shared<PackageFacts>();
  const PackageInfo& info = pass.info();
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    const ast::File* f = pass.files()[static_cast<size_t>(file)].parsed->file;
    bool main_pkg = f->name != nullptr && f->name->name == "main";
    for (const FuncEntry& e : pass.shared<FunctionIndex>().file(file)) {
      const auto* fd = ast::dyn_cast<ast::FuncDecl>(e.scope.func);
      if (fd == nullptr || (e.deep_kinds & kind_bit(ast::Kind::GoStmt)) == 0) continue;
      bool top = fd->recv == nullptr && fd->name != nullptr;
      bool daemon_fn = top && (fd->name->name == "init" || (main_pkg && fd->name->name == "main"));
      std::vector<GoSite> sites;
      collect_go(fd->body, 0, daemon_fn, false, &sites);
      bool singleton = false;
      bool singleton_known = false;
      for (const GoSite& site : sites) {
        if (site.daemon) continue;
        const ast::CallExpr* call = site.go->call;
        const ast::Node* fn = nullptr;
        if (call->fun != nullptr && unparen(call->fun)->kind == ast::Kind::FuncLit) {
          fn = unparen(call->fun);
        } else {
          fn = facts.callee(call);
        }
        const ast::BlockStmt* body = PackageFacts::body_of(fn);
        if (body == nullptr) continue;
        const ast::Node* loop = endless_loop(info, pass.cfg(body));
        if (loop == nullptr || has_exit_receive(facts, body)) continue;
        if (!singleton_known) {
          singleton = singleton_start(info, fd->body);
          singleton_known = true;
        }
        if (singleton) continue;
        std::string where = func_decl_name(fd);
        std::string what = fn->kind == ast::Kind::FuncLit
                               ? std::string("goroutine")
                               : fmt::format("goroutine {}", node_text(pass, file, call->fun, 40));
        std::vector<RelatedLocation> related;
        if (int lf = info.file_of(loop); lf >= 0) {
          related.push_back(pass.related(lf, ast::node_pos(loop), "the loop that never ends"));
        }
        pass.report(file, site.go,
                    fmt::format("{} started by {} loops forever with no way to stop it: no "
                                "return or break, no ctx.Done() or done-channel case",
                                what, where),
                    "give the loop a way out: a `case <-ctx.Done(): return`, or a done channel "
                    "that a Close/Stop method closes",
                    std::move(related));
      }
    }
  }
}

}  // namespace oomguard::lint::rules
