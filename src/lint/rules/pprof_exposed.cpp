#include "lint/rules/pprof_exposed.h"

#include <fmt/format.h>

#include "lint/rules/common/net_http.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

constexpr std::string_view kPprof = "net/http/pprof";

// A server's listen address and handler as far as they can be resolved.
struct Served {
  const ast::Expr* addr = nullptr;  // nullptr: the zero value ""
  const ast::Expr* handler = nullptr;
  bool addr_known = true;     // false when reassigned in ways we cannot follow
  bool handler_known = true;  // nullptr handler + known = the zero value (nil)
};

// The pprof import of the package, in a file that is built outside tests.
const ast::ImportSpec* pprof_import(const Pass& pass, int* file_out) {
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (is_test_file(pass, file) || !pass.info().imports(file, kPprof)) continue;
    for (const ast::ImportSpec* spec :
         pass.files()[static_cast<size_t>(file)].parsed->file->imports) {
      if (spec->path != nullptr && spec->path->value.size() >= 2 &&
          spec->path->value.substr(1, spec->path->value.size() - 2) == kPprof) {
        *file_out = file;
        return spec;
      }
    }
  }
  return nullptr;
}

// A field of a server: the one later `srv.Field = v` store when there is one, else the
// literal's key (absent = zero value).
void server_field(const Mutations& muts, const Object* obj, const ast::CompositeLit* lit,
                  std::string_view name, const ast::Expr** value, bool* known) {
  *value = lit != nullptr ? lit_field(lit, name) : nullptr;
  *known = true;
  if (obj == nullptr) return;
  if (const Mutations::FieldStore* st = muts.field_store(obj, name)) {
    if (st->count != 1 || st->value == nullptr) {
      *known = false;
      return;
    }
    *value = st->value;
  }
}

// The server `x` in x.ListenAndServe() denotes: an http.Server literal, or a variable declared
// with one (or as a zero http.Server) and never reassigned.
bool resolve_server(const Pass& pass, const Mutations& muts, const ast::Expr* x, Served* out) {
  const PackageInfo& info = pass.info();
  const Object* obj = nullptr;
  const ast::CompositeLit* lit = http_server_lit(info, x);
  if (lit == nullptr) {
    const auto* id = ast::dyn_cast<ast::Ident>(unparen(x));
    if (id == nullptr) return false;
    obj = info.object_of(id);
    if (obj == nullptr || obj->kind != Object::Kind::kVar || obj->param || muts.mutated(obj)) {
      return false;
    }
    const ast::Expr* v = declared_value(obj);
    lit = v != nullptr ? http_server_lit(info, v) : nullptr;
    if (lit == nullptr) {
      // `var srv http.Server`: every field is its zero value.
      const auto* vs = ast::dyn_cast<ast::ValueSpec>(obj->decl);
      if (vs == nullptr || !vs->values.empty() || vs->type == nullptr ||
          !info.is_qualified(vs->type, "net/http", "Server")) {
        return false;
      }
    }
  }
  server_field(muts, obj, lit, "Addr", &out->addr, &out->addr_known);
  server_field(muts, obj, lit, "Handler", &out->handler, &out->handler_known);
  return true;
}

std::string port_of(const std::string& addr) {
  size_t colon = addr.rfind(':');
  if (colon == std::string::npos) return "80";
  std::string port = addr.substr(colon + 1);
  return port.empty() || port == "http" ? "80" : port;
}

}  // namespace

const RuleInfo& PprofExposedRule::info() const {
  static const RuleInfo kInfo{
      "pprof-exposed",
      "net/http/pprof served on a non-loopback address exposes heap, goroutine and CPU profiles "
      "to the network",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void PprofExposedRule::run(Pass& pass) const {
  int import_file = -1;
  const ast::ImportSpec* imp = pprof_import(pass, &import_file);
  if (imp == nullptr) return;  // the default mux has no /debug/pprof/ handlers
  const PackageInfo& info = pass.info();
  const Mutations muts(pass);
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file) || is_test_file(pass, file)) continue;
    walk_with_parents(pass.files()[static_cast<size_t>(file)].parsed->file, [&](const ast::Node* n,
                                                                                const auto&) {
      const auto* call = ast::dyn_cast<ast::CallExpr>(n);
      if (call == nullptr) return true;
      Served s;
      if (info.is_qualified(call->fun, "net/http", "ListenAndServe") && call->args.size() == 2) {
        s.addr = call->args[0];
        s.handler = call->args[1];
      } else if (info.is_qualified(call->fun, "net/http", "ListenAndServeTLS") &&
                 call->args.size() == 4) {
        s.addr = call->args[0];
        s.handler = call->args[3];
      } else if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->fun));
                 sel != nullptr &&
                 (sel->sel->name == "ListenAndServe" || sel->sel->name == "ListenAndServeTLS")) {
        if (!resolve_server(pass, muts, sel->x, &s)) return true;
      } else {
        return true;
      }
      if (!s.addr_known || !s.handler_known) return true;
      bool default_mux = s.handler == nullptr || is_nil(info, s.handler) ||
                         info.is_qualified(s.handler, "net/http", "DefaultServeMux");
      if (!default_mux) return true;
      std::optional<std::string> addr =
          s.addr == nullptr ? std::optional<std::string>("") : const_string(pass, muts, s.addr);
      if (!addr) return true;  // a flag, a config value: cannot tell
      ListenScope scope = listen_scope(*addr);
      std::string where;
      if (scope == ListenScope::kAllInterfaces) {
        where = "every interface";
      } else if (scope == ListenScope::kAddress) {
        where = fmt::format("{}, which is not loopback", addr->substr(0, addr->rfind(':')));
      } else {
        return true;
      }
      std::string port = port_of(*addr);
      std::string msg = fmt::format(
          "{} serves the default mux, where net/http/pprof registers /debug/pprof/, on {}: "
          "anyone who reaches port {} can download heap and goroutine profiles and run CPU "
          "profiles",
          node_text(pass, file, call), where, port);
      std::string fix = fmt::format(
          "listen on loopback (\"127.0.0.1:{}\"), or serve pprof's handlers on a separate mux "
          "behind authentication",
          port);
      pass.report(file, call, std::move(msg), std::move(fix),
                  {pass.related(import_file, ast::node_pos(imp), "net/http/pprof imported here")});
      return true;
    });
  }
}

}  // namespace oomguard::lint::rules
