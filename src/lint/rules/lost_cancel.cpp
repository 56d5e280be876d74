#include "lint/rules/lost_cancel.h"

#include <fmt/format.h>

#include "lint/rules/common/net_http.h"
#include "lint/rules/common/resource_flow.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

// "context.WithTimeout" / "signal.NotifyContext", or "" when call derives no cancellable context.
std::string deriving_call(const PackageInfo& info, const ast::CallExpr* call) {
  std::string_view path;
  std::string_view name;
  if (!info.qualified_name(call->fun, &path, &name)) return {};
  if (path == "context" &&
      (name == "WithCancel" || name == "WithTimeout" || name == "WithDeadline" ||
       name == "WithCancelCause" || name == "WithTimeoutCause" || name == "WithDeadlineCause")) {
    return fmt::format("context.{}", name);
  }
  if (path == "os/signal" && name == "NotifyContext") return "signal.NotifyContext";
  return {};
}

bool restarts(std::string_view fn) {
  for (std::string_view p : {"restart", "Restart", "reset", "Reset", "reconnect", "Reconnect",
                             "reload", "Reload", "renew", "Renew"}) {
    if (fn.substr(0, p.size()) == p) return true;
  }
  return false;
}

// True when body mentions selector `.name` before pos (other than as an assignment target).
bool referenced_before(const ast::BlockStmt* body, std::string_view name, go::Pos pos,
                       const ast::SelectorExpr* except) {
  bool found = false;
  ast::inspect(const_cast<ast::BlockStmt*>(body), [&](ast::Node* n) {
    if (found || n == nullptr) return false;
    if (ast::node_pos(n) >= pos) return false;
    if (const auto* as = ast::dyn_cast<ast::AssignStmt>(n)) {
      for (const ast::Expr* r : as->rhs) {
        ast::inspect(const_cast<ast::Node*>(r), [&](ast::Node* m) {
          if (const auto* s = ast::dyn_cast<ast::SelectorExpr>(m);
              s != nullptr && s != except && s->sel->name == name) {
            found = true;
          }
          return !found;
        });
      }
      return false;
    }
    if (const auto* s = ast::dyn_cast<ast::SelectorExpr>(n);
        s != nullptr && s != except && s->sel->name == name) {
      found = true;
    }
    return !found;
  });
  return found;
}

// The value a local variable of fn is declared with (`x := v`, `var x = v`), or nullptr.
const ast::Expr* decl_value(const PackageInfo& info, const Object* obj) {
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(obj->decl)) {
    if (as->lhs.size() != as->rhs.size()) return nullptr;
    for (size_t i = 0; i < as->lhs.size(); ++i) {
      const auto* id = ast::dyn_cast<ast::Ident>(as->lhs[i]);
      if (id != nullptr && info.object_of(id) == obj) return as->rhs[i];
    }
  } else if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(obj->decl)) {
    if (vs->names.size() != vs->values.size()) return nullptr;
    for (size_t i = 0; i < vs->names.size(); ++i) {
      if (info.object_of(vs->names[i]) == obj) return vs->values[i];
    }
  }
  return nullptr;
}

// True when sel's base is a local variable of fn made in fn from a struct literal that does not
// set the field (`cc := &T{...}`, or new(T)), declared outside no loop that repeats the store,
// and never reassigned: the field holds no earlier cancel to lose.
bool fresh_base(const PackageInfo& info, const ast::Node* fn, const ast::BlockStmt* body,
                const ast::SelectorExpr* sel, const ast::CallExpr* call) {
  const auto* base = ast::dyn_cast<ast::Ident>(unparen(sel->x));
  if (base == nullptr) return false;
  const Object* obj = info.object_of(base);
  if (obj == nullptr || obj->kind != Object::Kind::kVar || obj->func != fn || obj->param ||
      obj->loop != nullptr || obj->decl == nullptr)
    return false;
  const ast::Expr* v = unparen(decl_value(info, obj));
  if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(v); u != nullptr && u->op == go::Tok::AND) {
    v = unparen(u->x);
  }
  if (const auto* lit = ast::dyn_cast<ast::CompositeLit>(v)) {
    for (const ast::Expr* el : lit->elts) {
      if (el->kind != ast::Kind::KeyValueExpr) return false;  // positional: sets every field
    }
    if (lit_field(lit, sel->sel->name) != nullptr) return false;
  } else if (const auto* c = ast::dyn_cast<ast::CallExpr>(v);
             c == nullptr || builtin_name(info, c) != "new") {
    return false;
  }
  // No loop between the declaration and the store, and no other assignment to the variable.
  const go::Pos decl_pos = ast::node_pos(obj->decl);
  const go::Pos at = ast::node_pos(call);
  bool fresh = true;
  walk_body(body, [&](const ast::Node* n, const std::vector<const ast::Node*>& loops) {
    if (!fresh) return;
    if (n == call) {
      for (const ast::Node* l : loops) fresh = fresh && ast::node_pos(l) <= decl_pos;
      return;
    }
    const auto* as = ast::dyn_cast<ast::AssignStmt>(n);
    if (as == nullptr || as == obj->decl) return;
    for (const ast::Expr* l : as->lhs) {
      const auto* id = ast::dyn_cast<ast::Ident>(l);
      if (id != nullptr && info.object_of(id) == obj && ast::node_pos(as) < at) fresh = false;
    }
  });
  return fresh;
}

}  // namespace

