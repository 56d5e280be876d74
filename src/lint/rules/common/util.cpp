#include "lint/rules/common/util.h"

#include <algorithm>
#include <cctype>

namespace oomguard::lint::rules {

std::string node_text(const Pass& pass, int file, const ast::Node* n, size_t max_len) {
  const go::ParsedFile& pf = *pass.files()[static_cast<size_t>(file)].parsed;
  go::Pos b = ast::node_pos(n);
  go::Pos e = ast::node_end(n);
  if (b == go::kNoPos || e == go::kNoPos || e < b) return "";
  std::string_view src = pf.source();
  size_t begin = pf.position(b).offset;
  size_t end = pf.position(e).offset;
  if (end > src.size() || begin > end) return "";
  std::string out;
  bool space = false;
  for (char c : src.substr(begin, end - begin)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
    if (out.size() > max_len) {
      out += "...";
      break;
    }
  }
  return out;
}

const ast::Expr* unparen(const ast::Expr* e) {
  while (e != nullptr && e->kind == ast::Kind::ParenExpr)
    e = static_cast<const ast::ParenExpr*>(e)->x;
  return e;
}

std::string_view callee_name(const ast::CallExpr* call) {
  const ast::Expr* f = unparen(call->fun);
  if (const auto* id = ast::dyn_cast<ast::Ident>(f)) return id->name;
  if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(f)) return sel->sel->name;
  return {};
}

std::string func_decl_name(const ast::FuncDecl* fd) {
  std::string name(fd->name->name);
  if (fd->recv == nullptr || fd->recv->list.empty()) return name;
  const ast::Expr* t = fd->recv->list[0]->type;
  bool ptr = false;
  if (const auto* star = ast::dyn_cast<ast::StarExpr>(t)) {
    ptr = true;
    t = star->x;
  }
  if (const auto* idx = ast::dyn_cast<ast::IndexExpr>(t)) t = idx->x;
  if (const auto* idx = ast::dyn_cast<ast::IndexListExpr>(t)) t = idx->x;
  std::string recv;
  if (const auto* id = ast::dyn_cast<ast::Ident>(t)) recv = std::string(id->name);
  return ptr ? "(*" + recv + ")." + name : recv + "." + name;
}

namespace {

// One walk over a declaration: records each function with its body's kind masks and calls.
class IndexBuilder {
 public:
  IndexBuilder(const PackageInfo& info, std::vector<FuncEntry>* out,
               std::vector<FunctionIndex::Call>* calls)
      : info_(info), out_(out), calls_(calls) {}

  void decl(const ast::Node* d) {
    const auto* fd = ast::dyn_cast<ast::FuncDecl>(d);
    Masks& none = outside_;
    if (fd != nullptr && fd->body != nullptr) {
      size_t e = add(fd, func_decl_name(fd), fd->body);
      ast::for_each_child(const_cast<ast::Node*>(d), [&](ast::Node* c) {
        if (c == fd->body) {
          body(c, e);
        } else {
          visit(c, none, false);
        }
      });
      return;
    }
    visit(d, none, false);
  }

 private:
  static constexpr uint32_t kNone = ~uint32_t{0};
  // The masks of the function being walked (fn == kNone: outside any function body).
  struct Masks {
    uint32_t fn = kNone;
    uint64_t kinds = 0;
    uint64_t loop_kinds = 0;
    uint64_t nested = 0;  // deep kinds of the function literals inside
    bool vars = false;    // deep_global_vars so far
    bool funcs = false;   // deep_global_funcs so far
  };

  size_t add(const ast::Node* func, std::string name, const ast::Node* body) {
    FuncEntry e;
    e.scope = FuncScope{func, std::move(name)};
    e.body = static_cast<const ast::BlockStmt*>(body);
    out_->push_back(std::move(e));
    return out_->size() - 1;
  }

