#include "lint/rules/common/package_globals.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "lint/rules/common/net_http.h"
#include "lint/rules/common/util.h"

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

// The map type a value is made with (`map[K]V{...}`, `make(map[K]V)`), or nullptr.
const ast::MapType* map_of_value(const PackageInfo& info, const ast::Expr* v) {
  v = unparen(v);
  if (const auto* lit = ast::dyn_cast<ast::CompositeLit>(v)) {
    return lit->type != nullptr ? ast::dyn_cast<ast::MapType>(underlying(info, lit->type))
                                : nullptr;
  }
  if (const auto* call = ast::dyn_cast<ast::CallExpr>(v)) {
    if (builtin_name(info, call) == "make" && !call->args.empty())
      return ast::dyn_cast<ast::MapType>(underlying(info, call->args[0]));
  }
  return nullptr;
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

// A constant key (a literal, a constant, or an expression of them): inserts under it add at
// most one entry, however often they run.
bool is_constant(const PackageInfo& info, const ast::Expr* e, int depth = 0) {
  e = unparen(e);
  if (e == nullptr || depth > 8) return false;
  if (ast::isa<ast::BasicLit>(e)) return true;
  if (const auto* id = ast::dyn_cast<ast::Ident>(e)) {
    const Object* obj = info.object_of(id);
    return obj != nullptr && obj->kind == Object::Kind::kConst;
  }
  if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(e)) return is_constant(info, u->x, depth + 1);
  if (const auto* b = ast::dyn_cast<ast::BinaryExpr>(e)) {
    return is_constant(info, b->x, depth + 1) && is_constant(info, b->y, depth + 1);
  }
  return false;
}

// Register, RegisterFormat, registerCodec, MustRegister: by convention called from init
// functions (often of other packages) to fill a registry once.
bool is_registration(std::string_view name) {
  for (std::string_view prefix : {"Register", "register", "MustRegister"}) {
    if (name.substr(0, prefix.size()) != prefix) continue;
    if (name.size() == prefix.size() ||
        (name[prefix.size()] >= 'A' && name[prefix.size()] <= 'Z')) {
      return true;
    }
  }
  return false;
}

}  // namespace

PackageGlobals::PackageGlobals(const Pass& pass) : pass_(pass) {
  const size_t n = pass.files().size();
  test_file_.resize(n);
  for (size_t i = 0; i < n; ++i) test_file_[i] = is_test_file(pass, static_cast<int>(i));
  // Without package-level variables there is nothing to find.
  bool any_var = false;
  for (size_t i = 0; i < n && !any_var; ++i) {
    if (test_file_[i]) continue;
    for (const ast::Node* d : pass.files()[i].parsed->file->decls) {
      const auto* gd = ast::dyn_cast<ast::GenDecl>(d);
      if (gd != nullptr && gd->tok == go::Tok::VAR) {
        any_var = true;
        break;
      }
    }
  }
  if (!any_var) return;
  // Facts come from functions that name a package-level variable (or delete/clear); the calls
  // between package functions matter only when some insert or append was found, to tell
  // functions run only while initialising. Other functions are not walked.
  const FunctionIndex& index = pass.shared<FunctionIndex>();
  std::vector<std::pair<int, const ast::FuncDecl*>> callers_only;
  for (size_t i = 0; i < n; ++i) {
    if (test_file_[i]) continue;
    int file = static_cast<int>(i);
    std::unordered_map<const ast::Node*, const FuncEntry*> entry;
    for (const FuncEntry& e : index.file(file)) {
      if (e.scope.func->kind == ast::Kind::FuncDecl) entry.emplace(e.scope.func, &e);
    }
    for (const ast::Node* d : pass.files()[i].parsed->file->decls) {
      if (const auto* fd = ast::dyn_cast<ast::FuncDecl>(d)) {
        if (fd->body == nullptr) continue;
        auto it = entry.find(fd);
        if (it != entry.end() && !it->second->deep_global_vars) {
          if (it->second->deep_global_funcs) callers_only.emplace_back(file, fd);
          continue;
        }
        visit_func(file, fd);
      } else if (const auto* gd = ast::dyn_cast<ast::GenDecl>(d);
                 gd != nullptr && gd->tok == go::Tok::VAR) {
        for (const ast::Node* sp : gd->specs) {
          const auto* vs = ast::dyn_cast<ast::ValueSpec>(sp);
          if (vs == nullptr) continue;
          for (const ast::Expr* v : vs->values) visit(file, v, vs, Ctx{false, nullptr});
        }
      }
    }
  }
  bool any_site = false;
  for (const auto& [key, f] : facts_)
    any_site = any_site || !f.inserts.empty() || !f.appends.empty();
  if (any_site) {
    for (const auto& [file, fd] : callers_only) visit_func(file, fd);
  }
  drop_init_only();
}

