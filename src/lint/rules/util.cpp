#include "lint/rules/util.h"

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

// One walk over a declaration: records each function with its body's kind masks.
class IndexBuilder {
 public:
  explicit IndexBuilder(std::vector<FuncEntry>* out) : out_(out) {}

  void decl(const ast::Node* d) {
    const auto* fd = ast::dyn_cast<ast::FuncDecl>(d);
    if (fd != nullptr && fd->body != nullptr) {
      size_t e = add(fd, func_decl_name(fd), fd->body);
      ast::for_each_child(const_cast<ast::Node*>(d), [&](ast::Node* c) {
        if (c == fd->body) {
          body(c, e);
        } else {
          visit(c, kNone, false);
        }
      });
      return;
    }
    visit(d, kNone, false);
  }

 private:
  static constexpr size_t kNone = ~size_t{0};

  size_t add(const ast::Node* func, std::string name, const ast::Node* body) {
    FuncEntry e;
    e.scope = FuncScope{func, std::move(name)};
    e.body = static_cast<const ast::BlockStmt*>(body);
    out_->push_back(std::move(e));
    return out_->size() - 1;
  }

  // The body of function fn: its nodes also count for the enclosing functions' deep_kinds.
  void body(const ast::Node* b, size_t fn) {
    open_.push_back(fn);
    children(b, fn, false);
    open_.pop_back();
    FuncEntry& e = (*out_)[fn];
    e.deep_kinds |= e.kinds;
    if (!open_.empty()) (*out_)[open_.back()].deep_kinds |= e.deep_kinds;
  }

  void children(const ast::Node* n, size_t fn, bool in_loop) {
    ast::for_each_child(const_cast<ast::Node*>(n), [&](ast::Node* c) { visit(c, fn, in_loop); });
  }

  void visit(const ast::Node* n, size_t fn, bool in_loop) {
    if (n == nullptr) return;
    if (fn != kNone) {
      FuncEntry& e = (*out_)[fn];
      e.kinds |= kind_bit(n->kind);
      if (in_loop) e.loop_kinds |= kind_bit(n->kind);
    }
    if (n->kind == ast::Kind::FuncLit) {
      const auto* lit = static_cast<const ast::FuncLit*>(n);
      if (lit->body != nullptr) {
        body(lit->body, add(lit, "the function literal", lit->body));
      }
      return;
    }
    children(n, fn, in_loop || n->kind == ast::Kind::ForStmt || n->kind == ast::Kind::RangeStmt);
  }

  std::vector<FuncEntry>* out_;
  std::vector<size_t> open_;  // the functions whose bodies enclose the current node
};

}  // namespace

FunctionIndex::FunctionIndex(const Pass& pass) : files_(pass.files().size()) {
  for (size_t i = 0; i < files_.size(); ++i) {
    IndexBuilder b(&files_[i]);
    for (const ast::Node* d : pass.files()[i].parsed->file->decls) b.decl(d);
  }
}

}  // namespace oomguard::lint::rules
