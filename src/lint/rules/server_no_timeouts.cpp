#include "lint/rules/server_no_timeouts.h"

#include <fmt/format.h>

#include <unordered_set>

#include "lint/rules/common/net_http.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

bool is_read_timeout(std::string_view field) {
  return field == "ReadHeaderTimeout" || field == "ReadTimeout";
}

// Where a server literal is stored: the left-hand side it is assigned to or the name it
// initialises, or nullptr (returned, passed, nested in another literal).
const ast::Expr* destination(const ast::Expr* value, const std::vector<const ast::Node*>& parents,
                             size_t* up) {
  size_t i = parents.size();
  const ast::Node* child = value;
  while (i > 0 && (parents[i - 1]->kind == ast::Kind::ParenExpr ||
                   (parents[i - 1]->kind == ast::Kind::UnaryExpr &&
                    static_cast<const ast::UnaryExpr*>(parents[i - 1])->op == go::Tok::AND))) {
    child = parents[--i];
  }
  *up = i;
  if (i == 0) return nullptr;
  const ast::Node* p = parents[i - 1];
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(p)) {
    if (as->lhs.size() != as->rhs.size()) return nullptr;
    for (uint32_t k = 0; k < as->rhs.size(); ++k) {
      if (as->rhs[k] == child) return as->lhs[k];
    }
  } else if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(p)) {
    if (vs->names.size() != vs->values.size()) return nullptr;
    for (uint32_t k = 0; k < vs->values.size(); ++k) {
      if (vs->values[k] == child) return vs->names[k];
    }
  }
  return nullptr;
}

// httptest servers are test fixtures: `&httptest.Server{Config: &http.Server{...}}` or
// `ts.Config = &http.Server{...}`.
bool in_httptest(const Pass& pass, int file, const ast::Expr* dest,
                 const std::vector<const ast::Node*>& parents, size_t up) {
  const PackageInfo& info = pass.info();
  // Package httptest itself builds its servers with `&Server{Config: &http.Server{...}}`.
  bool self = pass.files()[static_cast<size_t>(file)].parsed->file->name->name == "httptest";
  if (!self && !info.imports(file, "net/http/httptest")) return false;
  if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(dest);
      sel != nullptr && sel->sel->name == "Config") {
    return true;
  }
  if (up >= 2 && parents[up - 1]->kind == ast::Kind::KeyValueExpr) {
    const auto* outer = ast::dyn_cast<ast::CompositeLit>(parents[up - 2]);
    if (outer == nullptr || outer->type == nullptr) return false;
    if (self) {
      const auto* id = ast::dyn_cast<ast::Ident>(unparen(outer->type));
      if (id != nullptr && id->name == "Server") return true;
    }
    return info.is_qualified(outer->type, "net/http/httptest", "Server");
  }
  return false;
}

}  // namespace

const RuleInfo& ServerNoTimeoutsRule::info() const {
  static const RuleInfo kInfo{
      "server-no-timeouts",
      "HTTP server without read timeouts lets slow clients hold goroutines and buffers "
      "indefinitely",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void ServerNoTimeoutsRule::run(Pass& pass) const {
  const PackageInfo& info = pass.info();
  // Objects whose ReadHeaderTimeout or ReadTimeout is assigned somewhere (srv.ReadTimeout = d).
  std::unordered_set<const Object*> timed;
  bool any_server = false;
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    any_server = any_server || info.imports(file, "net/http");
  }
  if (!any_server) return;
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    walk_with_parents(pass.files()[static_cast<size_t>(file)].parsed->file,
                      [&](const ast::Node* n, const auto&) {
                        if (const auto* as = ast::dyn_cast<ast::AssignStmt>(n)) {
                          for (const ast::Expr* l : as->lhs) {
                            const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(l));
                            if (sel == nullptr || !is_read_timeout(sel->sel->name)) continue;
                            if (const auto* id = ast::dyn_cast<ast::Ident>(unparen(sel->x))) {
                              if (const Object* obj = info.object_of(id)) timed.insert(obj);
                            }
                          }
                        }
                        return true;
                      });
  }

  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file) || is_test_file(pass, file) || !info.imports(file, "net/http")) {
      continue;
    }
    const ast::File* f = pass.files()[static_cast<size_t>(file)].parsed->file;
    walk_with_parents(f, [&](const ast::Node* n, const std::vector<const ast::Node*>& parents) {
      if (const auto* call = ast::dyn_cast<ast::CallExpr>(n)) {
        std::string_view path;
        std::string_view name;
        if (!info.qualified_name(call->fun, &path, &name) || path != "net/http") return true;
        if (name != "ListenAndServe" && name != "ListenAndServeTLS" && name != "Serve" &&
            name != "ServeTLS") {
          return true;
        }
        pass.report(
            file, call,
            fmt::format("{} runs a server without timeouts (the package-level helpers cannot set "
                        "them): slow or stalled clients keep their goroutines and buffers for as "
                        "long as they like",
                        node_text(pass, file, call)),
            fmt::format("use an &http.Server{{...}} with ReadHeaderTimeout (and ReadTimeout, "
                        "WriteTimeout, IdleTimeout as the handlers allow) and call its {}",
                        name));
        return true;
      }
      const auto* lit = ast::dyn_cast<ast::CompositeLit>(n);
      if (lit == nullptr || lit->type == nullptr ||
          !info.is_qualified(lit->type, "net/http", "Server")) {
        return true;
      }
      if (lit_field(lit, "ReadHeaderTimeout") != nullptr ||
          lit_field(lit, "ReadTimeout") != nullptr) {
        return true;
      }
      size_t up = 0;
      const ast::Expr* dest = destination(lit, parents, &up);
      if (in_httptest(pass, file, dest, parents, up)) return true;
      if (dest != nullptr) {
        const ast::Expr* d = unparen(dest);
        if (const auto* id = ast::dyn_cast<ast::Ident>(d)) {
          const Object* obj = info.object_of(id);
          if (obj != nullptr && timed.count(obj) != 0) return true;
        } else {
          // A field or element (s.srv = &http.Server{}): set later in the same function?
          const ast::Node* func = nullptr;
          for (const ast::Node* p : parents) {
            if (p->kind == ast::Kind::FuncDecl) {
              func = p;
              break;
            }
          }
          std::string target = node_text(pass, file, d, 200);
          bool set = false;
          if (func != nullptr) {
            walk_with_parents(func, [&](const ast::Node* m, const auto&) {
              if (set) return false;
              if (const auto* as = ast::dyn_cast<ast::AssignStmt>(m)) {
                for (const ast::Expr* l : as->lhs) {
                  const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(l));
                  if (sel != nullptr && is_read_timeout(sel->sel->name) &&
                      node_text(pass, file, unparen(sel->x), 200) == target) {
                    set = true;
                  }
                }
              }
              return true;
            });
          }
          if (set) return true;
        }
      }
      pass.report(file, lit,
                  "http.Server without ReadHeaderTimeout or ReadTimeout: a client that sends "
                  "its headers slowly (Slowloris) holds a goroutine and its buffers for as long "
                  "as it likes",
                  "set ReadHeaderTimeout (e.g. 10 * time.Second), and ReadTimeout, WriteTimeout "
                  "and IdleTimeout as the handlers allow");
      return true;
    });
  }
}

}  // namespace oomguard::lint::rules
