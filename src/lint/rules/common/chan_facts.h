// Facts about channels and goroutines shared by the goroutine-leak rules (blocked-send-leak,
// range-not-closed, goroutine-no-exit, double-send), without a type checker:
//  - how each use of a channel variable acts on it (send, receive, range, close, passed to a
//    function, or handed off to code we cannot judge), in which goroutine it runs, and which
//    statement of the analysed function holds it;
//  - per package, computed once per run(): which channels are closed anywhere (by object or by
//    field name), which same-package function a call runs, and what a function does with a
//    channel parameter ("closes its parameter", "ranges over it", ...).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "go/ast.h"
#include "lint/rule.h"
#include "lint/rules/common/cfg_paths.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {

enum class ChanOp : uint8_t {
  kSend,     // ch <- v
  kRecv,     // <-ch
  kRange,    // for v := range ch
  kClose,    // close(ch)
  kNeutral,  // len(ch), cap(ch), ch == nil, the declaration itself
  kAssign,   // ch = ... after the declaration
  kCall,     // passed to a same-package function (see callee/arg)
  kEscape,   // returned, stored, sent, aliased, passed to a function we cannot see into
};

struct ChanUse {
  ChanOp op = ChanOp::kEscape;
  const ast::Ident* id = nullptr;
  const ast::Node* node = nullptr;  // SendStmt, UnaryExpr, RangeStmt or CallExpr of the use
  // A send or receive that is a comm of a select with another clause (or default): it has a way
  // out.
  bool guarded = false;
  // The function literal directly in the analysed function that holds the use (nullptr: the
  // function itself), whether a go statement runs it (go) or a defer, and whether the use is
  // in a literal nested deeper.
  const ast::FuncLit* lit = nullptr;
  const ast::GoStmt* go = nullptr;
  bool deferred = false;
  bool nested = false;
  // kCall: the function (FuncDecl or FuncLit) and the parameter index; go set when a go
  // statement runs the call.
  const ast::Node* callee = nullptr;
  int arg = -1;
  // Loops of the analysed function (not of literals) around the use, outermost first.
  std::vector<const ast::Node*> loops;
  // The member of the analysed function's graph that holds the use (for uses in literals: the
  // statement holding the literal).
  CfgPoint at;
};

// What a function does with one of its channel parameters, uses in its literals included.
struct ParamSummary {
  bool sends = false;          // unguarded send
  bool sends_guarded = false;  // send in a select with a way out
  bool recvs = false;
  bool ranges = false;
  bool closes = false;
  bool escapes = false;              // handed off, or passed to code we cannot see into
  const ast::Node* send = nullptr;   // first unguarded send
  const ast::Node* range = nullptr;  // first range over it
};

// The object or field name a channel expression denotes: `ch` → its object, `s.done` → "done".
struct ChanKey {
  const Object* obj = nullptr;
  std::string_view field;
  [[nodiscard]] bool valid() const { return obj != nullptr || !field.empty(); }
};
ChanKey chan_key(const PackageInfo& info, const ast::Expr* e);

class PackageFacts {
 public:
  explicit PackageFacts(const Pass& pass);
  PackageFacts(const PackageFacts&) = delete;
  PackageFacts& operator=(const PackageFacts&) = delete;

  [[nodiscard]] const PackageInfo& info() const { return info_; }

  // True when some code of the package closes the channel (close(x) or close(y.field)).
  bool closed_anywhere(const ChanKey& key);

  // The same-package function a call runs: a FuncLit called in place, a package-level
  // function, or a method whose name only one method of the package has. nullptr otherwise.
  const ast::Node* callee(const ast::CallExpr* call);

  // The body and parameter list of a FuncDecl or FuncLit.
  static const ast::BlockStmt* body_of(const ast::Node* fn);
  static const ast::FuncType* type_of(const ast::Node* fn);
  // The parameter object for argument index i of fn, or nullptr (variadic, unnamed, blank).
  const Object* param_object(const ast::Node* fn, int i) const;

  // What fn does with its parameter i (memoised; recursion through same-package calls is
  // bounded, a cycle counts as escaping).
  const ParamSummary& param(const ast::Node* fn, int i);

 private:
  void index_functions();
  void index_closes();

  const PackageInfo& info_;
  const std::vector<FileCtx>& files_;
  bool functions_indexed_ = false;
  std::unordered_map<std::string_view, const ast::FuncDecl*> methods_;  // null: ambiguous
  bool closes_indexed_ = false;
  std::unordered_set<const Object*> closed_objs_;
  std::unordered_set<std::string_view> closed_fields_;
  std::unordered_map<uint64_t, std::unique_ptr<ParamSummary>> params_;
  std::unordered_set<uint64_t> in_progress_;
};

// Collects every use of the channel objects `chans` in fn's body (fn a FuncDecl or FuncLit),
// literals included. cfg is fn's graph (for ChanUse::at) and may be null.
std::vector<ChanUse> collect_uses(PackageFacts& facts, const ast::Node* fn, const Cfg* cfg,
                                  const std::unordered_set<const Object*>& chans);

// For `ch := make(chan T[, n])` (or var ch = make(...)): the make call, else nullptr.
const ast::CallExpr* chan_make_of(const PackageInfo& info, const Object* obj);
// Channels made in fn's body itself (not in its function literals): `ch := make(chan T[, n])`
// and `var ch = make(...)`, in source order, with their make calls.
std::vector<std::pair<const Object*, const ast::CallExpr*>> local_chans(const PackageInfo& info,
                                                                        const ast::BlockStmt* body);
// The functions (FuncDecl or FuncLit) of each file that make a channel into a variable they
// declare, in source order; built once per package (Pass::shared) from the function index.
class ChanMakers {
 public:
  explicit ChanMakers(const Pass& pass);
  [[nodiscard]] const std::vector<const FuncEntry*>& file(int i) const {
    return files_[static_cast<size_t>(i)];
  }

 private:
  std::vector<std::vector<const FuncEntry*>> files_;
};

// f(file, function) for every channel-making function of the files the rule applies to.
template <typename F>
void for_each_chan_maker(const Pass& pass, F&& f) {
  const ChanMakers& makers = pass.shared<ChanMakers>();
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    for (const FuncEntry* e : makers.file(file)) f(file, *e);
  }
}

// True when the make call has no capacity or a literal 0.
bool unbuffered(const ast::CallExpr* make);

// True when e (parentheses looked through) is a call to the universe function `name`.
bool is_builtin_call(const PackageInfo& info, const ast::Expr* e, std::string_view name);

}  // namespace oomguard::lint::rules