const RuleInfo& LostCancelRule::info() const {
  static const RuleInfo kInfo{
      "lost-cancel",
      "the cancel function of a derived context is discarded, overwritten, or not called on some "
      "path",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void LostCancelRule::run(Pass& pass) const {
  ResourceFlow flow(pass);
  const PackageInfo& info = pass.info();
  static const ResourceSpec kSpec{{}, {}, true, false};
  auto same_kind = [&](const ast::CallExpr* c) { return !deriving_call(info, c).empty(); };
  auto field_check = [&](const Candidate& c, const std::string& call,
                         const ast::SelectorExpr* sel) {
    std::string_view fname = sel->sel->name;
    std::string field = node_text(pass, c.acq.file, sel);
    std::string key = ResourceFacts::field_key(c.acq.func, sel);
    if (!flow.facts().field_used(key)) {
      pass.report(c.acq.file, c.acq.call,
                  fmt::format("the cancel function of {} is stored in {}, which nothing in the "
                              "package calls; the context lives until its parent is cancelled",
                              call, field),
                  fmt::format("call {}() when the owner stops (e.g. in its Close method)", field),
                  {pass.related(c.acq.file, ast::node_pos(sel), "stored here")});
      return;
    }
    if ((flow.facts().field_assigners(key) >= 2 || restarts(c.fn.substr(c.fn.rfind('.') + 1))) &&
        !referenced_before(c.acq.body, fname, ast::node_pos(c.acq.call), sel) &&
        !fresh_base(info, c.acq.func, c.acq.body, sel, c.acq.call)) {
      pass.report(
          c.acq.file, c.acq.call,
          fmt::format("the cancel function of {} overwrites {} without calling the "
                      "previous one, which is lost",
                      call, field),
          fmt::format("call the previous {}() first: if {} != nil {{ {}() }}", field, field, field),
          {pass.related(c.acq.file, ast::node_pos(sel), "overwritten here")});
    }
  };
  for_each_candidate(
      pass, {"context", "os/signal"},
      [&](int, const ast::CallExpr* call, size_t) {
        return deriving_call(info, call).empty() ? Pick{} : Pick{1, -1};
      },
      [&](const Candidate& c) {
        if (flow.is_main_main(c.acq.file, c.acq.func)) return;
        std::string call = deriving_call(info, c.acq.call);
        const int file = c.acq.file;
        if (c.lhs.empty() || c.lhs.size() != 2) {
          if (c.lhs.empty()) {
            pass.report(file, c.acq.call,
                        fmt::format("the result of {} is discarded, so its cancel function is "
                                    "never called",
                                    call),
                        "ctx, cancel := ...; defer cancel()");
          }
          return;
        }
        if (c.discarded()) {
          pass.report(file, c.acq.call,
                      fmt::format("the cancel function of {} is discarded; the context and its "
                                  "resources live until the parent is cancelled",
                                  call),
                      "assign it and defer cancel() after the call");
          return;
        }
        if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(c.slot()))) {
          field_check(c, call, sel);
          return;
        }
        if (c.acq.var == nullptr) return;
        FlowResult r = flow.track(c.acq, kSpec, same_kind);
        std::string v(c.acq.var->name);
        switch (r.kind) {
          case FlowResult::Kind::kLeaks:
            pass.report(file, c.acq.call,
                        fmt::format("the cancel function of {} is not called on the path through "
                                    "{}; defer {}() after the call",
                                    call, flow.path_text(c.acq, r, c.fn), v),
                        fmt::format("defer {}()", v), {flow.path_related(c.acq, r)});
            return;
          case FlowResult::Kind::kOverwritten:
            pass.report(file, c.acq.call,
                        fmt::format("the cancel function of {} is overwritten by {} before being "
                                    "called; call {}() before deriving the next context",
                                    call, flow.path_text(c.acq, r, c.fn), v),
                        fmt::format("call {}() first", v), {flow.path_related(c.acq, r)});
            return;
          case FlowResult::Kind::kReleased:
            for (const ast::SelectorExpr* sel : r.stored_fields) field_check(c, call, sel);
            return;
          case FlowResult::Kind::kUntracked:
            return;
        }
      });
}

}  // namespace oomguard::lint::rules
