// The resolving pass: one walk over each file with a flat scope stack (entries pushed as names
// are declared, truncated when a block closes, searched backwards), following Go's declaration
// points: a var/const/:= name is visible after its spec or statement, a type name from its
// identifier, labels function-wide, package-level names everywhere.
#include <pthread.h>

#include <cstring>

#include "lint/semantic_impl.h"

namespace oomguard::lint::detail {
namespace {

using ast::Kind;
using ast::Node;

bool names_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         (a.empty() || (a[0] == b[0] && std::memcmp(a.data(), b.data(), a.size()) == 0));
}

class Resolver {
 public:
  Resolver(const std::vector<FileUnit>& files, PackageInfoImpl* impl)
      : files_(files), impl_(*impl), floor_(stack_floor()) {}

  void run() {
    size_t bytes = 0;
    for (const FileUnit& f : files_) bytes += f.parsed->source().size();
    impl_.use_recs.reserve(bytes / 24 + 64);
    impl_.file_scopes.resize(files_.size());
    for (size_t i = 0; i < files_.size(); i++) collect_package_level(static_cast<int>(i));
    for (size_t i = 0; i < files_.size(); i++) resolve_file(static_cast<int>(i));
  }

 private:
  struct Entry {
    std::string_view name;
    const Object* obj;
  };

  // ---- objects and scopes

  Object* make(Object::Kind kind, const ast::Ident* id, const Node* decl) {
    Object& o = impl_.objects.emplace_back();
    o.kind = kind;
    o.name = id->name;
    o.ident = id;
    o.decl = decl;
    o.file = file_;
    o.func = func_;
    o.index = static_cast<uint32_t>(Object::kUniverseObjects + impl_.objects.size() - 1);
    return &o;
  }
  void def(const ast::Ident* id, const Object* obj) { impl_.idents.put(id, obj); }
  void record_use(const ast::Ident* id, const Object* obj) {
    impl_.idents.put(id, obj);
    impl_.use_recs.push_back({id, obj, file_});
  }

  void open() { scope_start_.push_back(static_cast<uint32_t>(scope_.size())); }
  void close() {
    scope_.resize(scope_start_.back());
    scope_start_.pop_back();
  }
  // Declares a local object (blank names declare nothing).
  void declare(const Object* obj) {
    if (obj->name != "_") scope_.push_back({obj->name, obj});
  }
  // Creates, defines and declares a local object.
  Object* local(Object::Kind kind, const ast::Ident* id, const Node* decl) {
    if (id->name == "_") return nullptr;
    Object* o = make(kind, id, decl);
    def(id, o);
    declare(o);
    return o;
  }

  const Object* lookup(std::string_view name) const {
    for (size_t i = scope_.size(); i-- > 0;) {
      if (names_equal(scope_[i].name, name)) return scope_[i].obj;
    }
    for (const FileScope::Entry& e : impl_.file_scopes[file_].names) {
      if (names_equal(e.name, name)) return e.obj;
    }
    if (const Object* o = impl_.package_scope.find(name)) return o;
    return universe_object(name);
  }

  void use(const ast::Ident* id) {
    if (id->name.empty() || id->name == "_") return;
    if (const Object* o = lookup(id->name)) {
      record_use(id, o);
    } else if (has_dot_imports_) {
      impl_.dot_candidates.emplace(id, file_);
    }
  }
  // A composite-literal key of unknown meaning: resolved only when the name is in scope.
  void use_if_found(const ast::Ident* id) {
    if (id->name.empty() || id->name == "_") return;
    if (const Object* o = lookup(id->name)) record_use(id, o);
  }

  bool too_deep() const {
    return floor_ != nullptr && static_cast<const char*>(__builtin_frame_address(0)) < floor_;
  }

  // ---- package level

