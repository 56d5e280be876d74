#include "lint/rules/body_not_closed.h"

#include <fmt/format.h>

#include <cctype>

#include "lint/rules/common/resource_flow.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

bool mentions_client(std::string_view name) {
  std::string lower;
  for (char ch : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower.find("client") != std::string::npos;
}

// `http.Client{...}`, `&http.Client{...}` or http.DefaultClient.
bool client_value(const PackageInfo& info, const ast::Expr* e) {
  e = unparen(e);
  if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(e); u != nullptr && u->op == go::Tok::AND) {
    e = unparen(u->x);
  }
  if (const auto* cl = ast::dyn_cast<ast::CompositeLit>(e)) {
    return info.is_qualified(cl->type, "net/http", "Client");
  }
  return info.is_qualified(e, "net/http", "DefaultClient");
}

bool client_type(const PackageInfo& info, const ast::Expr* t) {
  if (const auto* s = ast::dyn_cast<ast::StarExpr>(t)) t = s->x;
  return t != nullptr && info.is_qualified(t, "net/http", "Client");
}

// Without types, a receiver counts as an HTTP client when it is http.DefaultClient; a variable
// or parameter declared as (*)http.Client or initialised from http.Client{}/&http.Client{}/
// http.DefaultClient; a field declared as (*)http.Client in this package; or any name (variable,
// field, or function returning it) containing "client".
bool is_client(ResourceFlow& flow, const ast::Expr* x) {
  const PackageInfo& info = flow.info();
  x = unparen(x);
  if (info.is_qualified(x, "net/http", "DefaultClient")) return true;
  if (const auto* id = ast::dyn_cast<ast::Ident>(x)) {
    const Object* obj = info.object_of(id);
    if (obj == nullptr || obj->kind != Object::Kind::kVar) return false;
    if (mentions_client(id->name)) return true;
    if (const auto* f = ast::dyn_cast<ast::Field>(obj->decl)) return client_type(info, f->type);
    if (const auto* as = ast::dyn_cast<ast::AssignStmt>(obj->decl)) {
      for (uint32_t i = 0; i < as->lhs.size() && i < as->rhs.size(); ++i) {
        if (as->lhs[i] == obj->ident) return client_value(info, as->rhs[i]);
      }
      return false;
    }
    if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(obj->decl)) {
      if (vs->type != nullptr) return client_type(info, vs->type);
      for (uint32_t i = 0; i < vs->names.size() && i < vs->values.size(); ++i) {
        if (vs->names[i] == obj->ident) return client_value(info, vs->values[i]);
      }
    }
    return false;
  }
  if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(x)) {
    std::string_view path;
    std::string_view name;
    if (info.qualified_name(x, &path, &name)) return false;
    return mentions_client(sel->sel->name) || flow.facts().http_client_field(sel->sel->name);
  }
  if (const auto* call = ast::dyn_cast<ast::CallExpr>(x)) return mentions_client(callee_name(call));
  return false;
}

size_t arity(std::string_view m) {
  if (m == "Do" || m == "Get" || m == "Head") return 1;
  if (m == "PostForm") return 2;
  if (m == "Post") return 3;
  return 0;
}

// Index of the *http.Response among fd's results, and of the error, or res = -1.
Pick response_result(const PackageInfo& info, const ast::FuncDecl* fd) {
  Pick p;
  if (fd->type == nullptr || fd->type->results == nullptr) return p;
  int i = 0;
  for (const ast::Field* f : fd->type->results->list) {
    int n = f->names.empty() ? 1 : static_cast<int>(f->names.size());
    const auto* star = ast::dyn_cast<ast::StarExpr>(f->type);
    if (star != nullptr && info.is_qualified(star->x, "net/http", "Response") && n == 1) p.res = i;
    if (const auto* id = ast::dyn_cast<ast::Ident>(f->type); id != nullptr && id->name == "error") {
      p.err = i;
    }
    i += n;
  }
  return p;
}

}  // namespace

const RuleInfo& BodyNotClosedRule::info() const {
  static const RuleInfo kInfo{
      "body-not-closed",
      "an HTTP response body is not closed on some path where the request succeeded",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void BodyNotClosedRule::run(Pass& pass) const {
  ResourceFlow flow(pass);
  const PackageInfo& info = pass.info();
  static const ResourceSpec kSpec{{}, "Body", false, false};
  auto pick = [&](const ast::CallExpr* call, size_t nlhs) -> Pick {
    if (nlhs != 0 && nlhs != 2) return {};
    std::string_view path;
    std::string_view name;
    const ast::Expr* fun = unparen(call->fun);
    if (info.qualified_name(fun, &path, &name)) {
      if (path == "net/http" &&
          (name == "Get" || name == "Head" || name == "Post" || name == "PostForm")) {
        return {0, 1};
      }
      return {};
    }
    if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(fun)) {
      size_t n = arity(sel->sel->name);
      if (n != 0 && call->args.size() == n && is_client(flow, sel->x)) return {0, 1};
      return {};
    }
    if (const auto* id = ast::dyn_cast<ast::Ident>(fun)) {
      const Object* obj = info.object_of(id);
      if (obj != nullptr && obj->kind == Object::Kind::kFunc && obj->package_level) {
        if (const auto* fd = ast::dyn_cast<ast::FuncDecl>(obj->decl)) {
          Pick p = response_result(info, fd);
          if (p.res >= 0 && (nlhs == 0 || p.err >= 0)) return p;
        }
      }
    }
    return {};
  };
  auto same_kind = [&](const ast::CallExpr* c) { return pick(c, 2).res >= 0; };
  for_each_candidate(
      pass, {}, [&](int, const ast::CallExpr* call, size_t nlhs) { return pick(call, nlhs); },
      [&](const Candidate& c) {
        std::string call = node_text(pass, c.acq.file, c.acq.call, 40);
        std::string v = c.acq.var != nullptr ? std::string(c.acq.var->name) : "resp";
        check_closer(pass, flow, c, kSpec, same_kind,
                     fmt::format("the body of the response from {}", call),
                     fmt::format("defer {}.Body.Close() after the error check", v));
      });
}

}  // namespace oomguard::lint::rules
