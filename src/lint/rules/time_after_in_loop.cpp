#include "lint/rules/time_after_in_loop.h"

#include <fmt/format.h>

#include <unordered_set>
#include <vector>

#include "lint/cfg.h"
#include "lint/rules/common/loop_facts.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

// Go 1.23 made unreferenced, unstopped timers collectable (when the main module says go 1.23).
constexpr int kCollectableTimersMinor = 23;
// A loop of at most this many turns (a constant count) is not a pile-up.
constexpr int64_t kSmallLoop = 16;

// The channel a select comm receives from (`<-ch`, `v := <-ch`, `v, ok = <-ch`), or nullptr.
const ast::Expr* received(const ast::Node* comm) {
  const ast::Expr* x = nullptr;
  if (const auto* es = ast::dyn_cast<ast::ExprStmt>(comm)) x = es->x;
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(comm); as != nullptr && as->rhs.size() == 1)
    x = as->rhs[0];
  const auto* u = ast::dyn_cast<ast::UnaryExpr>(unparen(x));
  return u != nullptr && u->op == go::Tok::ARROW ? unparen(u->x) : nullptr;
}

// `case <-time.After(d):` where no other case of the select can come back to the select: the
// loop only turns again after this timer fired, so at most one is pending. An empty default
// clause, or a case the graph does not hold, counts as coming back.
bool only_timer_case_repeats(const Cfg& cfg, const std::vector<const ast::Node*>& anc,
                             const ast::CallExpr* call) {
  for (size_t k = anc.size(); k-- > 2;) {
    const auto* cc = ast::dyn_cast<ast::CommClause>(anc[k]);
    if (cc == nullptr) continue;
    const auto* sel = ast::dyn_cast<ast::SelectStmt>(anc[k - 2]);
    if (sel == nullptr || k + 1 >= anc.size() || cc->comm != anc[k + 1] ||
        received(cc->comm) != call)
      return false;
    std::vector<const CfgBlock*> work;
    std::unordered_set<const CfgBlock*> cases;
    for (const ast::Node* c : sel->body->list) {
      const auto* other = ast::dyn_cast<ast::CommClause>(c);
      if (other == nullptr) continue;
      const ast::Node* first =
          other->comm != nullptr ? other->comm : (other->body.empty() ? nullptr : other->body[0]);
      if (first == nullptr) return false;
      const CfgBlock* b = cfg.locate(first).first;
      if (b == nullptr) return false;
      cases.insert(b);
      if (other != cc) work.insert(work.end(), b->succs.begin(), b->succs.end());
    }
    std::unordered_set<const CfgBlock*> seen;
    while (!work.empty()) {
      const CfgBlock* b = work.back();
      work.pop_back();
      if (cases.count(b) != 0) return false;
      if (!seen.insert(b).second) continue;
      work.insert(work.end(), b->succs.begin(), b->succs.end());
    }
    return true;
  }
  return false;
}

// `ch = time.After(d)` inside the clause `case <-ch:`: the timer is re-armed only after the
// previous one fired (a lease or tick re-armed in its own case), so one is pending at a time.
bool rearmed_in_own_case(const PackageInfo& info, const std::vector<const ast::Node*>& anc,
                         const ast::CallExpr* call) {
  if (anc.empty()) return false;
  const auto* as = ast::dyn_cast<ast::AssignStmt>(anc.back());
  if (as == nullptr || as->lhs.size() != 1 || as->rhs.size() != 1 || unparen(as->rhs[0]) != call)
    return false;
  const auto* target = ast::dyn_cast<ast::Ident>(unparen(as->lhs[0]));
  const Object* obj = target != nullptr ? info.object_of(target) : nullptr;
  if (obj == nullptr) return false;
  for (size_t k = anc.size(); k-- > 0;) {
    if (anc[k]->kind == ast::Kind::FuncLit) return false;
    const auto* cc = ast::dyn_cast<ast::CommClause>(anc[k]);
    if (cc == nullptr) continue;
    const auto* ch = ast::dyn_cast<ast::Ident>(received(cc->comm));
    if (ch != nullptr && info.object_of(ch) == obj) return true;
  }
  return false;
}

}  // namespace

const RuleInfo& TimeAfterInLoopRule::info() const {
  static const RuleInfo kInfo{
      "time-after-in-loop",
      "time.After in a loop creates a timer per iteration that lives until it fires (before Go "
      "1.23)",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void TimeAfterInLoopRule::run(Pass& pass) const {
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    if (!pass.info().imports(file, "time")) continue;
    int minor = pass.files()[static_cast<size_t>(file)].go_minor;
    bool collectable = minor != kUnknownGoMinor && minor >= kCollectableTimersMinor;
    for_each_function_calling(
        pass, file, {"After"}, true, [&](const FuncScope& scope, const ast::BlockStmt* body) {
          walk_with_stack(body, [&](const ast::Node* n, const std::vector<const ast::Node*>& anc) {
            const auto* call = ast::dyn_cast<ast::CallExpr>(n);
            if (call == nullptr || !pass.info().is_qualified(call->fun, "time", "After")) return;
            // `<-time.After(d)` as a statement waits for the timer, which fires before the next
            // iteration: a sleep, not a pile-up.
            if (anc.size() >= 2) {
              const auto* recv = ast::dyn_cast<ast::UnaryExpr>(anc.back());
              const ast::Node* stmt = anc[anc.size() - 2];
              const auto* clause =
                  anc.size() >= 3 ? ast::dyn_cast<ast::CommClause>(anc[anc.size() - 3]) : nullptr;
              bool in_select = clause != nullptr && clause->comm == stmt;
              if (recv != nullptr && recv->op == go::Tok::ARROW && ast::isa<ast::ExprStmt>(stmt) &&
                  !in_select)
                return;
            }
            std::vector<const ast::Node*> loops = loops_of(anc, n);
            if (loops.empty()) return;
            // Loops that run a small constant number of times make at most that many timers.
            int64_t total = 1;
            for (const ast::Node* l : loops) {
              auto trips = const_trip_count(pass.info(), l);
              if (!trips) {
                total = -1;
                break;
              }
              total = *trips > kSmallLoop ? kSmallLoop + 1 : total * *trips;
              if (total > kSmallLoop) break;
            }
            if (total >= 0 && total <= kSmallLoop) return;
            if (!node_repeats(pass.cfg(body), anc, n)) return;  // the loop leaves after one turn
            if (only_timer_case_repeats(pass.cfg(body), anc, call)) return;
            if (rearmed_in_own_case(pass.info(), anc, call)) return;
            std::string text = node_text(pass, file, call);
            std::string msg =
                collectable ? fmt::format(
                                  "{} in a loop in {} allocates a timer per iteration; one "
                                  "time.Timer reused with Reset avoids the churn",
                                  text, scope.name)
                            : fmt::format(
                                  "{} in a loop in {} creates a timer per iteration that stays "
                                  "live until it fires (Go < 1.23 does not collect it earlier)",
                                  text, scope.name);
            std::string fix =
                "create one timer before the loop (t := time.NewTimer(d); defer t.Stop()) and "
                "t.Reset(d) each iteration, selecting on t.C";
            pass.report(file, call, collectable ? Severity::kInfo : Severity::kWarning,
                        std::move(msg), std::move(fix),
                        {pass.related(file, ast::node_pos(loops.back()), "the loop")});
          });
        });
  }
}

}  // namespace oomguard::lint::rules
