#include "lint/rules/double_send.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "lint/rules/common/chan_facts.h"
#include "lint/rules/common/net_http.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

using BK = CfgBlock::Kind;

bool mentions_err(const ast::Node* n) {
  bool found = false;
  ast::inspect(const_cast<ast::Node*>(n), [&](ast::Node* c) {
    if (found || c == nullptr) return false;
    if (c->kind == ast::Kind::FuncLit) return false;
    if (const auto* id = ast::dyn_cast<ast::Ident>(c)) {
      std::string lower;
      for (char ch : id->name)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      found = lower.find("err") != std::string::npos;
    }
    return true;
  });
  return found;
}

bool same_key(const ChanKey& a, const ChanKey& b) {
  if (a.obj != nullptr || b.obj != nullptr) return a.obj == b.obj;
  return !a.field.empty() && a.field == b.field;
}

// Whether the arm of `branch` holding send s runs on an error. A send whose value names an error
// counts either way; for a condition `X == nil` / `X != nil` on an error X, only the arm where X is
// set does (the then of `err == nil` and the else of `err != nil` are success paths, e.g. a
// collector sending one metric after another); other conditions that name an error count.
bool error_arm(const PackageInfo& info, const ast::IfStmt* branch, const ast::Node* arm,
               const ast::SendStmt* s) {
  if (mentions_err(s->value)) return true;
  if (!mentions_err(branch->cond)) return false;
  const auto* be = ast::dyn_cast<ast::BinaryExpr>(unparen(branch->cond));
  if (be == nullptr || (be->op != go::Tok::EQL && be->op != go::Tok::NEQ)) return true;
  const ast::Expr* tested = is_nil(info, be->y) ? be->x : is_nil(info, be->x) ? be->y : nullptr;
  if (tested == nullptr || !mentions_err(tested)) return true;
  if (arm != branch->body && arm != branch->else_) return true;
  return (arm == branch->body) == (be->op == go::Tok::NEQ);
}

// A first send: in an error branch (an if whose condition or sent value mentions an error), not
// inside a loop of the function (streams legitimately send once per iteration).
struct FirstSend {
  const ast::SendStmt* send;
  const ast::IfStmt* branch;
};

void find_first_sends(const PackageInfo& info, const ast::Node* n,
                      std::vector<const ast::Node*>& stack, std::vector<FirstSend>* out) {
  if (n->kind == ast::Kind::FuncLit || n->kind == ast::Kind::ForStmt ||
      n->kind == ast::Kind::RangeStmt)
    return;
  if (const auto* s = ast::dyn_cast<ast::SendStmt>(n)) {
    const ast::IfStmt* branch = nullptr;
    const ast::Node* arm = nullptr;
    for (size_t k = stack.size(); k-- > 0 && branch == nullptr;) {
      branch = ast::dyn_cast<ast::IfStmt>(stack[k]);
      if (branch != nullptr && k + 1 < stack.size()) arm = stack[k + 1];
    }
    if (branch != nullptr && error_arm(info, branch, arm, s)) {
      out->push_back({s, branch});
    }
    return;
  }
  stack.push_back(n);
  ast::for_each_child(const_cast<ast::Node*>(n),
                      [&](ast::Node* c) { find_first_sends(info, c, stack, out); });
  stack.pop_back();
}

// True when the function has a send-only channel parameter that the send uses.
bool send_only_param(const PackageInfo& info, const ast::FuncType* ft, const ChanKey& key) {
  if (ft == nullptr || ft->params == nullptr || key.obj == nullptr || !key.obj->param) return false;
  for (const ast::Field* f : ft->params->list) {
    const auto* ct = ast::dyn_cast<ast::ChanType>(f->type);
    if (ct == nullptr || ct->dir != ast::kSend) continue;
    for (const ast::Ident* nm : f->names) {
      if (info.object_of(nm) == key.obj) return true;
    }
  }
  return false;
}

// A send on a local channel made with a capacity above zero does not block the second time.
bool buffered_local(const PackageInfo& info, const ChanKey& key) {
  if (key.obj == nullptr) return false;
  const ast::CallExpr* mk = chan_make_of(info, key.obj);
  return mk != nullptr && !unbuffered(mk);
}

}  // namespace

