#include "lint/rules/unbounded_body_read.h"

#include <fmt/format.h>

#include <algorithm>

#include "lint/rules/common/cfg_paths.h"
#include "lint/rules/common/chan_facts.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

using ast::Kind;
using ast::Node;

bool is_request_type(const PackageInfo& info, const ast::Expr* t) {
  const auto* star = ast::dyn_cast<ast::StarExpr>(t);
  return star != nullptr && info.is_qualified(star->x, "net/http", "Request");
}

// The *http.Request parameter r of `r.Body` (or of a variable initialised with it), else null.
const Object* request_of_body(const PackageInfo& info, const ast::Expr* e, int depth = 0) {
  e = unparen(e);
  if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(e)) {
    if (sel->sel->name != "Body") return nullptr;
    const auto* x = ast::dyn_cast<ast::Ident>(unparen(sel->x));
    const Object* obj = x != nullptr ? info.object_of(x) : nullptr;
    if (obj == nullptr || !obj->param || obj->result) return nullptr;
    const auto* field = ast::dyn_cast<ast::Field>(obj->decl);
    return field != nullptr && is_request_type(info, field->type) ? obj : nullptr;
  }
  // body := r.Body
  const auto* id = ast::dyn_cast<ast::Ident>(e);
  if (id == nullptr || depth > 0) return nullptr;
  const Object* obj = info.object_of(id);
  if (obj == nullptr) return nullptr;
  const auto* as = ast::dyn_cast<ast::AssignStmt>(obj->decl);
  if (as == nullptr || as->lhs.size() != 1 || as->rhs.size() != 1) return nullptr;
  return request_of_body(info, as->rhs[0], depth + 1);
}

bool is_decompressor_call(const PackageInfo& info, const ast::Expr* e, std::string* what) {
  const auto* call = ast::dyn_cast<ast::CallExpr>(unparen(e));
  if (call == nullptr) return false;
  std::string_view path;
  std::string_view name;
  if (!info.qualified_name(call->fun, &path, &name)) return false;
  bool match = false;
  if (path == "compress/gzip") match = name == "NewReader";
  if (path == "compress/zlib" || path == "compress/flate")
    match = name == "NewReader" || name == "NewReaderDict";
  if (path == "compress/bzip2" || path == "compress/lzw") match = name == "NewReader";
  if (match) *what = fmt::format("{}.{}", path.substr(path.rfind('/') + 1), name);
  return match;
}

// The right-hand side assigned to lhs index i of an assignment or value spec (a multi-value
// call counts for every index).
const ast::Expr* rhs_for(const Node* decl, const ast::Ident* id) {
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(decl)) {
    for (uint32_t i = 0; i < as->lhs.size(); ++i) {
      if (as->lhs[i] != id) continue;
      if (as->rhs.size() == as->lhs.size()) return as->rhs[i];
      if (as->rhs.size() == 1) return as->rhs[0];
    }
  } else if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(decl)) {
    for (uint32_t i = 0; i < vs->names.size(); ++i) {
      if (vs->names[i] != id) continue;
      if (vs->values.size() == vs->names.size()) return vs->values[i];
      if (vs->values.size() == 1) return vs->values[0];
    }
  }
  return nullptr;
}

// For a decompressor source: the NewReader call the identifier (or the expression) comes
// from, searching the declaration and plain assignments in the function.
const Node* decompressor_origin(const PackageInfo& info, const ast::Expr* src,
                                const ast::BlockStmt* body, std::string* what) {
  src = unparen(src);
  if (is_decompressor_call(info, src, what)) return src;
  const auto* id = ast::dyn_cast<ast::Ident>(src);
  const Object* obj = id != nullptr ? info.object_of(id) : nullptr;
  if (obj == nullptr || obj->kind != Object::Kind::kVar) return nullptr;
  if (const ast::Expr* r = obj->decl != nullptr ? rhs_for(obj->decl, obj->ident) : nullptr;
      r != nullptr && is_decompressor_call(info, r, what)) {
    return r;
  }
  const Node* found = nullptr;
  walk_body(body, [&](const Node* n, const std::vector<const Node*>&) {
    const auto* as = ast::dyn_cast<ast::AssignStmt>(n);
    if (found != nullptr || as == nullptr || as->tok != go::Tok::ASSIGN) return;
    for (const Node* l : as->lhs) {
      const auto* lid = ast::dyn_cast<ast::Ident>(l);
      if (lid == nullptr || info.object_of(lid) != obj) continue;
      const ast::Expr* r = rhs_for(as, lid);
      if (r != nullptr && is_decompressor_call(info, r, what)) found = r;
    }
  });
  return found;
}

bool memory_type(const PackageInfo& info, const ast::Expr* t) {
  t = unparen(t);
  if (const auto* star = ast::dyn_cast<ast::StarExpr>(t)) t = star->x;
  return info.is_qualified(t, "bytes", "Buffer") || info.is_qualified(t, "strings", "Builder");
}