  void collect_package_level(int file) {
    file_ = file;
    func_ = nullptr;
    ast::File* f = files_[file].parsed->file;
    FileScope& fs = impl_.file_scopes[file];
    for (Node* d : f->decls) {
      if (auto* g = ast::dyn_cast<ast::GenDecl>(d)) {
        for (Node* spec : g->specs) {
          if (auto* is = ast::dyn_cast<ast::ImportSpec>(spec)) {
            collect_import(is, &fs);
          } else if (auto* vs = ast::dyn_cast<ast::ValueSpec>(spec)) {
            auto kind = g->tok == go::Tok::CONST ? Object::Kind::kConst : Object::Kind::kVar;
            for (ast::Ident* id : vs->names) package_object(kind, id, vs);
          } else if (auto* ts = ast::dyn_cast<ast::TypeSpec>(spec)) {
            if (ts->name != nullptr) package_object(Object::Kind::kType, ts->name, ts);
          }
        }
      } else if (auto* fd = ast::dyn_cast<ast::FuncDecl>(d)) {
        if (fd->recv != nullptr || fd->name == nullptr) continue;  // methods: not in scope
        Object* o = make(Object::Kind::kFunc, fd->name, fd);
        o->package_level = true;
        def(fd->name, o);
        if (fd->name->name != "init" && fd->name->name != "_") {
          impl_.package_scope.insert(o->name, o);
        }
      }
    }
  }

  void package_object(Object::Kind kind, const ast::Ident* id, const Node* decl) {
    if (id->name == "_") return;
    Object* o = make(kind, id, decl);
    o->package_level = true;
    def(id, o);
    impl_.package_scope.insert(o->name, o);
  }

  void collect_import(const ast::ImportSpec* is, FileScope* fs) {
    std::string_view path = import_path_of(is);
    fs->all_paths.push_back(path);
    std::string_view name;
    if (is->name != nullptr) {
      name = is->name->name;
      if (name == "_") return;
      if (name == ".") {
        fs->dot_paths.push_back(path);
        return;
      }
    } else {
      name = assumed_package_name(path);
      if (name.empty()) return;
    }
    Object& o = impl_.objects.emplace_back();
    o.kind = Object::Kind::kPackage;
    o.name = name;
    o.ident = is->name;
    o.decl = is;
    o.import_path = path;
    o.file = file_;
    o.package_level = true;
    o.index = static_cast<uint32_t>(Object::kUniverseObjects + impl_.objects.size() - 1);
    if (is->name != nullptr) def(is->name, &o);
    fs->names.push_back({name, &o});
  }

  void resolve_file(int file) {
    file_ = file;
    func_ = nullptr;
    has_dot_imports_ = !impl_.file_scopes[file].dot_paths.empty();
    ast::File* f = files_[file].parsed->file;
    for (Node* d : f->decls) {
      if (auto* g = ast::dyn_cast<ast::GenDecl>(d)) {
        if (g->tok == go::Tok::IMPORT) continue;
        for (Node* spec : g->specs) {
          if (auto* vs = ast::dyn_cast<ast::ValueSpec>(spec)) {
            expr(vs->type);
            for (Node* v : vs->values) expr(v);
          } else if (auto* ts = ast::dyn_cast<ast::TypeSpec>(spec)) {
            type_spec_body(ts);
          }
        }
      } else if (auto* fd = ast::dyn_cast<ast::FuncDecl>(d)) {
        func_decl(fd);
      }
    }
  }

  // ---- functions

