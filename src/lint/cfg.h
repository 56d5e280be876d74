// A per-function control-flow graph over statements, in the manner of golang.org/x/tools/go/cfg:
// basic blocks hold statements and branch conditions in execution order; edges follow if,
// switch, type switch, select, for, range, goto and labels, break, continue, fallthrough and
// return. A call that never returns (panic, os.Exit, log.Fatal*, log.Panic*, t.Fatal*/FailNow/
// Skip*, runtime.Goexit) ends its block with no successor. Function literals are not entered:
// each has its own graph.
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
    kEntry,       // function body start
    kBody,        // plain statements
    kIfThen,
    kIfElse,
    kIfDone,
    kForCond,     // loop header: cond is the last node; succs {body, done}
    kForBody,
    kForPost,
    kForDone,
    kRangeHead,   // range header: the RangeStmt's x is evaluated once before; succs {body, done}
    kRangeBody,
    kRangeDone,
    kSwitchCase,  // a case clause's body (its expressions are in the block before)
    kSwitchDone,
    kSelectCase,  // a comm clause: the comm statement is the first node
    kSelectDone,
    kLabel,
    kUnreachable, // statements after a return/branch/no-return call
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
  const ast::Node* stmt = nullptr;  // the compound statement this block belongs to, if any
  bool live = false;                // reachable from the entry
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
  // Blocks that leave the function normally (return statement or falling off the end).
  [[nodiscard]] std::vector<const CfgBlock*> return_blocks() const;
  // The block and index of a statement node, or {nullptr, -1} when the node is not a block
  // member (e.g. inside a function literal).
  [[nodiscard]] std::pair<const CfgBlock*, int> locate(const ast::Node* n) const;
  // A debugging dump (one line per block: kind, nodes as kinds with lines, successors).
  [[nodiscard]] std::string dump(const go::ParsedFile& file) const;

  std::vector<std::unique_ptr<CfgBlock>> blocks_;  // blocks_[0] is the entry

 private:
  std::vector<std::pair<const ast::Node*, std::pair<const CfgBlock*, int>>> index_;
  friend class CfgBuilder;
};

// True when call never returns: panic(...), os.Exit, log.Fatal/Fatalf/Fatalln, log.Panic*,
// runtime.Goexit, and methods Fatal/Fatalf/FailNow/SkipNow/Skip/Skipf on anything (testing.T,
// B, F, TB, and loggers with the same names).
bool is_no_return_call(const ast::CallExpr* call, const PackageInfo* info);

}  // namespace oomguard::lint