// True when a value is an in-memory buffer: new(bytes.Buffer), &bytes.Buffer{},
// bytes.NewBuffer(...), strings.Builder{}.
bool memory_value(const PackageInfo& info, const ast::Expr* e) {
  e = unparen(e);
  if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(e); u != nullptr && u->op == go::Tok::AND)
    e = unparen(u->x);
  if (const auto* cl = ast::dyn_cast<ast::CompositeLit>(e)) return memory_type(info, cl->type);
  const auto* call = ast::dyn_cast<ast::CallExpr>(e);
  if (call == nullptr) return false;
  if (info.is_qualified(call->fun, "bytes", "NewBuffer") ||
      info.is_qualified(call->fun, "bytes", "NewBufferString"))
    return true;
  const auto* fn = ast::dyn_cast<ast::Ident>(unparen(call->fun));
  return fn != nullptr && fn->name == "new" && info.object_of(fn) == universe_object("new") &&
         call->args.size() == 1 && memory_type(info, call->args[0]);
}

// True when e is a writer that keeps everything written: &buf or buf of a bytes.Buffer or
// strings.Builder variable, or such a value built in place.
bool memory_writer(const PackageInfo& info, const ast::Expr* e) {
  e = unparen(e);
  if (memory_value(info, e)) return true;
  if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(e); u != nullptr && u->op == go::Tok::AND)
    e = unparen(u->x);
  const auto* id = ast::dyn_cast<ast::Ident>(e);
  const Object* obj = id != nullptr ? info.object_of(id) : nullptr;
  if (obj == nullptr || obj->kind != Object::Kind::kVar || obj->decl == nullptr) return false;
  if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(obj->decl);
      vs != nullptr && vs->type != nullptr && memory_type(info, vs->type)) {
    return true;
  }
  if (ast::isa<ast::Field>(obj->decl)) return false;
  const ast::Expr* r = rhs_for(obj->decl, obj->ident);
  return r != nullptr && memory_value(info, r);
}

// A read of everything from src into memory: io.ReadAll(src), ioutil.ReadAll(src),
// io.Copy(buf, src), io.CopyBuffer(buf, src, b), buf.ReadFrom(src).
const ast::Expr* unbounded_source(const PackageInfo& info, const ast::CallExpr* call) {
  if (call->args.size() == 1 && (info.is_qualified(call->fun, "io", "ReadAll") ||
                                 info.is_qualified(call->fun, "io/ioutil", "ReadAll"))) {
    return call->args[0];
  }
  if ((call->args.size() == 2 && info.is_qualified(call->fun, "io", "Copy")) ||
      (call->args.size() == 3 && info.is_qualified(call->fun, "io", "CopyBuffer"))) {
    return memory_writer(info, call->args[0]) ? call->args[1] : nullptr;
  }
  const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->fun));
  if (sel != nullptr && sel->sel->name == "ReadFrom" && call->args.size() == 1 &&
      memory_writer(info, sel->x)) {
    return call->args[0];
  }
  return nullptr;
}

bool limiting_call(const PackageInfo& info, const ast::Expr* e) {
  const auto* call = ast::dyn_cast<ast::CallExpr>(unparen(e));
  return call != nullptr && (info.is_qualified(call->fun, "net/http", "MaxBytesReader") ||
                             info.is_qualified(call->fun, "io", "LimitReader"));
}

bool mentions(const PackageInfo& info, const Node* n, const Object* obj) {
  bool found = false;
  ast::inspect(const_cast<Node*>(n), [&](Node* c) {
    if (found || c == nullptr) return false;
    if (const auto* id = ast::dyn_cast<ast::Ident>(c)) found = info.object_of(id) == obj;
    return true;
  });
  return found;
}

// Statements `r.Body = ...` that bound the body: a MaxBytesReader/LimitReader wrapper, or any
// value that does not read r.Body itself (the body was replaced, e.g. by a buffered copy).
template <typename F>
void for_each_body_limit(const PackageInfo& info, const Node* root, const Object* req, F&& f) {
  ast::inspect(const_cast<Node*>(root), [&](Node* n) {
    const auto* as = ast::dyn_cast<ast::AssignStmt>(n);
    if (as == nullptr || as->tok != go::Tok::ASSIGN || as->lhs.size() != as->rhs.size())
      return true;
    for (uint32_t i = 0; i < as->lhs.size(); ++i) {
      const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(as->lhs[i]));
      if (sel == nullptr || sel->sel->name != "Body") continue;
      const auto* x = ast::dyn_cast<ast::Ident>(unparen(sel->x));
      if (x == nullptr || info.object_of(x) != req) continue;
      if (limiting_call(info, as->rhs[i]) || !mentions(info, as->rhs[i], req)) f(as);
    }
    return true;
  });
}