const RuleInfo& DoubleSendRule::info() const {
  static const RuleInfo kInfo{
      "double-send",
      "send in an error branch without return, followed by another send on the same channel",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void DoubleSendRule::run(Pass& pass) const {
  const PackageInfo& info = pass.info();
  PackageFacts& facts = pass.shared<PackageFacts>();
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    const go::ParsedFile& pf = *pass.files()[static_cast<size_t>(file)].parsed;
    // One walk: function literals run by go statements, and the functions that send.
    std::unordered_set<const ast::Node*> go_lits;
    std::vector<const FuncEntry*> senders;
    for (const FuncEntry& e : pass.shared<FunctionIndex>().file(file)) {
      if ((e.kinds & kind_bit(ast::Kind::SendStmt)) != 0) senders.push_back(&e);
      if ((e.kinds & kind_bit(ast::Kind::GoStmt)) == 0) continue;
      walk_body(e.body, [&](const ast::Node* n, const std::vector<const ast::Node*>&) {
        if (const auto* g = ast::dyn_cast<ast::GoStmt>(n)) {
          const ast::Expr* f = unparen(g->call->fun);
          if (f != nullptr && f->kind == ast::Kind::FuncLit) go_lits.insert(f);
        }
      });
    }
    for (const FuncEntry* fn : senders) {
      const FuncScope& scope = fn->scope;
      const ast::BlockStmt* body = fn->body;
      [&] {
        bool go_lit = go_lits.count(scope.func) != 0;
        const ast::FuncType* ft = PackageFacts::type_of(scope.func);
        std::vector<FirstSend> firsts;
        std::vector<const ast::Node*> stack;
        ast::for_each_child(const_cast<ast::BlockStmt*>(body),
                            [&](ast::Node* c) { find_first_sends(info, c, stack, &firsts); });
        if (firsts.empty()) return;
        // A channel also sent on in a loop is a stream whose receiver takes many values.
        std::vector<ChanKey> streams;
        walk_body(body, [&](const ast::Node* n, const std::vector<const ast::Node*>& loops) {
          if (const auto* s = ast::dyn_cast<ast::SendStmt>(n); s != nullptr && !loops.empty()) {
            streams.push_back(chan_key(info, s->chan));
          }
        });
        const Cfg& cfg = pass.cfg(body);
        for (const FirstSend& first : firsts) {
          ChanKey key = chan_key(info, first.send->chan);
          if (!key.valid()) continue;
          if (!go_lit && !send_only_param(info, ft, key)) continue;
          if (buffered_local(info, key)) continue;
          bool stream = false;
          for (const ChanKey& k : streams) stream = stream || same_key(k, key);
          // A channel that gets closed is a stream its receiver ranges over until the close.
          if (stream || facts.closed_anywhere(key)) continue;
          auto [b, i] = cfg.locate(first.send);
          if (b == nullptr || !b->live) continue;
          const ast::Node* second = nullptr;
          detail::search(
              cfg, CfgPoint{b, i},
              [&](const CfgBlock* blk, int k) {
                const auto* s = ast::dyn_cast<ast::SendStmt>(blk->nodes[static_cast<size_t>(k)]);
                if (s == nullptr) return 0;
                // A send as a select's comm has a way out (or is a single-case select).
                if (blk->kind == BK::kSelectCase && k == 0) return 0;
                if (!same_key(chan_key(info, s->chan), key)) return 0;
                second = s;
                return 2;
              },
              [](const CfgBlock*) { return false; },
              [](const CfgBlock*, const CfgBlock*) { return true; });
          if (second == nullptr) continue;
          std::string ch = node_text(pass, file, first.send->chan, 40);
          pass.report(
              file, second,
              fmt::format("second send on {} after the error branch at line {} already sent and "
                          "did not return: a receiver that takes one value leaves this send "
                          "blocked forever",
                          ch, pf.position(ast::node_pos(first.send)).line),
              "return right after the send in the error branch",
              {pass.related(file, ast::node_pos(first.send), "first send, not followed by return"),
               pass.related(file, ast::node_pos(first.branch), "the error branch")});
        }
      }();
    }
  }
}

}  // namespace oomguard::lint::rules
