#include "lint/rules/blocked_send_leak.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "lint/rules/common/chan_facts.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

struct Sender {
  const ast::GoStmt* go = nullptr;
  const ast::Node* send = nullptr;      // the send statement (in the literal or the callee)
  std::vector<const ast::Node*> loops;  // loops of the creating function around the go statement
};

struct Receive {
  CfgPoint at;
  std::vector<const ast::Node*> loops;
};

// What the creating function does with one channel, or nothing when we must not judge it.
struct ChanFlow {
  std::vector<Sender> senders;
  std::vector<Receive> receives;
  PointSet barriers;
};

bool analyse(PackageFacts& facts, const std::vector<const ChanUse*>& uses, ChanFlow* flow) {
  std::map<const ast::GoStmt*, size_t> sender_of;
  for (const ChanUse* u : uses) {
    if (u->nested && u->op != ChanOp::kNeutral) return false;
    switch (u->op) {
      case ChanOp::kNeutral:
        continue;
      case ChanOp::kEscape:
      case ChanOp::kAssign:
      case ChanOp::kClose:
        return false;
      default:
        break;
    }
    bool send = u->op == ChanOp::kSend;
    bool recv = u->op == ChanOp::kRecv || u->op == ChanOp::kRange;
    const ast::Node* send_node = u->op == ChanOp::kSend ? u->node : nullptr;
    if (u->op == ChanOp::kCall) {
      const ParamSummary& s = facts.param(u->callee, u->arg);
      if (s.escapes || s.closes) return false;
      if (s.sends && (s.recvs || s.ranges)) return false;
      send = s.sends;
      recv = s.recvs || s.ranges;
      send_node = s.send;
      if (!send && !recv) {
        if (s.sends_guarded) continue;
        continue;
      }
      if (send && u->go == nullptr) return false;  // the creator itself sends through a helper
    } else if (u->op == ChanOp::kSend && u->guarded) {
      continue;  // a send with a way out (ctx.Done(), default, timer)
    }
    if (u->go != nullptr) {
      if (recv) return false;  // another goroutine receives: a protocol we do not model
      auto [it, fresh] = sender_of.emplace(u->go, flow->senders.size());
      if (fresh) flow->senders.push_back({u->go, send_node, u->loops});
      continue;
    }
    if (u->lit != nullptr) return false;  // deferred receive or a closure we cannot place
    if (u->deferred) return false;
    if (send) return false;  // the creator sends too
    if (recv) {
      if (!u->at.valid()) return false;
      flow->barriers.add(u->at);
      flow->receives.push_back({u->at, u->loops});
    }
  }
  return !flow->senders.empty();
}

// The loop among `loops` (innermost last) whose head block holds a point of the loop.
bool is_head_of(const CfgBlock* b, const ast::Node* loop) {
  using BK = CfgBlock::Kind;
  return b->stmt == loop &&
         (b->kind == BK::kForCond || b->kind == BK::kForPost || b->kind == BK::kRangeHead);
}

// The trip count of `for i := 0; i < K; i++` (or <=) with integer literals, else nullopt.
std::optional<int64_t> trip_count(const ast::Node* loop) {
  const auto* f = ast::dyn_cast<ast::ForStmt>(loop);
  if (f == nullptr) return std::nullopt;
  const auto* init = ast::dyn_cast<ast::AssignStmt>(f->init);
  const auto* cond = ast::dyn_cast<ast::BinaryExpr>(unparen(f->cond));
  if (init == nullptr || cond == nullptr || init->rhs.size() != 1) return std::nullopt;
  auto lit = [](const ast::Expr* e) -> std::optional<int64_t> {
    const auto* b = ast::dyn_cast<ast::BasicLit>(unparen(e));
    if (b == nullptr || b->tok != go::Tok::INT || b->value.size() > 9) return std::nullopt;
    int64_t v = 0;
    for (char c : b->value) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v;
  };
  std::optional<int64_t> from = lit(init->rhs[0]);
  std::optional<int64_t> to = lit(cond->y);
  if (!from || !to) return std::nullopt;
  if (cond->op == go::Tok::LSS) return *to - *from;
  if (cond->op == go::Tok::LEQ) return *to - *from + 1;
  return std::nullopt;
}

