#include "lint/rules/loop_var_capture.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lint/rules/common/loop_facts.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

// `g.Go(func() error {...})`: errgroup.Group.Go (and look-alikes with the same shape).
const ast::FuncLit* group_go_lit(const ast::CallExpr* call) {
  const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->fun));
  if (sel == nullptr || sel->sel->name != "Go" || call->args.size() != 1) return nullptr;
  const auto* lit = ast::dyn_cast<ast::FuncLit>(unparen(call->args[0]));
  if (lit == nullptr || lit->type == nullptr) return nullptr;
  const ast::FuncType* ft = lit->type;
  if (ft->params != nullptr && !ft->params->list.empty()) return nullptr;
  if (ft->results == nullptr || ft->results->list.size() != 1) return nullptr;
  const auto* res = ast::dyn_cast<ast::Ident>(ft->results->list[0]->type);
  return res != nullptr && res->name == "error" ? lit : nullptr;
}

// The first use in lit of a variable declared by one of loops, or nullptr.
const ast::Ident* captured(const PackageInfo& info, const ast::FuncLit* lit,
                           const std::vector<const ast::Node*>& loops) {
  const ast::Ident* found = nullptr;
  ast::inspect(const_cast<ast::FuncLit*>(lit), [&](ast::Node* n) {
    if (n == nullptr || found != nullptr) return false;
    if (const auto* id = ast::dyn_cast<ast::Ident>(n)) {
      const Object* o = info.object_of(id);
      if (o != nullptr && o->kind == Object::Kind::kVar && o->loop != nullptr && o->ident != id &&
          std::find(loops.begin(), loops.end(), o->loop) != loops.end()) {
        found = id;
      }
    }
    return found == nullptr;
  });
  return found;
}

}  // namespace

const RuleInfo& LoopVarCaptureRule::info() const {
  static const RuleInfo kInfo{
      "loop-var-capture",
      "function literal in go/defer inside a loop captures the loop variable, shared by all "
      "iterations before Go 1.22",
      Severity::kWarning,
      0,
      21,
      "",
      {}};
  return kInfo;
}

void LoopVarCaptureRule::run(Pass& pass) const {
  const PackageInfo& info = pass.info();
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    // Files at Go >= 1.22 have per-iteration variables; unknown versions are checked (the old
    // semantics is the one that breaks).
    if (!pass.applies(file)) continue;
    for_each_function(
        pass, file, FuncNeeds{0, kind_bit(ast::Kind::FuncLit)},
        [&](const FuncScope& scope, const ast::BlockStmt* body) {
          (void)scope;
          walk_with_stack(body, [&](const ast::Node* n, const std::vector<const ast::Node*>& anc) {
            const ast::FuncLit* lit = nullptr;
            std::string_view how;
            const ast::Node* at = n;
            if (const auto* g = ast::dyn_cast<ast::GoStmt>(n)) {
              lit = ast::dyn_cast<ast::FuncLit>(unparen(g->call->fun));
              how = "goroutine";
            } else if (const auto* d = ast::dyn_cast<ast::DeferStmt>(n)) {
              lit = ast::dyn_cast<ast::FuncLit>(unparen(d->call->fun));
              how = "deferred call";
            } else if (const auto* es = ast::dyn_cast<ast::ExprStmt>(n)) {
              if (const auto* c = ast::dyn_cast<ast::CallExpr>(unparen(es->x))) {
                lit = group_go_lit(c);
                how = "goroutine";
                at = c;
              }
            }
            if (lit == nullptr) return;
            std::vector<const ast::Node*> loops = loops_of(anc, n);
            if (loops.empty()) return;
            const ast::Ident* use = captured(info, lit, loops);
            if (use == nullptr) return;
            const Object* var = info.object_of(use);
            if (how == "goroutine" && waits_after(info, anc, n, var->loop)) return;
            if (!node_repeats(pass.cfg(body), anc, n)) return;  // the loop ends after it
            std::string msg = fmt::format(
                "the {} captures loop variable {}; before Go 1.22 every iteration shares it, so "
                "the {} sees a later iteration's value",
                how, use->name, how == "goroutine" ? "goroutine" : "deferred call");
            std::string fix = fmt::format(
                "pass {0} as an argument to the function literal, or copy it first ({0} := {0})",
                use->name);
            std::vector<RelatedLocation> related;
            if (var->ident != nullptr)
              related.push_back(pass.related(file, var->ident->name_pos, "the loop variable"));
            related.push_back(pass.related(file, use->name_pos, "captured here"));
            pass.report(file, at, std::move(msg), std::move(fix), std::move(related));
          });
        });
  }
}

}  // namespace oomguard::lint::rules
