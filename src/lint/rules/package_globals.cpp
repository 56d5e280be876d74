#include "lint/rules/package_globals.h"

#include "lint/rules/net_http.h"
#include "lint/rules/util.h"

namespace oomguard::lint::rules {
namespace {

bool is_comparison(go::Tok t) {
  return t == go::Tok::EQL || t == go::Tok::NEQ || t == go::Tok::LSS || t == go::Tok::LEQ ||
         t == go::Tok::GTR || t == go::Tok::GEQ;
}

// The type a type expression names, through parentheses and package-level type names.
const ast::Expr* underlying(const PackageInfo& info, const ast::Expr* t) {
  for (int depth = 0; depth < 16 && t != nullptr; ++depth) {
    t = unparen(t);
    const auto* id = ast::dyn_cast<ast::Ident>(t);
    if (id == nullptr) return t;
    const Object* obj = info.object_of(id);
    if (obj == nullptr || obj->kind != Object::Kind::kType) return t;
    const auto* ts = ast::dyn_cast<ast::TypeSpec>(obj->decl);
    if (ts == nullptr) return t;
    t = ts->type;
  }
  return nullptr;
}

bool is_map_type(const PackageInfo& info, const ast::Expr* t) {
  return ast::isa<ast::MapType>(underlying(info, t));
}

bool is_map_value(const PackageInfo& info, const ast::Expr* v) {
  v = unparen(v);
  if (const auto* lit = ast::dyn_cast<ast::CompositeLit>(v)) {
    return lit->type != nullptr && is_map_type(info, lit->type);
  }
  if (const auto* call = ast::dyn_cast<ast::CallExpr>(v)) {
    return builtin_name(info, call) == "make" && !call->args.empty() &&
           is_map_type(info, call->args[0]);
  }
  return false;
}

// The composite literal of `T{...}` or `&T{...}`.
const ast::CompositeLit* struct_lit(const ast::Expr* v) {
  v = unparen(v);
  if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(v); u != nullptr && u->op == go::Tok::AND) {
    v = unparen(u->x);
  }
  return ast::dyn_cast<ast::CompositeLit>(v);
}

// The struct type behind a variable's type expression (T, *T, struct{...}).
const ast::StructType* struct_of(const PackageInfo& info, const ast::Expr* t) {
  t = underlying(info, t);
  if (const auto* star = ast::dyn_cast<ast::StarExpr>(t)) t = underlying(info, star->x);
  return ast::dyn_cast<ast::StructType>(t);
}

const ast::Expr* field_type(const ast::StructType* st, std::string_view name) {
  if (st == nullptr || st->fields == nullptr) return nullptr;
  for (const ast::Field* f : st->fields->list) {
    for (const ast::Ident* n : f->names) {
      if (n->name == name) return f->type;
    }
  }
  return nullptr;
}

}  // namespace

PackageGlobals::PackageGlobals(const Pass& pass) : pass_(pass) {
  const size_t n = pass.files().size();
  test_file_.resize(n);
  for (size_t i = 0; i < n; ++i) test_file_[i] = is_test_file(pass, static_cast<int>(i));
  for (size_t i = 0; i < n; ++i) {
    if (test_file_[i]) continue;
    int file = static_cast<int>(i);
    for (const ast::Node* d : pass.files()[i].parsed->file->decls) {
      if (const auto* fd = ast::dyn_cast<ast::FuncDecl>(d)) {
        bool init = fd->recv == nullptr && fd->name->name == "init";
        if (fd->body != nullptr) visit(file, fd->body, fd, !init);
      } else if (const auto* gd = ast::dyn_cast<ast::GenDecl>(d);
                 gd != nullptr && gd->tok == go::Tok::VAR) {
        for (const ast::Node* s : gd->specs) {
          const auto* vs = ast::dyn_cast<ast::ValueSpec>(s);
          if (vs == nullptr) continue;
          for (const ast::Expr* v : vs->values) visit(file, v, vs, false);
        }
      }
    }
  }
}

bool PackageGlobals::key_of(const ast::Expr* e, GlobalKey* out) const {
  e = unparen(e);
  if (const auto* id = ast::dyn_cast<ast::Ident>(e)) {
    const Object* obj = pass_.info().object_of(id);
    if (obj == nullptr || obj->kind != Object::Kind::kVar || !obj->package_level) return false;
    if (obj->file < 0 || static_cast<size_t>(obj->file) >= test_file_.size() ||
        test_file_[static_cast<size_t>(obj->file)]) {
      return false;
    }
    out->root = obj;
    out->path.clear();
    return true;
  }
  if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(e)) {
    if (!key_of(sel->x, out)) return false;
    out->path += '.';
    out->path += sel->sel->name;
    return true;
  }
  if (const auto* star = ast::dyn_cast<ast::StarExpr>(e)) return key_of(star->x, out);
  return false;
}

