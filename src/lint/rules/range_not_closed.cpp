#include "lint/rules/range_not_closed.h"

#include <fmt/format.h>

#include <algorithm>

#include "lint/rules/common/chan_facts.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

struct Worker {
  const ast::GoStmt* go = nullptr;
  const ast::Node* range = nullptr;  // the worker's range statement, or its receive when recv
  bool recv = false;  // waits on a plain receive (`<-start`): a send also releases it
};

// Workers ranging over the channel and the creator's closes, or false when the channel is
// closed elsewhere, handed off, or otherwise not ours to judge.
bool analyse(PackageFacts& facts, const std::vector<const ChanUse*>& uses,
             std::vector<Worker>* workers, PointSet* closes, PointSet* releases,
             bool* foreign_sends) {
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
        releases->add(u->at);
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
          releases->add(u->at);
        } else if (s.sends && u->go == nullptr && u->lit == nullptr) {
          releases->add(u->at);  // a same-package helper that sends on it
        }
        if (s.ranges) {
          if (u->go == nullptr) return false;
          workers->push_back({u->go, s.range});
        }
        break;
      }
      case ChanOp::kSend:
        // The creator's sends release a waiting receiver; a goroutine that sends is a producer
        // we cannot order against the creator's paths.
        if (u->lit != nullptr) {
          *foreign_sends = true;
        } else if (u->at.valid()) {
          releases->add(u->at);  // in a select, the path through its case sends
        }
        break;
      case ChanOp::kRecv:
        // A goroutine of the creator blocked on a receive with no way out waits for a send or
        // a close (go func() { <-start; ... }()).
        if (u->go != nullptr && !u->guarded) workers->push_back({u->go, u->node, true});
        break;
      default:
        break;
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

void RangeNotClosedRule::run(Pass& pass) const {
  PackageFacts& facts = pass.shared<PackageFacts>();
  const PackageInfo& info = pass.info();
  for_each_chan_maker(pass, [&](int file, const FuncEntry& fn) {
    const go::ParsedFile& pf = *pass.files()[static_cast<size_t>(file)].parsed;
    const FuncScope& scope = fn.scope;
    const ast::BlockStmt* body = fn.body;
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
      PointSet releases;           // closes and the creator's sends: what frees a waiting receive
      bool foreign_sends = false;  // a goroutine or closure sends on it too
      if (!analyse(facts, mine, &workers, &closes, &releases, &foreign_sends)) continue;
      // Receivers are judged only on unbuffered channels that only the creator sends on:
      // a buffer may be stocked before the goroutine starts.
      if (foreign_sends || !unbuffered(mk)) {
        workers.erase(
            std::remove_if(workers.begin(), workers.end(), [](const Worker& w) { return w.recv; }),
            workers.end());
      }
      std::string ch(obj->name);
      const ast::GoStmt* last = nullptr;
      for (const Worker& w : workers) {
        if (w.go == last) continue;
        last = w.go;
        auto [gb, gi] = cfg.locate(w.go);
        if (gb == nullptr || !gb->live) continue;
        CfgPoint g{gb, gi};
        const PointSet& barriers = w.recv ? releases : closes;
        if (!reaches_avoiding(cfg, {}, g, barriers)) continue;
        // A waiting receiver is reported on an early return (the EarlyReturn shape: an error
        // path leaves before the send or close); paths that fall off the end after a loop
        // depend on counts and orderings the graph does not see.
        const CfgBlock* exit =
            w.recv ? detail::search(
                         cfg, g,
                         [&](const CfgBlock* b, int i) { return barriers.contains(b, i) ? 1 : 0; },
                         [](const CfgBlock* b) {
                           return is_exit_block(b) && b->exit == CfgBlock::Exit::kReturn;
                         },
                         [](const CfgBlock*, const CfgBlock*) { return true; })
                   : exit_avoiding(cfg, g, barriers);
        if (exit == nullptr) continue;
        go::Pos at = exit_pos(exit, body);
        std::vector<RelatedLocation> related;
        if (w.range != nullptr && info.file_of(w.range) == file) {
          related.push_back(
              pass.related(file, ast::node_pos(w.range),
                           w.recv ? fmt::format("the goroutine waits to receive from {} here", ch)
                                  : fmt::format("the worker ranges over {} here", ch)));
        }
        related.push_back(pass.related(file, ast::node_pos(mk), "the channel is made here"));
        if (w.recv) {
          related.push_back(pass.related(
              file, at,
              fmt::format("{} returns here without sending on or closing {}", scope.name, ch)));
          pass.report(file, w.go,
                      fmt::format("goroutine waits to receive from {}, but {} can return at "
                                  "line {} without sending on or closing it: the goroutine "
                                  "blocks forever",
                                  ch, scope.name, pf.position(at).line),
                      fmt::format("close({}) (or defer close({})) on every path, or let the "
                                  "goroutine also select on a done channel",
                                  ch, ch),
                      std::move(related));
          continue;
        }
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
  });
}

}  // namespace oomguard::lint::rules