  void func_decl(const ast::FuncDecl* fd) {
    func_ = fd;
    open();
    size_t label_base = labels_.size(), pending_base = pending_.size();
    // Receiver type parameters: `func (l *List[T]) ...` declares T.
    const Node* recv_base = nullptr;
    if (fd->recv != nullptr && !fd->recv->list.empty()) {
      const ast::Field* rf = fd->recv->list[0];
      const Node* t = rf->type;
      while (t != nullptr && (t->kind == Kind::StarExpr || t->kind == Kind::ParenExpr)) {
        t = t->kind == Kind::StarExpr ? static_cast<const ast::StarExpr*>(t)->x
                                      : static_cast<const ast::ParenExpr*>(t)->x;
      }
      if (auto* ix = ast::dyn_cast<ast::IndexExpr>(t)) {
        recv_base = ix->x;
        if (auto* id = ast::dyn_cast<ast::Ident>(ix->index)) local(Object::Kind::kType, id, rf);
      } else if (auto* il = ast::dyn_cast<ast::IndexListExpr>(t)) {
        recv_base = il->x;
        for (Node* n : il->indices) {
          if (auto* id = ast::dyn_cast<ast::Ident>(n)) local(Object::Kind::kType, id, rf);
        }
      } else {
        recv_base = t;
      }
    }
    if (fd->type != nullptr) type_params(fd->type->type_params);
    if (recv_base != nullptr) expr(recv_base);
    signature_types(fd->type);
    if (fd->recv != nullptr) declare_fields(fd->recv, false);
    declare_signature(fd->type);
    if (fd->body != nullptr) stmt_list(fd->body->list);
    finish_labels(label_base, pending_base);
    close();
    func_ = nullptr;
  }

  void func_lit(const ast::FuncLit* fl) {
    const Node* saved = func_;
    func_ = fl;
    open();
    size_t label_base = labels_.size(), pending_base = pending_.size();
    signature_types(fl->type);
    declare_signature(fl->type);
    if (fl->body != nullptr) stmt_list(fl->body->list);
    finish_labels(label_base, pending_base);
    close();
    func_ = saved;
  }

  // A func type that is not a function's signature (a type literal, an interface method):
  // its parameter names get objects in a scope of their own.
  void func_type(const ast::FuncType* ft) {
    open();
    type_params(ft->type_params);
    signature_types(ft);
    declare_signature(ft);
    close();
  }

  void type_params(const ast::FieldList* tp) {
    if (tp == nullptr) return;
    for (ast::Field* f : tp->list) {
      for (ast::Ident* id : f->names) local(Object::Kind::kType, id, f);
    }
    for (ast::Field* f : tp->list) expr(f->type);
  }

  void signature_types(const ast::FuncType* ft) {
    if (ft == nullptr) return;
    if (ft->params != nullptr) {
      for (ast::Field* f : ft->params->list) expr(f->type);
    }
    if (ft->results != nullptr) {
      for (ast::Field* f : ft->results->list) expr(f->type);
    }
  }

  void declare_signature(const ast::FuncType* ft) {
    if (ft == nullptr) return;
    if (ft->params != nullptr) declare_fields(ft->params, false);
    if (ft->results != nullptr) declare_fields(ft->results, true);
  }

  void declare_fields(const ast::FieldList* fl, bool result) {
    for (ast::Field* f : fl->list) {
      for (ast::Ident* id : f->names) {
        if (Object* o = local(Object::Kind::kVar, id, f)) {
          o->param = true;
          o->result = result;
        }
      }
    }
  }

  void finish_labels(size_t label_base, size_t pending_base) {
    for (size_t i = pending_base; i < pending_.size(); i++) {
      const ast::Ident* id = pending_[i];
      for (size_t j = label_base; j < labels_.size(); j++) {
        if (names_equal(labels_[j].name, id->name)) {
          record_use(id, labels_[j].obj);
          break;
        }
      }
    }
    labels_.resize(label_base);
    pending_.resize(pending_base);
  }

  // ---- declarations inside functions

  void type_spec_body(const ast::TypeSpec* ts) {
    if (ts->type_params != nullptr) {
      open();
      type_params(ts->type_params);
      expr(ts->type);
      close();
    } else {
      expr(ts->type);
    }
  }

