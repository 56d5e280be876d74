#include "lint/rules/time_after_in_loop.h"

#include <fmt/format.h>

#include "lint/rules/loop_facts.h"
#include "lint/rules/util.h"

namespace oomguard::lint::rules {
namespace {

// Go 1.23 made unreferenced, unstopped timers collectable (when the main module says go 1.23).
constexpr int kCollectableTimersMinor = 23;
// A loop of at most this many turns (a constant count) is not a pile-up.
constexpr int64_t kSmallLoop = 16;

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

void TimeAfterInLoopRule::run(Pass& pass) {
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
