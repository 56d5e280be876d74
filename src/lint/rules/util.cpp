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

}  // namespace oomguard::lint::rules
