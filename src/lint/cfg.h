// A per-function control-flow graph over statements, in the manner of golang.org/x/tools/go/cfg:
// basic blocks hold statements and branch conditions in execution order; edges follow if,
// switch, type switch, select, for, range, goto and labels, break, continue, fallthrough and
// return. A call that never returns (panic, os.Exit, log.Fatal*, log.Panic*, t.Fatal*/FailNow/
// Skip*, runtime.Goexit) ends its block with no successor. Function literals are not entered:
// each has its own graph.
//
// Shapes (go/cfg's, except that && and || conditions are not split into blocks):
//   if:     [init; cond] → {then, else-or-done}; then → done; else → done. An else-if's init
//           and cond open its IfElse block.
//   for:    [init] → ForCond (always created; empty for `for {}`, whose only successor is the
//           body, so its ForDone is reached only by a break) → {ForBody, ForDone};
//           body → ForPost (when there is a post statement, the target of continue) → ForCond.
//   range:  [x] → RangeHead → {RangeBody, RangeDone}; body → head (the continue target).
//   switch: [init; tag; first case expression] → {that clause's body, next test}; every case
//           expression is tested in its own kBody block (stmt = its CaseClause), in source
//           order; the default clause is taken when no test matches; fallthrough jumps to the
//           next clause's body in source order; bodies → SwitchDone. A type switch is the same
//           with [init; assign] and one (empty) test block per clause.
//   select: the current block's successors are the SelectCase blocks of all clauses (default
//           included), in source order; each → SelectDone. `select {}` has no successor (Exit
//           kNone) and what follows it is dead.
//   labels: a labeled statement starts a kLabel block (stmt = the LabeledStmt, which is not a
//           node itself); goto jumps to it (forward or backward); labeled break/continue go
//           to the labeled loop's done/continue block.
//   return, break, continue, goto, fallthrough and no-return calls end their block; whatever
//           follows them starts a kUnreachable block (stmt = the ending statement), dead
//           unless a label makes it reachable.
// Simple statements are nodes as they are: AssignStmt, DeclStmt (any const/type/var), ExprStmt,
// SendStmt, IncDecStmt, GoStmt, DeferStmt, EmptyStmt, ReturnStmt and BranchStmt.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "go/ast.h"
#include "go/parser.h"

namespace oomguard::lint {

namespace ast = go::ast;
class PackageInfo;

struct CfgBlock {
  enum class Kind : uint8_t {
    kEntry,  // function body start
    kBody,   // plain statements
    kIfThen,
    kIfElse,
    kIfDone,
    kForCond,  // loop header: cond is the last node; succs {body, done}
    kForBody,
    kForPost,
    kForDone,
    kRangeHead,  // range header: the RangeStmt's x is evaluated once before; succs {body, done}
    kRangeBody,
    kRangeDone,
    kSwitchCase,  // a case clause's body (its expressions are in the block before)
    kSwitchDone,
    kSelectCase,  // a comm clause: the comm statement is the first node
    kSelectDone,
    kLabel,
    kUnreachable,  // statements after a return/branch/no-return call
  };
  int index = 0;
  Kind kind = Kind::kBody;
  // Statements (and, for conditional blocks, the condition expression as the last node) in
  // execution order. Compound statements are decomposed: an IfStmt contributes its init and
  // cond; a RangeStmt its x; a SwitchStmt its init, tag and case expressions; a SelectStmt
  // nothing (each CommClause's comm statement starts its case block).
  std::vector<const ast::Node*> nodes;
  std::vector<CfgBlock*> succs;
  std::vector<CfgBlock*> preds;
  // The statement this block belongs to: the IfStmt/ForStmt/RangeStmt/SwitchStmt/
  // TypeSwitchStmt/SelectStmt for their then/else/done/cond/body/post/head blocks; the
  // CaseClause or CommClause for clause bodies and case tests; the LabeledStmt for a label
  // block; the ending statement for an unreachable block; nullptr for the entry.
  const ast::Node* stmt = nullptr;
  bool live = false;  // reachable from the entry
  // How the block ends when it has no successor.
  enum class Exit : uint8_t { kNone, kReturn, kNoReturnCall, kFallOffEnd };
  Exit exit = Exit::kNone;
  const ast::Node* exit_node = nullptr;  // the ReturnStmt or the no-return CallExpr
};

class Cfg {
 public:
  // Builds the graph of a function body (FuncDecl::body or FuncLit::body). info (may be null)
  // resolves package-qualified no-return calls (os.Exit, log.Fatal under any import name).
  static std::unique_ptr<Cfg> build(const ast::BlockStmt* body, const PackageInfo* info);

  [[nodiscard]] CfgBlock* entry() const { return blocks_.front().get(); }
  [[nodiscard]] const std::vector<std::unique_ptr<CfgBlock>>& blocks() const { return blocks_; }
  // Live blocks that leave the function normally (return statement or falling off the end).
  [[nodiscard]] std::vector<const CfgBlock*> return_blocks() const;
  // The block and index of a node of some block (a simple statement, or a condition, tag,
  // case expression or range expression), or {nullptr, -1} otherwise: compound statements
  // themselves, LabeledStmts, nodes inside function literals or inside other nodes.
  [[nodiscard]] std::pair<const CfgBlock*, int> locate(const ast::Node* n) const;
  // A debugging dump (one line per block: kind, nodes as kinds with lines, successors).
  [[nodiscard]] std::string dump(const go::ParsedFile& file) const;

  std::vector<std::unique_ptr<CfgBlock>> blocks_;  // blocks_[0] is the entry

 private:
  std::vector<std::pair<const ast::Node*, std::pair<const CfgBlock*, int>>> index_;
  friend class CfgBuilder;
};

// True when call never returns: panic(...), os.Exit, syscall.Exit, log.Fatal/Fatalf/Fatalln,
// log.Panic*, runtime.Goexit, and methods Fatal/Fatalf/Fatalln/FailNow/SkipNow/Skip/Skipf on
// anything (testing.T, B, F, TB, and loggers with the same names). With info, packages are
// recognised under any import name (and through dot imports) and shadowing counts (a local
// `panic` or a variable named `log` or `os` is not the builtin/package); without info the
// names are taken literally (`os.Exit`, `log.Panic`, `panic`).
bool is_no_return_call(const ast::CallExpr* call, const PackageInfo* info);

}  // namespace oomguard::lint