  void local_gen_decl(const ast::GenDecl* g) {
    for (Node* spec : g->specs) {
      if (auto* vs = ast::dyn_cast<ast::ValueSpec>(spec)) {
        expr(vs->type);
        for (Node* v : vs->values) expr(v);
        auto kind = g->tok == go::Tok::CONST ? Object::Kind::kConst : Object::Kind::kVar;
        for (ast::Ident* id : vs->names) local(kind, id, vs);
      } else if (auto* ts = ast::dyn_cast<ast::TypeSpec>(spec)) {
        if (ts->name != nullptr) local(Object::Kind::kType, ts->name, ts);
        type_spec_body(ts);
      }
    }
  }

  // `a, b := ...`: the right side first; names already declared in this very scope are reused
  // (recorded as uses), new ones are declared.
  void short_var_decl(const ast::AssignStmt* as, const Node* loop) {
    for (Node* r : as->rhs) expr(r);
    uint32_t start = scope_start_.empty() ? 0 : scope_start_.back();
    for (Node* l : as->lhs) {
      auto* id = ast::dyn_cast<ast::Ident>(l);
      if (id == nullptr) {
        expr(l);
        continue;
      }
      if (id->name == "_") continue;
      const Object* found = nullptr;
      for (size_t i = scope_.size(); i-- > start;) {
        if (names_equal(scope_[i].name, id->name)) {
          found = scope_[i].obj;
          break;
        }
      }
      if (found != nullptr) {
        record_use(id, found);
      } else if (Object* o = local(Object::Kind::kVar, id, as)) {
        o->loop = loop;
      }
    }
  }

  // ---- statements

  void stmt_list(const ast::List<Node>& list) {
    for (Node* s : list) stmt(s);
  }

  void block(const ast::BlockStmt* b) {
    if (b == nullptr) return;
    open();
    stmt_list(b->list);
    close();
  }