// Unexported package-level functions whose every use is a call made while initialising (from
// init, a variable initialiser, a sync.Once, or another such function) run only then: their
// inserts and appends fill a table once, and their assignments initialise rather than reset.
void PackageGlobals::drop_init_only() {
  const PackageInfo& info = pass_.info();
  bool any_site = false;
  for (const auto& [key, f] : facts_)
    any_site = any_site || !f.inserts.empty() || !f.appends.empty();
  if (!any_site) return;
  for (const auto& [obj, calls] : calls_) {
    if (obj->name.empty() || (obj->name[0] >= 'A' && obj->name[0] <= 'Z')) continue;
    if (info.uses(obj).size() != calls.size()) continue;  // also used as a value
    init_only_.insert(obj);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (auto it = init_only_.begin(); it != init_only_.end();) {
      bool runtime = false;
      for (const Ctx& c : calls_[*it]) {
        if (c.runtime && (c.func == nullptr || init_only_.count(c.func) == 0)) runtime = true;
      }
      if (runtime) {
        it = init_only_.erase(it);
        changed = true;
      } else {
        ++it;
      }
    }
  }
  if (init_only_.empty()) return;
  auto drop = [&](std::vector<GlobalSite>& sites) {
    sites.erase(std::remove_if(sites.begin(), sites.end(),
                               [&](const GlobalSite& g) {
                                 return g.func != nullptr && init_only_.count(g.func) != 0;
                               }),
                sites.end());
  };
  for (auto& [key, f] : facts_) {
    drop(f.inserts);
    drop(f.appends);
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

bool PackageGlobals::is_once(const ast::Expr* recv) const {
  recv = unparen(recv);
  std::string_view name;
  if (const auto* id = ast::dyn_cast<ast::Ident>(recv)) {
    name = id->name;
    const Object* obj = pass_.info().object_of(id);
    if (const auto* vs = obj != nullptr ? ast::dyn_cast<ast::ValueSpec>(obj->decl) : nullptr) {
      if (vs->type != nullptr && pass_.info().is_qualified(vs->type, "sync", "Once")) return true;
      // struct{ sync.Once; ... }: the embedded Once's Do
      const ast::StructType* st = struct_of(pass_.info(), vs->type);
      if (st != nullptr && st->fields != nullptr) {
        for (const ast::Field* f : st->fields->list) {
          if (f->names.empty() && pass_.info().is_qualified(f->type, "sync", "Once")) return true;
        }
      }
    }
  } else if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(recv)) {
    name = sel->sel->name;
  }
  // A field or variable of type sync.Once we cannot see the type of: go by the name.
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("once") != std::string::npos;
}

void PackageGlobals::visit_func(int file, const ast::FuncDecl* fd) {
  Ctx ctx;
  ctx.runtime =
      !(fd->recv == nullptr && fd->name->name == "init") && !is_registration(fd->name->name);
  if (fd->recv == nullptr && ctx.runtime) ctx.func = pass_.info().object_of(fd->name);
  visit(file, fd->body, fd, ctx);
}

void PackageGlobals::visit(int file, const ast::Node* n, const ast::Node* parent, Ctx ctx) {
  if (n == nullptr) return;
  const PackageInfo& info = pass_.info();
  GlobalKey key;
  switch (n->kind) {
    case ast::Kind::FuncLit: {
      // A literal runs when it is called: in place, or through a local variable, it runs in
      // the enclosing context; handed to a sync.Once it runs once; handed anywhere else (a
      // handler registered from init, a package-level func variable) it runs at run time.
      bool inherit = false;
      if (const auto* call = ast::dyn_cast<ast::CallExpr>(parent)) {
        if (call->fun == n) {
          inherit = true;
        } else if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->fun));
                   sel != nullptr && sel->sel->name == "Do" && call->args.size() == 1 &&
                   is_once(sel->x)) {
          ctx = Ctx{false, nullptr};
          inherit = true;
        }
      } else if (const auto* as = ast::dyn_cast<ast::AssignStmt>(parent)) {
        inherit = as->tok == go::Tok::DEFINE;
      } else if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(parent)) {
        const Object* obj = vs->names.empty() ? nullptr : info.object_of(vs->names[0]);
        inherit = obj != nullptr && !obj->package_level;
      }
      if (!inherit) ctx = Ctx{true, nullptr};
      break;
    }
    case ast::Kind::AssignStmt: {
      const auto* as = static_cast<const ast::AssignStmt*>(n);
      if (as->tok == go::Tok::DEFINE) break;  // declares locals
      bool same = as->lhs.size() == as->rhs.size();
      for (uint32_t i = 0; i < as->lhs.size(); ++i) {
        const ast::Expr* l = unparen(as->lhs[i]);
        if (const auto* ix = ast::dyn_cast<ast::IndexExpr>(l)) {
          if (ctx.runtime && !is_constant(info, ix->index) && key_of(ix->x, &key)) {
            facts_[key].inserts.push_back({file, n, ctx.func});
          }
          continue;
        }
        if (!key_of(l, &key)) continue;
        const auto* call = same ? ast::dyn_cast<ast::CallExpr>(unparen(as->rhs[i])) : nullptr;
        GlobalKey first;
        if (as->tok == go::Tok::ASSIGN && call != nullptr && builtin_name(info, call) == "append" &&
            !call->args.empty() && key_of(call->args[0], &first) && first.root == key.root &&
            first.path == key.path) {
          if (ctx.runtime) facts_[key].appends.push_back({file, n, ctx.func});
        } else if (ctx.runtime) {
          resets_[key].push_back(ctx.func);
        }
      }
      break;
    }
    case ast::Kind::IncDecStmt: {
      const auto* inc = static_cast<const ast::IncDecStmt*>(n);
      if (const auto* ix = ast::dyn_cast<ast::IndexExpr>(unparen(inc->x))) {
        if (ctx.runtime && !is_constant(info, ix->index) && key_of(ix->x, &key)) {
          facts_[key].inserts.push_back({file, n, ctx.func});
        }
      }
      break;
    }
    case ast::Kind::RangeStmt: {
      const auto* rs = static_cast<const ast::RangeStmt*>(n);
      if (ctx.runtime && rs->tok == go::Tok::ASSIGN) {
        if (key_of(rs->key, &key)) resets_[key].push_back(ctx.func);
        if (key_of(rs->value, &key)) resets_[key].push_back(ctx.func);
      }
      break;
    }
    case ast::Kind::CallExpr: {
      const auto* call = static_cast<const ast::CallExpr*>(n);
      const auto* fid = ast::dyn_cast<ast::Ident>(unparen(call->fun));
      const Object* fobj = fid != nullptr ? info.object_of(fid) : nullptr;
      if (fobj != nullptr && fobj->kind == Object::Kind::kFunc && fobj->package_level) {
        calls_[fobj].push_back(ctx);
      } else if (fid != nullptr && ctx.runtime && !call->args.empty()) {
        // delete, or clear (Go 1.21, unresolved by the semantic layer's universe)
        bool evicts = fobj != nullptr ? fobj->kind == Object::Kind::kBuiltin &&
                                            (fobj->name == "delete" || fobj->name == "clear")
                                      : fid->name == "clear";
        if (evicts && key_of(call->args[0], &key)) {
          facts_[key].deleted = true;
        } else if (const auto* fsel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->args[0]));
                   evicts && fsel != nullptr) {
          evicted_fields_.insert(std::string(fsel->sel->name));
        }
      } else if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->fun));
                 sel != nullptr && sel->sel->name == "Do" && call->args.size() == 1 &&
                 is_once(sel->x)) {
        // once.Do(fill): fill runs once.
        const auto* aid = ast::dyn_cast<ast::Ident>(unparen(call->args[0]));
        const Object* aobj = aid != nullptr ? info.object_of(aid) : nullptr;
        if (aobj != nullptr && aobj->kind == Object::Kind::kFunc && aobj->package_level) {
          calls_[aobj].push_back(Ctx{false, nullptr});
        }
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
      if (u->op == go::Tok::AND && key_of(u->x, &key)) resets_[key].push_back(nullptr);
      break;
    }
    default:
      break;
  }
  ast::for_each_child(const_cast<ast::Node*>(n), [&](ast::Node* c) {
    // Leaves hold no facts: identifiers matter only through the nodes above them.
    if (c->kind != ast::Kind::Ident && c->kind != ast::Kind::BasicLit) visit(file, c, n, ctx);
  });
}

