// Path queries over one function's control-flow graph for the path-sensitive goroutine and
// read rules: which graph member (statement, condition, comm or range operand) holds a node, and
// whether some path from a point reaches a function exit, or another point, without passing a
// barrier (a receive, a close, a limit). The path found is what the rules report.
#pragma once

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "go/ast.h"
#include "lint/cfg.h"

namespace oomguard::lint::rules {

struct CfgPoint {
  const CfgBlock* block = nullptr;
  int index = -1;
  [[nodiscard]] bool valid() const { return block != nullptr; }
};

// The graph member of the function that holds n, searching n and then its ancestors (given
// outermost first, as walk stacks keep them) from the innermost out; ancestors inside function
// literals are skipped naturally since the graph does not hold them. Invalid when none is held.
CfgPoint locate_in(const Cfg& cfg, const std::vector<const ast::Node*>& ancestors,
                   const ast::Node* n);

// A set of graph members.
class PointSet {
 public:
  void add(CfgPoint p) {
    if (p.valid()) set_.insert(key(p.block, p.index));
  }
  [[nodiscard]] bool contains(const CfgBlock* b, int i) const {
    return !set_.empty() && set_.count(key(b, i)) != 0;
  }
  [[nodiscard]] bool empty() const { return set_.empty(); }

 private:
  static uint64_t key(const CfgBlock* b, int i) {
    return (static_cast<uint64_t>(b->index) << 32) | static_cast<uint32_t>(i);
  }
  std::unordered_set<uint64_t> set_;
};

// True when the block leaves the function normally: a return statement or the end of the body
// (not a no-return call such as panic or os.Exit, and not a dead block).
inline bool is_exit_block(const CfgBlock* b) {
  return b->live && b->succs.empty() &&
         (b->exit == CfgBlock::Exit::kReturn || b->exit == CfgBlock::Exit::kFallOffEnd);
}

// The first exit block reachable from just after `from` (from the entry when `from` is invalid)
// along a path that holds no barrier member, or nullptr. `follow(from_block, to_block)` may
// refuse edges (e.g. loop back edges).
template <typename Follow>
const CfgBlock* exit_avoiding(const Cfg& cfg, CfgPoint from, const PointSet& barriers,
                              Follow&& follow);
inline const CfgBlock* exit_avoiding(const Cfg& cfg, CfgPoint from, const PointSet& barriers) {
  return exit_avoiding(cfg, from, barriers, [](const CfgBlock*, const CfgBlock*) { return true; });
}

// True when `to` can be reached from just after `from` (from the entry when `from` is invalid)
// with no barrier member on the way (members of `to`'s block before `to` included).
bool reaches_avoiding(const Cfg& cfg, CfgPoint from, CfgPoint to, const PointSet& barriers);

// ---- template definitions

namespace detail {
// Generic forward search. on_member(block, i) returns 0 to go on, 1 to stop this path, 2 for
// found; at a block's end, on_end(block) returns true for found. Returns the found block.
template <typename OnMember, typename OnEnd, typename Follow>
const CfgBlock* search(const Cfg& cfg, CfgPoint from, OnMember&& on_member, OnEnd&& on_end,
                       Follow&& follow) {
  std::vector<const CfgBlock*> work;
  std::unordered_set<const CfgBlock*> seen;
  auto scan = [&](const CfgBlock* b, int start) -> const CfgBlock* {
    for (int i = start; i < static_cast<int>(b->nodes.size()); ++i) {
      int r = on_member(b, i);
      if (r == 1) return nullptr;
      if (r == 2) return b;
    }
    if (on_end(b)) return b;
    for (const CfgBlock* s : b->succs) {
      if (follow(b, s) && seen.insert(s).second) work.push_back(s);
    }
    return nullptr;
  };
  const CfgBlock* start = from.valid() ? from.block : cfg.entry();
  if (from.valid()) {
    if (const CfgBlock* r = scan(start, from.index + 1)) return r;
  } else {
    seen.insert(start);
    work.push_back(start);
  }
  while (!work.empty()) {
    const CfgBlock* b = work.back();
    work.pop_back();
    if (const CfgBlock* r = scan(b, 0)) return r;
  }
  return nullptr;
}
}  // namespace detail

template <typename Follow>
const CfgBlock* exit_avoiding(const Cfg& cfg, CfgPoint from, const PointSet& barriers,
                              Follow&& follow) {
  return detail::search(
      cfg, from, [&](const CfgBlock* b, int i) { return barriers.contains(b, i) ? 1 : 0; },
      [](const CfgBlock* b) { return is_exit_block(b); }, follow);
}

// Where a path leaves the function through exit block `exit`: its return statement, or the
// closing brace of body when it falls off the end.
inline go::Pos exit_pos(const CfgBlock* exit, const ast::BlockStmt* body) {
  if (exit->exit_node != nullptr) return ast::node_pos(exit->exit_node);
  return body->rbrace;
}

}  // namespace oomguard::lint::rules