  void stmt(const Node* s) {
    if (s == nullptr || too_deep()) return;
    switch (s->kind) {
      case Kind::BadStmt:
      case Kind::EmptyStmt:
        return;
      case Kind::DeclStmt:
        if (auto* g = ast::dyn_cast<ast::GenDecl>(static_cast<const ast::DeclStmt*>(s)->decl)) {
          local_gen_decl(g);
        }
        return;
      case Kind::LabeledStmt: {
        auto* ls = static_cast<const ast::LabeledStmt*>(s);
        if (ls->label != nullptr && ls->label->name != "_") {
          Object* o = make(Object::Kind::kLabel, ls->label, ls);
          def(ls->label, o);
          labels_.push_back({o->name, o});
        }
        stmt(ls->stmt);
        return;
      }
      case Kind::ExprStmt:
        expr(static_cast<const ast::ExprStmt*>(s)->x);
        return;
      case Kind::SendStmt:
        expr(static_cast<const ast::SendStmt*>(s)->chan);
        expr(static_cast<const ast::SendStmt*>(s)->value);
        return;
      case Kind::IncDecStmt:
        expr(static_cast<const ast::IncDecStmt*>(s)->x);
        return;
      case Kind::AssignStmt: {
        auto* as = static_cast<const ast::AssignStmt*>(s);
        if (as->tok == go::Tok::DEFINE) {
          short_var_decl(as, nullptr);
        } else {
          for (Node* l : as->lhs) expr(l);
          for (Node* r : as->rhs) expr(r);
        }
        return;
      }
      case Kind::GoStmt:
        expr(static_cast<const ast::GoStmt*>(s)->call);
        return;
      case Kind::DeferStmt:
        expr(static_cast<const ast::DeferStmt*>(s)->call);
        return;
      case Kind::ReturnStmt:
        for (Node* r : static_cast<const ast::ReturnStmt*>(s)->results) expr(r);
        return;
      case Kind::BranchStmt: {
        auto* bs = static_cast<const ast::BranchStmt*>(s);
        if (bs->label != nullptr) pending_.push_back(bs->label);
        return;
      }
      case Kind::BlockStmt:
        block(static_cast<const ast::BlockStmt*>(s));
        return;
      case Kind::IfStmt: {
        auto* is = static_cast<const ast::IfStmt*>(s);
        open();
        stmt(is->init);
        expr(is->cond);
        block(is->body);
        stmt(is->else_);
        close();
        return;
      }
      case Kind::SwitchStmt: {
        auto* ss = static_cast<const ast::SwitchStmt*>(s);
        open();
        stmt(ss->init);
        expr(ss->tag);
        if (ss->body != nullptr) {
          for (Node* c : ss->body->list) {
            auto* cc = ast::dyn_cast<ast::CaseClause>(c);
            if (cc == nullptr) continue;
            for (Node* e : cc->list) expr(e);
            open();
            stmt_list(cc->body);
            close();
          }
        }
        close();
        return;
      }
      case Kind::TypeSwitchStmt:
        type_switch(static_cast<const ast::TypeSwitchStmt*>(s));
        return;
      case Kind::SelectStmt: {
        auto* ss = static_cast<const ast::SelectStmt*>(s);
        if (ss->body == nullptr) return;
        for (Node* c : ss->body->list) {
          auto* cc = ast::dyn_cast<ast::CommClause>(c);
          if (cc == nullptr) continue;
          open();
          stmt(cc->comm);
          stmt_list(cc->body);
          close();
        }
        return;
      }
      case Kind::ForStmt: {
        auto* fs = static_cast<const ast::ForStmt*>(s);
        open();
        auto* init = ast::dyn_cast<ast::AssignStmt>(fs->init);
        if (init != nullptr && init->tok == go::Tok::DEFINE) {
          short_var_decl(init, fs);
        } else {
          stmt(fs->init);
        }
        expr(fs->cond);
        stmt(fs->post);
        block(fs->body);
        close();
        return;
      }
      case Kind::RangeStmt: {
        auto* rs = static_cast<const ast::RangeStmt*>(s);
        expr(rs->x);
        open();
        if (rs->tok == go::Tok::DEFINE) {
          for (const Node* kv : {rs->key, rs->value}) {
            if (auto* id = ast::dyn_cast<ast::Ident>(kv)) {
              if (Object* o = local(Object::Kind::kVar, id, rs)) o->loop = rs;
            } else {
              expr(kv);
            }
          }
        } else {
          expr(rs->key);
          expr(rs->value);
        }
        block(rs->body);
        close();
        return;
      }
      default:
        // Not a statement (bad input): resolve whatever is inside as expressions.
        expr(s);
        return;
    }
  }

  void type_switch(const ast::TypeSwitchStmt* ts) {
    open();
    stmt(ts->init);
    Object* sym = nullptr;
    if (auto* as = ast::dyn_cast<ast::AssignStmt>(ts->assign)) {
      for (Node* r : as->rhs) expr(r);
      if (as->tok == go::Tok::DEFINE && as->lhs.size() == 1) {
        auto* id = ast::dyn_cast<ast::Ident>(as->lhs[0]);
        if (id != nullptr && id->name != "_") {
          sym = make(Object::Kind::kVar, id, ts);
          def(id, sym);
        }
      } else {
        for (Node* l : as->lhs) expr(l);
      }
    } else {
      stmt(ts->assign);
    }
    if (ts->body != nullptr) {
      for (Node* c : ts->body->list) {
        auto* cc = ast::dyn_cast<ast::CaseClause>(c);
        if (cc == nullptr) continue;
        for (Node* e : cc->list) expr(e);
        open();
        if (sym != nullptr) declare(sym);
        stmt_list(cc->body);
        close();
      }
    }
    close();
  }

  // ---- expressions