bool mentions_any(const PackageInfo& info, const ast::Node* n,
                  const std::vector<const Object*>& objs) {
  bool found = false;
  ast::inspect(const_cast<ast::Node*>(n), [&](ast::Node* c) {
    if (found || c == nullptr || c->kind == ast::Kind::FuncLit) return false;
    if (const auto* id = ast::dyn_cast<ast::Ident>(c)) {
      const Object* o = info.object_of(id);
      found = o != nullptr && std::find(objs.begin(), objs.end(), o) != objs.end();
    }
    return true;
  });
  return found;
}

// Whether a receive loop can stop before it received from every sender: (a) some path from the
// loop's head leaves the function without receiving (a ctx.Done() or timer case that returns),
// or (b) a return inside the loop depends on the received value (`if err := <-errs; err != nil
// { return err }`); a return that depends on a counter (`if active == 0`) is the normal end.
// Returns the exit block (a) or the return's block (b).
const CfgBlock* early_exit(const PackageInfo& info, const Cfg& cfg, const Receive& r,
                           const PointSet& barriers) {
  const ast::Node* loop = r.loops.back();
  const CfgBlock* head = nullptr;
  for (const auto& b : cfg.blocks()) {
    if (b->live && is_head_of(b.get(), loop) && b->kind != CfgBlock::Kind::kForPost) {
      head = b.get();
      break;
    }
  }
  if (head == nullptr) return nullptr;
  auto in_iteration = [&](const CfgBlock* from, const CfgBlock* to) {
    if (is_head_of(to, loop)) return false;
    bool done = to->kind == CfgBlock::Kind::kForDone || to->kind == CfgBlock::Kind::kRangeDone;
    return !(done && to->stmt == loop && is_head_of(from, loop));
  };
  if (const CfgBlock* e = exit_avoiding(cfg, CfgPoint{head, -1}, barriers, in_iteration)) {
    return e;
  }
  // (b): the values the receive assigns.
  const ast::Node* member = r.at.block->nodes[static_cast<size_t>(r.at.index)];
  std::vector<const Object*> vals;
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(member)) {
    for (const ast::Node* l : as->lhs) {
      if (const auto* id = ast::dyn_cast<ast::Ident>(l)) {
        if (const Object* o = info.object_of(id)) vals.push_back(o);
      }
    }
  }
  if (vals.empty()) return nullptr;
  const CfgBlock* found = nullptr;
  detail::search(
      cfg, r.at,
      [&](const CfgBlock* b, int i) {
        const ast::Node* n = b->nodes[static_cast<size_t>(i)];
        if (barriers.contains(b, i)) return 1;
        // The condition ending a block that branches.
        if (i + 1 == static_cast<int>(b->nodes.size()) && b->succs.size() == 2 &&
            mentions_any(info, n, vals)) {
          for (const CfgBlock* s : b->succs) {
            const CfgBlock* e = exit_avoiding(cfg, CfgPoint{s, -1}, barriers, in_iteration);
            if (e != nullptr) {
              found = e;
              return 2;
            }
          }
        }
        return 0;
      },
      [](const CfgBlock*) { return false; }, in_iteration);
  return found;
}

std::string count_hint(const Pass& pass, int file, const ast::Node* loop) {
  if (const auto* r = ast::dyn_cast<ast::RangeStmt>(loop)) {
    return fmt::format("len({})", node_text(pass, file, r->x, 40));
  }
  if (const auto* f = ast::dyn_cast<ast::ForStmt>(loop)) {
    if (const auto* be = ast::dyn_cast<ast::BinaryExpr>(unparen(f->cond));
        be != nullptr && (be->op == go::Tok::LSS || be->op == go::Tok::LEQ)) {
      return node_text(pass, file, be->y, 40);
    }
  }
  return "the number of goroutines";
}

}  // namespace