  // Walks the body of function fn and stores its masks; returns its deep kinds.
  uint64_t body(const ast::Node* b, size_t fn) {
    Masks m;
    m.fn = static_cast<uint32_t>(fn);
    ast::for_each_child(const_cast<ast::Node*>(b), [&](ast::Node* c) { visit(c, m, false); });
    FuncEntry& e = (*out_)[fn];
    e.kinds = m.kinds;
    e.loop_kinds = m.loop_kinds;
    e.deep_kinds = m.kinds | m.nested;
    e.deep_global_vars = m.vars;
    e.deep_global_funcs = m.funcs;
    return e.deep_kinds;
  }

  void visit(const ast::Node* n, Masks& m, bool in_loop) {
    const uint64_t bit = kind_bit(n->kind);
    m.kinds |= bit;
    if (in_loop) m.loop_kinds |= bit;
    switch (n->kind) {
      case ast::Kind::Ident:
        if (m.fn != kNone && !(m.vars && m.funcs))
          note_global(static_cast<const ast::Ident*>(n), m);
        return;
      case ast::Kind::BasicLit:
        return;
      case ast::Kind::CallExpr:
        if (m.fn != kNone) {
          calls_->push_back({static_cast<const ast::CallExpr*>(n), m.fn, in_loop});
        }
        break;
      case ast::Kind::FuncLit: {
        const auto* lit = static_cast<const ast::FuncLit*>(n);
        if (lit->body != nullptr) {
          size_t e = add(lit, "the function literal", lit->body);
          m.nested |= body(lit->body, e);
          m.vars = m.vars || (*out_)[e].deep_global_vars;
          m.funcs = m.funcs || (*out_)[e].deep_global_funcs;
        }
        return;
      }
      case ast::Kind::ForStmt:
      case ast::Kind::RangeStmt:
        in_loop = true;
        break;
      default:
        break;
    }
    ast::for_each_child(const_cast<ast::Node*>(n), [&](ast::Node* c) { visit(c, m, in_loop); });
  }

  void note_global(const ast::Ident* id, Masks& m) const {
    const Object* o = info_.object_of(id);
    if (o == nullptr) {
      m.vars = m.vars || id->name == "clear";  // Go 1.21's builtin, not in our universe
    } else if (o->kind == Object::Kind::kBuiltin) {
      m.vars = m.vars || o->name == "delete" || o->name == "clear";
    } else if (o->package_level) {
      m.vars = m.vars || o->kind == Object::Kind::kVar;
      m.funcs = m.funcs || o->kind == Object::Kind::kFunc;
    }
  }

  const PackageInfo& info_;
  std::vector<FuncEntry>* out_;
  std::vector<FunctionIndex::Call>* calls_;

 public:
  Masks outside_;  // the nodes outside function bodies
};

}  // namespace

FunctionIndex::FunctionIndex(const Pass& pass)
    : files_(pass.files().size()),
      calls_(pass.files().size()),
      outside_kinds_(pass.files().size()) {
  for (size_t i = 0; i < files_.size(); ++i) {
    IndexBuilder b(pass.info(), &files_[i], &calls_[i]);
    for (const ast::Node* d : pass.files()[i].parsed->file->decls) b.decl(d);
    outside_kinds_[i] = b.outside_.kinds;
  }
}

std::vector<const FuncEntry*> FunctionIndex::calling(int i,
                                                     std::initializer_list<std::string_view> names,
                                                     bool in_loop) const {
  std::vector<const FuncEntry*> out;
  const std::vector<FuncEntry>& fns = file(i);
  uint32_t last = ~uint32_t{0};
  std::vector<bool> seen;
  for (const Call& c : calls(i)) {
    if ((in_loop && !c.in_loop) || c.fn == last) continue;
    std::string_view name = callee_name(c.call);
    if (std::find(names.begin(), names.end(), name) == names.end()) continue;
    if (seen.empty()) seen.resize(fns.size(), false);
    last = c.fn;
    if (seen[c.fn]) continue;
    seen[c.fn] = true;
    out.push_back(&fns[c.fn]);
  }
  std::sort(out.begin(), out.end());  // index order (entries are contiguous)
  return out;
}

}  // namespace oomguard::lint::rules