  void expr(const Node* e) {
    if (e == nullptr || too_deep()) return;
    switch (e->kind) {
      case Kind::Ident:
        use(static_cast<const ast::Ident*>(e));
        return;
      case Kind::BasicLit:
      case Kind::BadExpr:
        return;
      case Kind::Ellipsis:
        expr(static_cast<const ast::Ellipsis*>(e)->elt);
        return;
      case Kind::FuncLit:
        func_lit(static_cast<const ast::FuncLit*>(e));
        return;
      case Kind::CompositeLit:
        composite(static_cast<const ast::CompositeLit*>(e), nullptr);
        return;
      case Kind::ParenExpr:
        expr(static_cast<const ast::ParenExpr*>(e)->x);
        return;
      case Kind::SelectorExpr:
        expr(static_cast<const ast::SelectorExpr*>(e)->x);
        return;
      case Kind::IndexExpr:
        expr(static_cast<const ast::IndexExpr*>(e)->x);
        expr(static_cast<const ast::IndexExpr*>(e)->index);
        return;
      case Kind::IndexListExpr:
        expr(static_cast<const ast::IndexListExpr*>(e)->x);
        for (Node* i : static_cast<const ast::IndexListExpr*>(e)->indices) expr(i);
        return;
      case Kind::SliceExpr: {
        auto* x = static_cast<const ast::SliceExpr*>(e);
        expr(x->x);
        expr(x->low);
        expr(x->high);
        expr(x->max);
        return;
      }
      case Kind::TypeAssertExpr:
        expr(static_cast<const ast::TypeAssertExpr*>(e)->x);
        expr(static_cast<const ast::TypeAssertExpr*>(e)->type);
        return;
      case Kind::CallExpr: {
        auto* c = static_cast<const ast::CallExpr*>(e);
        expr(c->fun);
        for (Node* a : c->args) expr(a);
        return;
      }
      case Kind::StarExpr:
        expr(static_cast<const ast::StarExpr*>(e)->x);
        return;
      case Kind::UnaryExpr:
        expr(static_cast<const ast::UnaryExpr*>(e)->x);
        return;
      case Kind::BinaryExpr:
        expr(static_cast<const ast::BinaryExpr*>(e)->x);
        expr(static_cast<const ast::BinaryExpr*>(e)->y);
        return;
      case Kind::KeyValueExpr:
        expr(static_cast<const ast::KeyValueExpr*>(e)->key);
        expr(static_cast<const ast::KeyValueExpr*>(e)->value);
        return;
      case Kind::ArrayType:
        expr(static_cast<const ast::ArrayType*>(e)->len);
        expr(static_cast<const ast::ArrayType*>(e)->elt);
        return;
      case Kind::StructType: {
        auto* st = static_cast<const ast::StructType*>(e);
        if (st->fields != nullptr) {
          for (ast::Field* f : st->fields->list) expr(f->type);
        }
        return;
      }
      case Kind::FuncType:
        func_type(static_cast<const ast::FuncType*>(e));
        return;
      case Kind::InterfaceType: {
        auto* it = static_cast<const ast::InterfaceType*>(e);
        if (it->methods != nullptr) {
          for (ast::Field* f : it->methods->list) expr(f->type);
        }
        return;
      }
      case Kind::MapType:
        expr(static_cast<const ast::MapType*>(e)->key);
        expr(static_cast<const ast::MapType*>(e)->value);
        return;
      case Kind::ChanType:
        expr(static_cast<const ast::ChanType*>(e)->value);
        return;
      default:
        if (ast::is_stmt(e->kind)) {
          stmt(e);
        } else {
          ast::for_each_child(const_cast<Node*>(e), [&](Node* c) { expr(c); });
        }
        return;
    }
  }

  // ---- composite literals

  enum class KeyMode : uint8_t { kUnknown, kField, kExpr };

