#include "lint/rules/range_not_closed.h"

#include <fmt/format.h>

#include "lint/rules/common/chan_facts.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

struct Worker {
  const ast::GoStmt* go = nullptr;
  const ast::Node* range = nullptr;  // the worker's range statement
};

// Workers ranging over the channel and the creator's closes, or false when the channel is
// closed elsewhere, handed off, or otherwise not ours to judge.
bool analyse(PackageFacts& facts, const std::vector<const ChanUse*>& uses,
             std::vector<Worker>* workers, PointSet* closes) {
  for (const ChanUse* u : uses) {
    if (u->op == ChanOp::kNeutral) continue;
    if (u->nested) return false;
    switch (u->op) {
      case ChanOp::kEscape:
      case ChanOp::kAssign:
        return false;
      case ChanOp::kClose:
        if (u->lit != nullptr && !u->deferred) return false;  // a goroutine closes it
        if (!u->at.valid()) return false;
        closes->add(u->at);
        break;
      case ChanOp::kRange:
        if (u->go == nullptr) return false;  // the creator (or a closure) consumes it
        workers->push_back({u->go, u->node});
        break;
      case ChanOp::kCall: {
        const ParamSummary& s = facts.param(u->callee, u->arg);
        if (s.escapes) return false;
        if (s.closes) {
          if (u->go != nullptr || u->lit != nullptr || !u->at.valid()) return false;
          closes->add(u->at);  // a same-package helper that closes its parameter
        }
        if (s.ranges) {
          if (u->go == nullptr) return false;
          workers->push_back({u->go, s.range});
        }
        break;
      }
      default:
        break;  // sends and receives: producers and other consumers
    }
  }
  return !workers->empty();
}

}  // namespace

const RuleInfo& RangeNotClosedRule::info() const {
  static const RuleInfo kInfo{
      "range-not-closed",
      "workers range over a channel that the owning function does not close on some path",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void RangeNotClosedRule::run(Pass& pass) {
  PackageFacts& facts = pass.shared<PackageFacts>();
  const PackageInfo& info = pass.info();
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    const go::ParsedFile& pf = *pass.files()[static_cast<size_t>(file)].parsed;
    for (const ast::Node* fn : chan_making_functions(pass, file)) {
      const FuncScope scope{fn, func_name(fn)};
      const ast::BlockStmt* body = PackageFacts::body_of(fn);
      if (body == nullptr) continue;
      [&] {
        auto chans = local_chans(info, body);
        if (chans.empty()) return;
        std::unordered_set<const Object*> tracked;
        for (const auto& c : chans) tracked.insert(c.first);
        const Cfg& cfg = pass.cfg(body);
        std::vector<ChanUse> uses = collect_uses(facts, scope.func, &cfg, tracked);
        for (const auto& [obj, mk] : chans) {
          std::vector<const ChanUse*> mine;
          for (const ChanUse& u : uses) {
            if (info.object_of(u.id) == obj) mine.push_back(&u);
          }
          std::vector<Worker> workers;
          PointSet closes;
          if (!analyse(facts, mine, &workers, &closes)) continue;
          std::string ch(obj->name);
          const ast::GoStmt* last = nullptr;
          for (const Worker& w : workers) {
            if (w.go == last) continue;
            last = w.go;
            auto [gb, gi] = cfg.locate(w.go);
            if (gb == nullptr || !gb->live) continue;
            CfgPoint g{gb, gi};
            if (!reaches_avoiding(cfg, {}, g, closes)) continue;
            const CfgBlock* exit = exit_avoiding(cfg, g, closes);
            if (exit == nullptr) continue;
            go::Pos at = exit_pos(exit, body);
            std::vector<RelatedLocation> related;
            if (w.range != nullptr && info.file_of(w.range) == file) {
              related.push_back(pass.related(file, ast::node_pos(w.range),
                                             fmt::format("the worker ranges over {} here", ch)));
            }
            related.push_back(pass.related(file, ast::node_pos(mk), "the channel is made here"));
            related.push_back(pass.related(
                file, at, fmt::format("{} returns here without close({})", scope.name, ch)));
            std::string why = closes.empty()
                                  ? fmt::format("{} never closes it", scope.name)
                                  : fmt::format("{} can return at line {} without closing it",
                                                scope.name, pf.position(at).line);
            pass.report(file, w.go,
                        fmt::format("worker ranges over {}, but {}: the range never ends and the "
                                    "worker leaks",
                                    ch, why),
                        fmt::format("close({}) once the last value is sent, e.g. defer close({}) "
                                    "in the producer",
                                    ch, ch),
                        std::move(related));
          }
        }
      }();
    }
  }
}

}  // namespace oomguard::lint::rules