bool PackageGlobals::field_evicted_elsewhere(const GlobalKey& key) const {
  size_t dot = key.path.rfind('.');
  if (dot == std::string::npos || evicted_fields_.empty()) return false;
  return evicted_fields_.count(std::string_view(key.path).substr(dot + 1)) != 0;
}

bool PackageGlobals::reset(const GlobalKey& key) const {
  for (auto it = resets_.lower_bound(GlobalKey{key.root, ""});
       it != resets_.end() && it->first.root == key.root; ++it) {
    const std::string& p = it->first.path;
    if (!(p.empty() || p == key.path ||
          (key.path.size() > p.size() && key.path.compare(0, p.size(), p) == 0 &&
           key.path[p.size()] == '.'))) {
      continue;
    }
    // Assignments in functions that only run while initialising are initialisation.
    for (const Object* f : it->second) {
      if (f == nullptr || init_only_.count(f) == 0) return true;
    }
  }
  return false;
}

bool PackageGlobals::is_map(const GlobalKey& key) const { return map_type(key) != nullptr; }

bool PackageGlobals::keyed_by_type(const GlobalKey& key) const {
  const ast::MapType* mt = map_type(key);
  return mt != nullptr && pass_.info().is_qualified(mt->key, "reflect", "Type");
}

const ast::MapType* PackageGlobals::map_type(const GlobalKey& key) const {
  const PackageInfo& info = pass_.info();
  const auto* vs = ast::dyn_cast<ast::ValueSpec>(key.root->decl);
  if (vs == nullptr) return nullptr;
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
  if (type != nullptr) {
    if (const auto* mt = ast::dyn_cast<ast::MapType>(underlying(info, type))) return mt;
  }
  return value != nullptr ? map_of_value(info, value) : nullptr;
}

std::string PackageGlobals::name(const GlobalKey& key) {
  return std::string(key.root->name) + key.path;
}

}  // namespace oomguard::lint::rules