  // The type expression a named type stands for (through local and package-level type
  // declarations and instantiations), or the expression itself.
  const Node* underlying(const Node* t) const {
    for (int step = 0; t != nullptr && step < 16; step++) {
      switch (t->kind) {
        case Kind::ParenExpr:
          t = static_cast<const ast::ParenExpr*>(t)->x;
          continue;
        case Kind::IndexExpr:
          t = static_cast<const ast::IndexExpr*>(t)->x;
          continue;
        case Kind::IndexListExpr:
          t = static_cast<const ast::IndexListExpr*>(t)->x;
          continue;
        case Kind::Ident: {
          const Object* o = impl_.idents.find(static_cast<const ast::Ident*>(t));
          if (o == nullptr || o->kind != Object::Kind::kType) return t;
          auto* ts = ast::dyn_cast<ast::TypeSpec>(o->decl);
          if (ts == nullptr) return t;
          t = ts->type;
          continue;
        }
        default:
          return t;
      }
    }
    return t;
  }

  // The literal type of an elided element (`[]T{{...}}`, `[]*T{{...}}`), or nullptr.
  static const Node* elided(const Node* elem) {
    if (auto* st = ast::dyn_cast<ast::StarExpr>(elem)) return st->x;
    return elem;
  }

  void composite(const ast::CompositeLit* lit, const Node* inherited) {
    const Node* type = inherited;
    if (lit->type != nullptr) {
      expr(lit->type);
      type = lit->type;
    }
    const Node* u = underlying(type);
    KeyMode mode = KeyMode::kUnknown;
    const Node* key_type = nullptr;
    const Node* elem_type = nullptr;
    if (u != nullptr) {
      switch (u->kind) {
        case Kind::StructType:
          mode = KeyMode::kField;
          break;
        case Kind::ArrayType:
          mode = KeyMode::kExpr;
          elem_type = elided(static_cast<const ast::ArrayType*>(u)->elt);
          break;
        case Kind::MapType:
          mode = KeyMode::kExpr;
          key_type = elided(static_cast<const ast::MapType*>(u)->key);
          elem_type = elided(static_cast<const ast::MapType*>(u)->value);
          break;
        case Kind::SelectorExpr: {
          // pkg.T: a type of another package, almost always a struct.
          auto* x = ast::dyn_cast<ast::Ident>(static_cast<const ast::SelectorExpr*>(u)->x);
          const Object* o = x != nullptr ? impl_.idents.find(x) : nullptr;
          if (o != nullptr && o->kind == Object::Kind::kPackage) mode = KeyMode::kField;
          break;
        }
        default:
          break;
      }
    }
    for (Node* el : lit->elts) {
      if (auto* kv = ast::dyn_cast<ast::KeyValueExpr>(el)) {
        if (auto* id = ast::dyn_cast<ast::Ident>(kv->key)) {
          if (mode == KeyMode::kExpr) {
            use(id);
          } else if (mode == KeyMode::kUnknown) {
            use_if_found(id);
          }
        } else {
          element(kv->key, key_type);
        }
        element(kv->value, elem_type);
      } else {
        element(el, elem_type);
      }
    }
  }

  void element(const Node* e, const Node* elem_type) {
    if (auto* cl = ast::dyn_cast<ast::CompositeLit>(e)) {
      if (!too_deep()) composite(cl, elem_type);
    } else {
      expr(e);
    }
  }

  const std::vector<FileUnit>& files_;
  PackageInfoImpl& impl_;
  const char* floor_;
  int file_ = -1;
  const Node* func_ = nullptr;
  bool has_dot_imports_ = false;
  std::vector<Entry> scope_;
  std::vector<uint32_t> scope_start_;
  std::vector<Entry> labels_;
  std::vector<const ast::Ident*> pending_;
};

}  // namespace

const char* stack_floor() {
  static thread_local const char* floor = [] {
    const char* result = nullptr;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void* addr = nullptr;
      size_t size = 0;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0 && size > (256u << 10)) {
        result = static_cast<const char*>(addr) + (128u << 10);
      }
      pthread_attr_destroy(&attr);
    }
    return result;
  }();
  return floor;
}

void resolve_package(const std::vector<FileUnit>& files, PackageInfoImpl* impl) {
  Resolver r(files, impl);
  r.run();
}

}  // namespace oomguard::lint::detail
