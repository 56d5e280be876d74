#include "lint/rules/ticker_not_stopped.h"

#include <fmt/format.h>

#include "lint/rules/common/resource_flow.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

constexpr int kCollectableTimersMinor = 23;

// A range over a ticker channel (time.Tick(d) or x.C) never ends by itself.
bool endless_range(const PackageInfo& info, const CfgBlock* b) {
  const auto* rs = ast::dyn_cast<ast::RangeStmt>(b->stmt);
  if (b->kind != CfgBlock::Kind::kRangeHead || rs == nullptr) return false;
  const ast::Expr* x = unparen(rs->x);
  if (const auto* id = ast::dyn_cast<ast::Ident>(x)) {  // c := time.Tick(d); for range c
    const Object* obj = info.object_of(id);
    const auto* as = obj != nullptr ? ast::dyn_cast<ast::AssignStmt>(obj->decl) : nullptr;
    if (as != nullptr && as->rhs.size() == 1) x = unparen(as->rhs[0]);
  }
  if (const auto* c = ast::dyn_cast<ast::CallExpr>(x))
    return info.is_qualified(c->fun, "time", "Tick");
  const auto* sel = ast::dyn_cast<ast::SelectorExpr>(x);
  return sel != nullptr && sel->sel->name == "C";
}

// The first return block reachable from the entry when ranges over tickers never end.
const CfgBlock* reachable_return(const PackageInfo& info, const Cfg& cfg) {
  std::vector<uint8_t> seen(cfg.blocks().size(), 0);
  std::vector<const CfgBlock*> work{cfg.entry()};
  seen[0] = 1;
  while (!work.empty()) {
    const CfgBlock* b = work.back();
    work.pop_back();
    if (b->succs.empty() &&
        (b->exit == CfgBlock::Exit::kReturn || b->exit == CfgBlock::Exit::kFallOffEnd)) {
      return b;
    }
    bool endless = endless_range(info, b);
    for (size_t i = 0; i < b->succs.size(); ++i) {
      if (endless && i == 1) continue;
      const CfgBlock* n = b->succs[i];
      if (seen[static_cast<size_t>(n->index)] != 0) continue;
      seen[static_cast<size_t>(n->index)] = 1;
      work.push_back(n);
    }
  }
  return nullptr;
}

}  // namespace

const RuleInfo& TickerNotStoppedRule::info() const {
  static const RuleInfo kInfo{
      "ticker-not-stopped",
      "a time.NewTicker is not stopped on some path, or time.Tick is used in a function that "
      "returns",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void TickerNotStoppedRule::run(Pass& pass) const {
  ResourceFlow flow(pass);
  const PackageInfo& info = pass.info();
  static const ResourceSpec kSpec{{"Stop"}, {}, false, false};
  auto is_new_ticker = [&](const ast::CallExpr* c) {
    return info.is_qualified(c->fun, "time", "NewTicker");
  };
  for_each_candidate(
      pass, {"time"},
      [&](int, const ast::CallExpr* call, size_t) {
        return is_new_ticker(call) ? Pick{0, -1} : Pick{};
      },
      [&](const Candidate& c) {
        const int file = c.acq.file;
        Severity sev = pass.files()[static_cast<size_t>(file)].go_minor >= kCollectableTimersMinor
                           ? Severity::kInfo
                           : Severity::kWarning;
        if (c.discarded()) {
          pass.report(file, c.acq.call, sev,
                      "the ticker of time.NewTicker is discarded and can never be stopped",
                      "keep it and defer t.Stop()");
          return;
        }
        if (c.acq.var == nullptr) return;
        FlowResult r = flow.track(c.acq, kSpec, is_new_ticker);
        std::string v(c.acq.var->name);
        if (r.kind == FlowResult::Kind::kLeaks) {
          pass.report(file, c.acq.call, sev,
                      fmt::format("the ticker {} of time.NewTicker is not stopped on the path "
                                  "through {}; defer {}.Stop() after the call",
                                  v, flow.path_text(c.acq, r, c.fn), v),
                      fmt::format("defer {}.Stop()", v), {flow.path_related(c.acq, r)});
        } else if (r.kind == FlowResult::Kind::kOverwritten) {
          pass.report(file, c.acq.call, sev,
                      fmt::format("the ticker {} of time.NewTicker is overwritten by {} before "
                                  "being stopped; call {}.Stop() or {}.Reset(d) instead",
                                  v, flow.path_text(c.acq, r, c.fn), v, v),
                      fmt::format("{}.Reset(d)", v), {flow.path_related(c.acq, r)});
        }
      });
  // time.Tick in a function that can return: the ticker outlives it.
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file) || !info.imports(file, "time")) continue;
    Severity sev = pass.files()[static_cast<size_t>(file)].go_minor >= kCollectableTimersMinor
                       ? Severity::kInfo
                       : Severity::kWarning;
    for_each_function_calling(
        pass, file, {"Tick"}, false, [&](const FuncScope& scope, const ast::BlockStmt* body) {
          if (flow.is_main_main(file, scope.func)) return;
          const Cfg* cfg = nullptr;
          walk_body(body, [&](const ast::Node* n, const std::vector<const ast::Node*>&) {
            const auto* call = ast::dyn_cast<ast::CallExpr>(n);
            if (call == nullptr || !info.is_qualified(call->fun, "time", "Tick")) return;
            if (cfg == nullptr) cfg = &pass.cfg(body);
            const CfgBlock* rb = reachable_return(info, *cfg);
            if (rb == nullptr) return;  // never returns: the ticker lives as long as it anyway
            go::Pos at = rb->exit_node != nullptr ? ast::node_pos(rb->exit_node) : body->rbrace;
            pass.report(
                file, call, sev,
                fmt::format("time.Tick in {} leaks its ticker once {} returns (line {}); use "
                            "time.NewTicker and defer Stop()",
                            scope.name, scope.name, pass.position(file, at).line),
                "t := time.NewTicker(d); defer t.Stop()",
                {pass.related(file, at, "the function returns here")});
          });
        });
  }
}

}  // namespace oomguard::lint::rules