void PackageGlobals::visit(int file, const ast::Node* n, const ast::Node* parent, bool runtime) {
  if (n == nullptr) return;
  const PackageInfo& info = pass_.info();
  GlobalKey key;
  switch (n->kind) {
    case ast::Kind::FuncLit: {
      // A literal runs when it is called: at once when invoked in place, later otherwise
      // (a handler registered from init runs at run time).
      const auto* call = ast::dyn_cast<ast::CallExpr>(parent);
      if (call == nullptr || call->fun != n) runtime = true;
      break;
    }
    case ast::Kind::AssignStmt: {
      const auto* as = static_cast<const ast::AssignStmt*>(n);
      if (as->tok == go::Tok::DEFINE) break;  // declares locals
      bool same = as->lhs.size() == as->rhs.size();
      for (uint32_t i = 0; i < as->lhs.size(); ++i) {
        const ast::Expr* l = unparen(as->lhs[i]);
        if (const auto* ix = ast::dyn_cast<ast::IndexExpr>(l)) {
          if (runtime && key_of(ix->x, &key)) facts_[key].inserts.push_back({file, n});
          continue;
        }
        if (!key_of(l, &key)) continue;
        const auto* call = same ? ast::dyn_cast<ast::CallExpr>(unparen(as->rhs[i])) : nullptr;
        GlobalKey first;
        if (as->tok == go::Tok::ASSIGN && call != nullptr && builtin_name(info, call) == "append" &&
            !call->args.empty() && key_of(call->args[0], &first) && first.root == key.root &&
            first.path == key.path) {
          if (runtime) facts_[key].appends.push_back({file, n});
        } else if (runtime) {
          resets_.insert(key);
        }
      }
      break;
    }
    case ast::Kind::IncDecStmt: {
      const auto* inc = static_cast<const ast::IncDecStmt*>(n);
      if (const auto* ix = ast::dyn_cast<ast::IndexExpr>(unparen(inc->x))) {
        if (runtime && key_of(ix->x, &key)) facts_[key].inserts.push_back({file, n});
      }
      break;
    }
    case ast::Kind::RangeStmt: {
      const auto* rs = static_cast<const ast::RangeStmt*>(n);
      if (runtime && rs->tok == go::Tok::ASSIGN) {
        if (key_of(rs->key, &key)) resets_.insert(key);
        if (key_of(rs->value, &key)) resets_.insert(key);
      }
      break;
    }
    case ast::Kind::CallExpr: {
      const auto* call = static_cast<const ast::CallExpr*>(n);
      std::string_view b = builtin_name(info, call);
      if (runtime && (b == "delete" || b == "clear") && !call->args.empty() &&
          key_of(call->args[0], &key)) {
        facts_[key].deleted = true;
      }
      break;
    }
    case ast::Kind::BinaryExpr: {
      const auto* bin = static_cast<const ast::BinaryExpr*>(n);
      if (!is_comparison(bin->op)) break;
      for (const ast::Expr* side : {bin->x, bin->y}) {
        const auto* call = ast::dyn_cast<ast::CallExpr>(unparen(side));
        if (call != nullptr && call->args.size() == 1 && builtin_name(info, call) == "len" &&
            key_of(call->args[0], &key)) {
          facts_[key].len_compared = true;
        }
      }
      break;
    }
    case ast::Kind::UnaryExpr: {
      // &g escapes: whoever holds the pointer may reset it.
      const auto* u = static_cast<const ast::UnaryExpr*>(n);
      if (u->op == go::Tok::AND && key_of(u->x, &key)) resets_.insert(key);
      break;
    }
    default:
      break;
  }
  ast::for_each_child(const_cast<ast::Node*>(n), [&](ast::Node* c) { visit(file, c, n, runtime); });
}

bool PackageGlobals::reset(const GlobalKey& key) const {
  for (auto it = resets_.lower_bound(GlobalKey{key.root, ""});
       it != resets_.end() && it->root == key.root; ++it) {
    const std::string& p = it->path;
    if (p.empty() || p == key.path ||
        (key.path.size() > p.size() && key.path.compare(0, p.size(), p) == 0 &&
         key.path[p.size()] == '.')) {
      return true;
    }
  }
  return false;
}

bool PackageGlobals::is_map(const GlobalKey& key) const {
  const PackageInfo& info = pass_.info();
  const auto* vs = ast::dyn_cast<ast::ValueSpec>(key.root->decl);
  if (vs == nullptr) return false;
  const ast::Expr* type = vs->type;
  const ast::Expr* value = nullptr;
  if (vs->values.size() == vs->names.size()) {
    for (uint32_t i = 0; i < vs->names.size(); ++i) {
      if (vs->names[i] == key.root->ident) value = vs->values[i];
    }
  }
  size_t pos = 0;
  while (pos < key.path.size()) {
    size_t next = key.path.find('.', pos + 1);
    if (next == std::string::npos) next = key.path.size();
    std::string_view field = std::string_view(key.path).substr(pos + 1, next - pos - 1);
    pos = next;
    const ast::CompositeLit* lit = value != nullptr ? struct_lit(value) : nullptr;
    if (type == nullptr && lit != nullptr) type = lit->type;
    if (type == nullptr && value != nullptr) {
      // new(T)
      if (const auto* call = ast::dyn_cast<ast::CallExpr>(unparen(value));
          call != nullptr && builtin_name(info, call) == "new" && call->args.size() == 1) {
        type = call->args[0];
      }
    }
    value = lit != nullptr ? lit_field(lit, field) : nullptr;
    type = field_type(struct_of(info, type), field);
  }
  return (type != nullptr && is_map_type(info, type)) ||
         (value != nullptr && is_map_value(info, value));
}

std::string PackageGlobals::name(const GlobalKey& key) {
  return std::string(key.root->name) + key.path;
}

}  // namespace oomguard::lint::rules
