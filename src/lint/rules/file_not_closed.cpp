#include "lint/rules/file_not_closed.h"

#include <fmt/format.h>

#include "lint/rules/common/resource_flow.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

bool dialer_type(const PackageInfo& info, const ast::Expr* t) {
  if (const auto* s = ast::dyn_cast<ast::StarExpr>(t)) t = s->x;
  return t != nullptr && info.is_qualified(t, "net", "Dialer");
}

// A variable declared as (*)net.Dialer or initialised from net.Dialer{}/&net.Dialer{}.
bool is_dialer(const PackageInfo& info, const ast::Expr* x) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(x));
  const Object* obj = id != nullptr ? info.object_of(id) : nullptr;
  if (obj == nullptr || obj->kind != Object::Kind::kVar) return false;
  if (const auto* f = ast::dyn_cast<ast::Field>(obj->decl)) return dialer_type(info, f->type);
  auto lit = [&](const ast::Expr* e) {
    e = unparen(e);
    if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(e); u != nullptr && u->op == go::Tok::AND) {
      e = unparen(u->x);
    }
    const auto* cl = ast::dyn_cast<ast::CompositeLit>(e);
    return cl != nullptr && dialer_type(info, cl->type);
  };
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(obj->decl)) {
    for (uint32_t i = 0; i < as->lhs.size() && i < as->rhs.size(); ++i) {
      if (as->lhs[i] == obj->ident) return lit(as->rhs[i]);
    }
  }
  if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(obj->decl)) {
    if (vs->type != nullptr) return dialer_type(info, vs->type);
    for (uint32_t i = 0; i < vs->names.size() && i < vs->values.size(); ++i) {
      if (vs->names[i] == obj->ident) return lit(vs->values[i]);
    }
  }
  return false;
}

// "the file from os.Open" / "the connection from net.Dial", or "" when not acquiring.
std::string acquired(const PackageInfo& info, const ast::CallExpr* call) {
  std::string_view path;
  std::string_view name;
  const ast::Expr* fun = unparen(call->fun);
  if (info.qualified_name(fun, &path, &name)) {
    if (path == "os" &&
        (name == "Open" || name == "Create" || name == "OpenFile" || name == "CreateTemp")) {
      return fmt::format("the file from os.{}", name);
    }
    if (path == "io/ioutil" && name == "TempFile") return "the file from ioutil.TempFile";
    if (path == "net" && (name == "Dial" || name == "DialTimeout")) {
      return fmt::format("the connection from net.{}", name);
    }
    return {};
  }
  if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(fun)) {
    std::string_view m = sel->sel->name;
    if ((m == "Dial" || m == "DialContext") && is_dialer(info, sel->x)) {
      return fmt::format("the connection from the dialer's {}", m);
    }
  }
  return {};
}

}  // namespace

const RuleInfo& FileNotClosedRule::info() const {
  static const RuleInfo kInfo{"file-not-closed",
                              "a file or network connection is not closed on some path",
                              Severity::kWarning,
                              0,
                              0,
                              "",
                              {}};
  return kInfo;
}

void FileNotClosedRule::run(Pass& pass) const {
  ResourceFlow flow(pass);
  const PackageInfo& info = pass.info();
  static const ResourceSpec kSpec{{"Close"}, {}, false, false};
  auto same = [&](const ast::CallExpr* c) { return !acquired(info, c).empty(); };
  for_each_candidate(
      pass, {"os", "io/ioutil", "net"},
      [&](int, const ast::CallExpr* call, size_t nlhs) {
        return (nlhs == 0 || nlhs == 2) && !acquired(info, call).empty() ? Pick{0, 1} : Pick{};
      },
      [&](const Candidate& c) {
        std::string v = c.acq.var != nullptr ? std::string(c.acq.var->name) : "f";
        check_closer(pass, flow, c, kSpec, same, acquired(info, c.acq.call),
                     fmt::format("defer {}.Close() after the error check", v));
      });
}

}  // namespace oomguard::lint::rules
