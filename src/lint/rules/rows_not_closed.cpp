#include "lint/rules/rows_not_closed.h"

#include <fmt/format.h>

#include "lint/rules/common/resource_flow.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

enum class What : uint8_t { kNone, kRows, kStmt };

// Without types: a method call named Query/QueryContext (rows) or Prepare/PrepareContext
// (statement) whose two results are assigned, on a receiver that is not an imported package.
// The local type name T of a receiver variable declared as T or *T (a parameter or `var x T`).
std::string_view local_type_of(const PackageInfo& info, const ast::Expr* x) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(x));
  const Object* obj = id != nullptr ? info.object_of(id) : nullptr;
  if (obj == nullptr) return {};
  const ast::Expr* t = nullptr;
  if (const auto* f = ast::dyn_cast<ast::Field>(obj->decl)) t = f->type;
  if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(obj->decl)) t = vs->type;
  if (const auto* star = ast::dyn_cast<ast::StarExpr>(t)) t = star->x;
  const auto* tid = ast::dyn_cast<ast::Ident>(t);
  return tid != nullptr ? tid->name : std::string_view{};
}

// True when the receiver's declared type is a local type with its own method m that returns no
// database/sql type (a local type's Query, not database/sql's).
bool local_non_sql(ResourceFacts& facts, const PackageInfo& info, const ast::CallExpr* call) {
  const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->fun));
  std::string_view tname = sel != nullptr ? local_type_of(info, sel->x) : std::string_view{};
  if (tname.empty()) return false;
  const auto* fds = facts.methods(sel->sel->name);
  if (fds == nullptr) return false;
  for (const ast::FuncDecl* fd : *fds) {
    std::string n = func_decl_name(fd);
    std::string recv = n.substr(0, n.rfind('.'));
    if (recv.size() > 3 && recv[0] == '(') recv = recv.substr(2, recv.size() - 3);
    if (recv != tname) continue;
    bool sql_result = false;
    if (fd->type != nullptr && fd->type->results != nullptr) {
      for (const ast::Field* f : fd->type->results->list) {
        const ast::Expr* t = f->type;
        if (const auto* star = ast::dyn_cast<ast::StarExpr>(t)) t = star->x;
        std::string_view path;
        std::string_view name;
        if (info.qualified_name(t, &path, &name) && path == "database/sql") sql_result = true;
      }
    }
    return !sql_result;
  }
  return false;
}

// A transaction: a variable declared as (*)sql.Tx, set from Begin/BeginTx, or named tx. Statements
// prepared on it are closed by Commit/Rollback.
bool is_tx(const PackageInfo& info, const ast::Expr* x) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(x));
  const Object* obj = id != nullptr ? info.object_of(id) : nullptr;
  if (obj == nullptr) return false;
  if (id->name == "tx" || id->name == "txn") return true;
  const ast::Expr* t = nullptr;
  if (const auto* f = ast::dyn_cast<ast::Field>(obj->decl)) t = f->type;
  if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(obj->decl)) t = vs->type;
  if (const auto* star = ast::dyn_cast<ast::StarExpr>(t)) t = star->x;
  if (t != nullptr) return info.is_qualified(t, "database/sql", "Tx");
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(obj->decl);
      as != nullptr && as->rhs.size() == 1) {
    if (const auto* c = ast::dyn_cast<ast::CallExpr>(unparen(as->rhs[0]))) {
      std::string_view n = callee_name(c);
      return n == "Begin" || n == "BeginTx";
    }
  }
  return false;
}

What classify(const PackageInfo& info, const ast::CallExpr* call, size_t nlhs) {
  if (nlhs != 2) return What::kNone;
  const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->fun));
  if (sel == nullptr) return What::kNone;
  std::string_view path;
  std::string_view name;
  if (info.qualified_name(sel, &path, &name)) return What::kNone;
  std::string_view m = sel->sel->name;
  if ((m == "Query" || m == "QueryContext") && !call->args.empty()) return What::kRows;
  if ((m == "Prepare" || m == "PrepareContext") && !call->args.empty() && !is_tx(info, sel->x)) {
    return What::kStmt;
  }
  return What::kNone;
}

}  // namespace

const RuleInfo& RowsNotClosedRule::info() const {
  static const RuleInfo kInfo{"rows-not-closed",
                              "sql.Rows or sql.Stmt is not closed on some path",
                              Severity::kWarning,
                              0,
                              0,
                              "",
                              {}};
  return kInfo;
}

void RowsNotClosedRule::run(Pass& pass) const {
  ResourceFlow flow(pass);
  const PackageInfo& info = pass.info();
  static const ResourceSpec kRows{{"Close"}, {}, false, true};
  static const ResourceSpec kStmt{{"Close"}, {}, false, false};
  for_each_candidate(
      pass, {},
      [&](int, const ast::CallExpr* call, size_t nlhs) {
        if (classify(info, call, nlhs) == What::kNone) return Pick{};
        if (local_non_sql(flow.facts(), info, call)) return Pick{};
        return Pick{0, 1};
      },
      [&](const Candidate& c) {
        What w = classify(info, c.acq.call, 2);
        std::string call = node_text(pass, c.acq.file, c.acq.call, 40);
        std::string v = c.acq.var != nullptr ? std::string(c.acq.var->name)
                        : w == What::kRows   ? "rows"
                                             : "stmt";
        auto same = [&](const ast::CallExpr* o) { return classify(info, o, 2) == w; };
        if (w == What::kRows) {
          check_closer(pass, flow, c, kRows, same, fmt::format("the rows from {}", call),
                       fmt::format("defer {}.Close() after the error check", v));
        } else {
          check_closer(pass, flow, c, kStmt, same, fmt::format("the statement from {}", call),
                       fmt::format("defer {}.Close() after the error check", v));
        }
      });
}

}  // namespace oomguard::lint::rules