const RuleInfo& BlockedSendLeakRule::info() const {
  static const RuleInfo kInfo{
      "blocked-send-leak",
      "goroutine sends on an unbuffered channel that its creator may stop receiving from",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void BlockedSendLeakRule::run(Pass& pass) const {
  PackageFacts& facts = pass.shared<PackageFacts>();
  const PackageInfo& info = pass.info();
  for_each_chan_maker(pass, [&](int file, const FuncEntry& fn) {
    const go::ParsedFile& pf = *pass.files()[static_cast<size_t>(file)].parsed;
    const FuncScope& scope = fn.scope;
    const ast::BlockStmt* body = fn.body;
    auto chans = local_chans(info, body);
    std::unordered_set<const Object*> tracked;
    for (const auto& [obj, mk] : chans) {
      if (unbuffered(mk)) tracked.insert(obj);
    }
    if (tracked.empty()) return;
    const Cfg& cfg = pass.cfg(body);
    std::vector<ChanUse> uses = collect_uses(facts, scope.func, &cfg, tracked);
    for (const auto& [obj, mk] : chans) {
      if (tracked.count(obj) == 0) continue;
      std::vector<const ChanUse*> mine;
      for (const ChanUse& u : uses) {
        if (info.object_of(u.id) == obj) mine.push_back(&u);
      }
      ChanFlow flow;
      if (!analyse(facts, mine, &flow)) continue;
      std::string ch(obj->name);
      std::string type = node_text(pass, file, mk->args[0], 40);
      for (const Sender& s : flow.senders) {
        auto [gb, gi] = cfg.locate(s.go);
        if (gb == nullptr || !gb->live) continue;
        CfgPoint g{gb, gi};
        std::vector<RelatedLocation> related;
        // The sending statement may live in another function of the package (go worker(ch)):
        // point at it only when it is in this file.
        if (s.send != nullptr && info.file_of(s.send) == file) {
          related.push_back(pass.related(file, ast::node_pos(s.send), "the blocking send"));
        }
        related.push_back(pass.related(file, ast::node_pos(mk), "the unbuffered channel"));
        // Timeout and EarlyReturn: a path from the go statement to a return with no receive.
        // A loop that receives is taken to run at least once (it skips only when there are no
        // senders either, as with fan-in over the same collection).
        auto enter_receive_loops = [&](const CfgBlock* from, const CfgBlock* to) {
          if (to->kind != CfgBlock::Kind::kForDone && to->kind != CfgBlock::Kind::kRangeDone)
            return true;
          if (!is_head_of(from, to->stmt)) return true;
          for (const Receive& r : flow.receives) {
            for (const ast::Node* l : r.loops) {
              if (l == to->stmt) return false;
            }
          }
          return true;
        };
        if (const CfgBlock* exit = exit_avoiding(cfg, g, flow.barriers, enter_receive_loops)) {
          go::Pos at = exit_pos(exit, body);
          related.push_back(pass.related(
              file, at, fmt::format("{} returns here without receiving from {}", scope.name, ch)));
          pass.report(
              file, s.go,
              fmt::format("goroutine sends on unbuffered channel {}, but {} can return at line "
                          "{} without receiving from it: the send blocks forever and the "
                          "goroutine leaks",
                          ch, scope.name, pf.position(at).line),
              fmt::format("give the channel a buffer of 1 (make({}, 1)) so the send always "
                          "completes",
                          type),
              std::move(related));
          continue;
        }
        // NCast: one sender per iteration, fewer receives on some path.
        if (s.loops.empty()) continue;
        bool repeats = reaches_avoiding(cfg, g, g, PointSet{});
        if (!repeats) continue;
        std::string hint = count_hint(pass, file, s.loops.back());
        const Receive* looped = nullptr;
        const CfgBlock* early = nullptr;
        size_t straight = 0;  // receives outside loops
        for (const Receive& r : flow.receives) {
          if (r.loops.empty()) {
            ++straight;
            continue;
          }
          looped = &r;
          early = early_exit(info, cfg, r, flow.barriers);
          if (early != nullptr) break;
        }
        if (looped == nullptr) {
          // `for i := 0; i < 2; i++ { go ... }` followed by two receives is fine.
          std::optional<int64_t> trips = trip_count(s.loops.back());
          if (trips && static_cast<int64_t>(straight) >= *trips) continue;
        }
        if (looped == nullptr) {
          pass.report(
              file, s.go,
              fmt::format("one goroutine per iteration sends on unbuffered channel {}, "
                          "but {} receives from it only once: every other sender "
                          "blocks forever",
                          ch, scope.name),
              fmt::format("give the channel room for every sender: make({}, {})", type, hint),
              std::move(related));
        } else if (early != nullptr) {
          go::Pos at = exit_pos(early, body);
          related.push_back(
              pass.related(file, at, "returns here before every sender was received from"));
          pass.report(
              file, s.go,
              fmt::format("one goroutine per iteration sends on unbuffered channel {}, "
                          "but the receive loop of {} can return at line {} before "
                          "receiving from all of them: the rest block forever",
                          ch, scope.name, pf.position(at).line),
              fmt::format("give the channel room for every sender: make({}, {})", type, hint),
              std::move(related));
        }
      }
    }
  });
}

}  // namespace oomguard::lint::rules