std::string writer_name(const PackageInfo& info, const Node* fn) {
  const ast::FuncType* ft = nullptr;
  if (const auto* fd = ast::dyn_cast<ast::FuncDecl>(fn)) ft = fd->type;
  if (const auto* fl = ast::dyn_cast<ast::FuncLit>(fn)) ft = fl->type;
  if (ft != nullptr && ft->params != nullptr) {
    for (const ast::Field* f : ft->params->list) {
      if (!info.is_qualified(f->type, "net/http", "ResponseWriter")) continue;
      for (const ast::Ident* nm : f->names) {
        if (nm->name != "_") return std::string(nm->name);
      }
    }
  }
  return "w";
}

// The ancestors of target inside body (outermost first), not entering function literals.
bool path_to(const Node* n, const Node* target, std::vector<const Node*>* path) {
  if (n == target) return true;
  if (n->kind == Kind::FuncLit) return false;
  if (ast::node_pos(target) < ast::node_pos(n) || ast::node_end(n) < ast::node_end(target))
    return false;
  path->push_back(n);
  bool found = false;
  ast::for_each_child(const_cast<Node*>(n), [&](Node* c) {
    if (!found) found = path_to(c, target, path);
  });
  if (!found) path->pop_back();
  return found;
}

}  // namespace

const RuleInfo& UnboundedBodyReadRule::info() const {
  static const RuleInfo kInfo{
      "unbounded-body-read",
      "io.ReadAll or io.Copy into memory of a request body or a decompressor with no size limit",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void UnboundedBodyReadRule::run(Pass& pass) const {
  const PackageInfo& info = pass.info();
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    if (!info.imports(file, "io") && !info.imports(file, "io/ioutil") &&
        !info.imports(file, "bytes"))
      continue;
    // One walk for the candidate reads, then a closer look at each.
    std::vector<std::pair<const ast::CallExpr*, const FuncEntry*>> reads;
    const FunctionIndex& index = pass.shared<FunctionIndex>();
    for (const FunctionIndex::Call& c : index.calls(file)) {
      std::string_view name = callee_name(c.call);
      if (name != "ReadAll" && name != "Copy" && name != "CopyBuffer" && name != "ReadFrom")
        continue;
      if (unbounded_source(info, c.call) != nullptr) {
        reads.emplace_back(c.call, &index.file(file)[c.fn]);
      }
    }
    for (const auto& [read_call, fn] : reads) {
      const FuncScope& scope = fn->scope;
      const ast::BlockStmt* body = fn->body;
      std::vector<const Node*> stack;
      if (!path_to(body, read_call, &stack)) continue;
      if (!stack.empty()) stack.erase(stack.begin());  // body itself is no graph member
      auto on_call = [&](const ast::CallExpr* call, const std::vector<const Node*>& anc) {
        const ast::Expr* src = unbounded_source(info, call);
        if (src == nullptr) return;
        std::string read = node_text(pass, file, call, 50);
        if (const Object* req = request_of_body(info, src)) {
          // Limits in this function, on the path to the read.
          PointSet limits;
          bool some = false;  // a limit before the read, which some path goes around
          const Cfg& cfg = pass.cfg(body);
          for_each_body_limit(info, body, req, [&](const ast::AssignStmt* as) {
            auto [b, i] = cfg.locate(as);
            limits.add({b, i});
            some = some || ast::node_pos(as) < ast::node_pos(call);
          });
          CfgPoint at = locate_in(cfg, anc, call);
          if (!at.valid()) return;
          if (!reaches_avoiding(cfg, {}, at, limits)) return;
          // A handler literal whose request comes from an outer function that limits it.
          if (req->func != scope.func && req->func != nullptr) {
            bool limited = false;
            for_each_body_limit(info, req->func, req,
                                [&](const ast::AssignStmt*) { limited = true; });
            if (limited) return;
          }
          std::string r(req->name);
          std::string w = writer_name(info, req->func != nullptr ? req->func : scope.func);
          std::vector<RelatedLocation> related;
          if (req->ident != nullptr) {
            related.push_back(
                pass.related(file, ast::node_pos(req->ident), "the incoming request"));
          }
          pass.report(
              file, call,
              fmt::format("{} reads the whole request body into memory with no size limit{}: one "
                          "large or endless request can exhaust the process's memory",
                          read, some ? " on some path" : ""),
              fmt::format("bound it first: {}.Body = http.MaxBytesReader({}, {}.Body, 1<<20) on "
                          "every path, or read io.LimitReader({}.Body, n)",
                          r, w, r, r),
              std::move(related));
          return;
        }
        std::string what;
        if (const Node* origin = decompressor_origin(info, src, body, &what)) {
          std::string z = node_text(pass, file, src, 30);
          pass.report(
              file, call,
              fmt::format("{} decompresses the whole {} stream into memory with no size limit: "
                          "a small compressed input can expand to gigabytes (a decompression "
                          "bomb)",
                          read, what),
              fmt::format("read through io.LimitReader({}, max) and treat hitting the limit as "
                          "an error",
                          z),
              {pass.related(std::max(info.file_of(origin), 0), ast::node_pos(origin),
                            "the decompressor is created here")});
        }
      };
      on_call(read_call, stack);
    }
  }
}

}  // namespace oomguard::lint::rules
