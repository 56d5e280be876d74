#include "lint/rules/defer_in_loop.h"

#include <fmt/format.h>

#include "lint/rules/common/loop_facts.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

// The object a receiver expression names (x in x.Close(), resp in resp.Body.Close()).
const ast::Ident* root_ident(const ast::Expr* e) {
  for (;;) {
    e = unparen(e);
    if (const auto* id = ast::dyn_cast<ast::Ident>(e)) return id;
    if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(e)) {
      e = sel->x;
      continue;
    }
    return nullptr;
  }
}

// What the deferred call holds, from the callee's name and where its receiver came from.
std::string held(const Pass& pass, const ast::CallExpr* call) {
  std::string_view name = callee_name(call);
  if (name == "Unlock" || name == "RUnlock") return "holds every lock";
  if (name == "Stop") return "keeps every timer running";
  if (name == "Close") {
    const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->fun));
    const ast::Ident* root = sel != nullptr ? root_ident(sel->x) : nullptr;
    const Object* obj = root != nullptr ? pass.info().object_of(root) : nullptr;
    if (sel != nullptr) {
      if (const auto* inner = ast::dyn_cast<ast::SelectorExpr>(unparen(sel->x));
          inner != nullptr && inner->sel->name == "Body") {
        return "keeps every response body (and its connection) open";
      }
    }
    if (obj != nullptr && obj->decl != nullptr) {
      if (const auto* as = ast::dyn_cast<ast::AssignStmt>(obj->decl);
          as != nullptr && as->rhs.size() == 1) {
        if (const auto* c = ast::dyn_cast<ast::CallExpr>(unparen(as->rhs[0]))) {
          std::string_view p;
          std::string_view n;
          if (pass.info().qualified_name(c->fun, &p, &n)) {
            if (p == "os") return "keeps every file open";
            if (p == "net") return "keeps every connection open";
          }
          std::string_view m = callee_name(c);
          if (m == "Query" || m == "QueryContext")
            return "keeps every result set (and its connection) open";
        }
      }
    }
    return "keeps every closer open";
  }
  if (const auto* id = ast::dyn_cast<ast::Ident>(unparen(call->fun))) {
    const Object* obj = pass.info().object_of(id);
    if (obj != nullptr && obj->decl != nullptr) {
      if (const auto* as = ast::dyn_cast<ast::AssignStmt>(obj->decl);
          as != nullptr && as->rhs.size() == 1) {
        if (const auto* c = ast::dyn_cast<ast::CallExpr>(unparen(as->rhs[0]))) {
          std::string_view p;
          std::string_view n;
          if (pass.info().qualified_name(c->fun, &p, &n) && p == "context") {
            return "keeps every context (and its timer) alive";
          }
        }
      }
    }
  }
  return "piles up one pending call per iteration";
}

// A loop nest of at most this many turns in all (constant counts) holds at most that many
// deferred calls: not a pile-up, and often deliberate (servers started per turn and used after the
// loop). Same bound as time-after-in-loop.
constexpr int64_t kSmallLoop = 16;

bool small_constant_nest(const PackageInfo& info, const std::vector<const ast::Node*>& loops) {
  int64_t total = 1;
  for (const ast::Node* l : loops) {
    auto trips = const_trip_count(info, l);
    if (!trips || *trips > kSmallLoop) return false;
    total *= *trips;
    if (total > kSmallLoop) return false;
  }
  return true;
}

}  // namespace

const RuleInfo& DeferInLoopRule::info() const {
  static const RuleInfo kInfo{
      "defer-in-loop",
      "defer inside a loop runs only when the function returns, holding every iteration's "
      "resource until then",
      Severity::kWarning,
      0,
      0,
      "",
      {"lost-cancel"}};
  return kInfo;
}

void DeferInLoopRule::run(Pass& pass) const {
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    for_each_function(
        pass, file, FuncNeeds{0, kind_bit(ast::Kind::DeferStmt)},
        [&](const FuncScope& scope, const ast::BlockStmt* body) {
          walk_body(body, [&](const ast::Node* n, const std::vector<const ast::Node*>& loops) {
            if (n->kind != ast::Kind::DeferStmt || loops.empty()) return;
            const auto* d = static_cast<const ast::DeferStmt*>(n);
            if (small_constant_nest(pass.info(), loops)) return;
            if (!can_repeat(pass.cfg(body), d)) return;  // every path leaves the loop: runs once
            std::string call = node_text(pass, file, d->call);
            std::string msg = fmt::format("defer {} in a loop {} until {} returns", call,
                                          held(pass, d->call), scope.name);
            std::string fix = fmt::format(
                "call it at the end of each iteration, or move the loop body into a function so "
                "the "
                "defer runs per iteration");
            pass.report(file, d, std::move(msg), std::move(fix),
                        {pass.related(file, ast::node_pos(loops.back()), "the loop")});
          });
        });
  }
}

}  // namespace oomguard::lint::rules
