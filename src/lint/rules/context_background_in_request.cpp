#include "lint/rules/context_background_in_request.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

// What a function receives that carries cancellation.
struct Carrier {
  const ast::Field* field = nullptr;
  std::string name;  // "ctx", "r"
  bool request = false;
};

bool is_testing_param(const PackageInfo& info, const ast::Expr* t) {
  const auto* star = ast::dyn_cast<ast::StarExpr>(t);
  const ast::Expr* x = star != nullptr ? star->x : t;
  return info.is_qualified(x, "testing", "T") || info.is_qualified(x, "testing", "B") ||
         info.is_qualified(x, "testing", "F") || info.is_qualified(x, "testing", "TB");
}

// The context.Context or *http.Request parameter of a function type, if any. A blank or unnamed
// parameter is not a carrier: the function cannot use it. *testing helper flags tests.
std::optional<Carrier> carrier_of(const PackageInfo& info, const ast::FuncType* ft,
                                  bool* testing_param) {
  std::optional<Carrier> ctx;
  std::optional<Carrier> req;
  if (ft == nullptr || ft->params == nullptr) return std::nullopt;
  for (const ast::Field* f : ft->params->list) {
    if (f->type == nullptr) continue;
    if (is_testing_param(info, f->type)) *testing_param = true;
    bool is_ctx = info.is_qualified(f->type, "context", "Context");
    const auto* star = ast::dyn_cast<ast::StarExpr>(f->type);
    bool is_req = star != nullptr && info.is_qualified(star->x, "net/http", "Request");
    if (!is_ctx && !is_req) continue;
    for (const ast::Ident* id : f->names) {
      if (id->name == "_") continue;
      Carrier c{f, std::string(id->name), is_req};
      if (is_ctx && !ctx) ctx = c;
      if (is_req && !req) req = c;
    }
  }
  if (ctx) return ctx;
  if (req && !*testing_param) return req;  // a test helper with a request but no ctx
  return std::nullopt;
}

void walk(Pass& pass, int file, const ast::Node* n, const std::string& func_name,
          const std::optional<Carrier>& carrier);

void visit_func(Pass& pass, int file, const ast::FuncType* ft, const ast::BlockStmt* body,
                const std::string& name, const std::optional<Carrier>& outer) {
  bool testing_param = false;
  std::optional<Carrier> own = carrier_of(pass.info(), ft, &testing_param);
  const std::optional<Carrier>& c = own ? own : outer;
  walk(pass, file, body, name, c);
}

void walk(Pass& pass, int file, const ast::Node* n, const std::string& func_name,
          const std::optional<Carrier>& carrier) {
  // `ctx = context.Background()` (typically under `if ctx == nil`) replaces a missing context.
  std::vector<const ast::CallExpr*> defaults;
  ast::inspect(const_cast<ast::Node*>(n), [&](ast::Node* x) {
    if (x == nullptr) return false;
    // `ctx != context.Background()` compares; it does not create a context to use.
    if (const auto* be = ast::dyn_cast<ast::BinaryExpr>(x);
        be != nullptr && (be->op == go::Tok::EQL || be->op == go::Tok::NEQ)) {
      for (const ast::Expr* side : {be->x, be->y}) {
        if (const auto* c = ast::dyn_cast<ast::CallExpr>(unparen(side))) defaults.push_back(c);
      }
    }
    if (const auto* as = ast::dyn_cast<ast::AssignStmt>(x);
        as != nullptr && carrier && as->lhs.size() == 1 && as->rhs.size() == 1) {
      const auto* lhs = ast::dyn_cast<ast::Ident>(as->lhs[0]);
      const auto* rhs = ast::dyn_cast<ast::CallExpr>(unparen(as->rhs[0]));
      if (lhs != nullptr && rhs != nullptr && lhs->name == carrier->name) defaults.push_back(rhs);
    }
    if (const auto* lit = ast::dyn_cast<ast::FuncLit>(x)) {
      if (lit->body != nullptr) {
        visit_func(pass, file, lit->type, lit->body, func_name, carrier);
      }
      return false;
    }
    const auto* call = ast::dyn_cast<ast::CallExpr>(x);
    if (call == nullptr || !carrier) return true;
    std::string_view path;
    std::string_view name;
    if (!call->args.empty() || !pass.info().qualified_name(call->fun, &path, &name) ||
        path != "context" || (name != "Background" && name != "TODO")) {
      return true;
    }
    if (std::find(defaults.begin(), defaults.end(), call) != defaults.end()) return true;
    const Carrier& c = *carrier;
    std::string text = node_text(pass, file, call);
    std::string msg;
    std::string fix;
    if (c.request) {
      msg = fmt::format(
          "{} in {}, which handles request {}: the new context is not cancelled when the "
          "client goes away or the server shuts down",
          text, func_name, c.name);
      fix = fmt::format(
          "derive from {}.Context() (context.WithoutCancel({}.Context()) if the "
          "work must deliberately outlive the request)",
          c.name, c.name);
    } else {
      msg = fmt::format(
          "{} in {}, which receives {}: cancellation and deadlines of {} stop propagating here",
          text, func_name, c.name, c.name);
      fix = fmt::format(
          "derive from {} (context.WithoutCancel({}) if the work must deliberately outlive it)",
          c.name, c.name);
    }
    pass.report(
        file, call, std::move(msg), std::move(fix),
        {pass.related(file, ast::node_pos(c.field), fmt::format("{} is received here", c.name))});
    return true;
  });
}

}  // namespace

const RuleInfo& ContextBackgroundInRequestRule::info() const {
  static const RuleInfo kInfo{
      "context-background-in-request",
      "context.Background()/TODO() in a function that has a ctx or *http.Request: cancellation "
      "stops propagating",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void ContextBackgroundInRequestRule::run(Pass& pass) const {
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    if (!pass.info().imports(file, "context")) continue;
    const ast::File* f = pass.files()[static_cast<size_t>(file)].parsed->file;
    bool main_pkg = f->name != nullptr && f->name->name == "main";
    for (const ast::Node* d : f->decls) {
      const auto* fd = ast::dyn_cast<ast::FuncDecl>(d);
      if (fd == nullptr) {  // function literals in package-level initialisers
        walk(pass, file, d, "the function literal", std::nullopt);
        continue;
      }
      if (fd->body == nullptr) continue;
      bool plain = fd->recv == nullptr || fd->recv->list.empty();
      if (plain && (fd->name->name == "init" || (main_pkg && fd->name->name == "main"))) continue;
      visit_func(pass, file, fd->type, fd->body, func_decl_name(fd), std::nullopt);
    }
  }
}

}  // namespace oomguard::lint::rules
