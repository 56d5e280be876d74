#include "lint/rules/common/loop_facts.h"

#include <charconv>
#include <cstdlib>
#include <string>
#include <unordered_set>
#include <vector>

#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

constexpr int kMaxDepth = 32;

std::optional<int64_t> parse_int_lit(std::string_view text) {
  std::string s;
  s.reserve(text.size());
  for (char c : text) {
    if (c != '_') s += c;
  }
  if (s.empty()) return std::nullopt;
  int base = 10;
  size_t start = 0;
  if (s.size() > 1 && s[0] == '0') {
    char p = static_cast<char>(s[1] | 0x20);
    if (p == 'x') {
      base = 16;
      start = 2;
    } else if (p == 'b') {
      base = 2;
      start = 2;
    } else if (p == 'o') {
      base = 8;
      start = 2;
    } else {
      base = 8;
      start = 1;
    }
  }
  uint64_t v = 0;
  const char* b = s.data() + start;
  const char* e = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(b, e, v, base);
  if (ec != std::errc() || ptr != e || v > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<int64_t>(v);
}

std::optional<int64_t> parse_float_lit(std::string_view text) {
  if (text.size() > 1 && text[0] == '0' && (text[1] | 0x20) == 'x') return std::nullopt;
  std::string s;
  for (char c : text) {
    if (c != '_') s += c;
  }
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || d < 0 || d > 9.0e18) return std::nullopt;
  auto v = static_cast<int64_t>(d);
  if (static_cast<double>(v) != d) return std::nullopt;
  return v;
}

bool is_int_type_name(std::string_view n) {
  static const std::unordered_set<std::string_view> kNames = {
      "int",    "int8",   "int16",  "int32",   "int64", "uint", "uint8",
      "uint16", "uint32", "uint64", "uintptr", "byte",  "rune"};
  return kNames.count(n) != 0;
}

std::optional<int64_t> eval(const PackageInfo& info, const ast::Expr* e, int depth) {
  if (e == nullptr || depth > kMaxDepth) return std::nullopt;
  switch (e->kind) {
    case ast::Kind::ParenExpr:
      return eval(info, static_cast<const ast::ParenExpr*>(e)->x, depth + 1);
    case ast::Kind::BasicLit: {
      const auto* lit = static_cast<const ast::BasicLit*>(e);
      if (lit->tok == go::Tok::INT) return parse_int_lit(lit->value);
      if (lit->tok == go::Tok::FLOAT) return parse_float_lit(lit->value);
      return std::nullopt;
    }
    case ast::Kind::Ident: {
      const Object* obj = info.object_of(static_cast<const ast::Ident*>(e));
      if (obj == nullptr || obj->kind != Object::Kind::kConst || obj->decl == nullptr)
        return std::nullopt;
      const auto* spec = ast::dyn_cast<ast::ValueSpec>(obj->decl);
      if (spec == nullptr || spec->values.size() != spec->names.size()) return std::nullopt;
      for (uint32_t i = 0; i < spec->names.size(); ++i) {
        if (spec->names[i] == obj->ident) return eval(info, spec->values[i], depth + 1);
      }
      return std::nullopt;
    }
    case ast::Kind::UnaryExpr: {
      const auto* u = static_cast<const ast::UnaryExpr*>(e);
      auto x = eval(info, u->x, depth + 1);
      if (!x) return std::nullopt;
      if (u->op == go::Tok::ADD) return x;
      if (u->op == go::Tok::SUB) return -*x;
      if (u->op == go::Tok::XOR) return ~*x;
      return std::nullopt;
    }
    case ast::Kind::CallExpr: {  // conversion to an integer type: int64(1 << 20)
      const auto* c = static_cast<const ast::CallExpr*>(e);
      const auto* id = ast::dyn_cast<ast::Ident>(unparen(c->fun));
      if (id == nullptr || c->args.size() != 1 || !is_int_type_name(id->name)) return std::nullopt;
      const Object* obj = info.object_of(id);
      if (obj == nullptr || obj->kind != Object::Kind::kType || obj->decl != nullptr)
        return std::nullopt;  // a local type or function shadowing the name
      return eval(info, c->args[0], depth + 1);
    }
    case ast::Kind::BinaryExpr: {
      const auto* b = static_cast<const ast::BinaryExpr*>(e);
      auto x = eval(info, b->x, depth + 1);
      if (!x) return std::nullopt;
      auto y = eval(info, b->y, depth + 1);
      if (!y) return std::nullopt;
      int64_t r = 0;
      switch (b->op) {
        case go::Tok::ADD:
          if (__builtin_add_overflow(*x, *y, &r)) return std::nullopt;
          return r;
        case go::Tok::SUB:
          if (__builtin_sub_overflow(*x, *y, &r)) return std::nullopt;
          return r;
        case go::Tok::MUL:
          if (__builtin_mul_overflow(*x, *y, &r)) return std::nullopt;
          return r;
        case go::Tok::QUO:
          if (*y == 0 || (*x == INT64_MIN && *y == -1)) return std::nullopt;
          return *x / *y;
        case go::Tok::REM:
          if (*y == 0 || (*x == INT64_MIN && *y == -1)) return std::nullopt;
          return *x % *y;
        case go::Tok::SHL:
          if (*y < 0 || *y > 62 || *x < 0 || (*x >> (62 - *y)) != 0) return std::nullopt;
          return *x << *y;
        case go::Tok::SHR:
          if (*y < 0) return std::nullopt;
          return *y > 62 ? (*x < 0 ? -1 : 0) : (*x >> *y);
        case go::Tok::AND:
          return *x & *y;
        case go::Tok::OR:
          return *x | *y;
        case go::Tok::XOR:
          return *x ^ *y;
        case go::Tok::AND_NOT:
          return *x & ~*y;
        default:
          return std::nullopt;
      }
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<int64_t> const_int(const PackageInfo& info, const ast::Expr* e) {
  return eval(info, e, 0);
}

bool can_repeat(const Cfg& cfg, const ast::Node* stmt) {
  auto [block, idx] = cfg.locate(stmt);
  (void)idx;
  if (block == nullptr) return true;
  std::vector<const CfgBlock*> work(block->succs.begin(), block->succs.end());
  std::unordered_set<const CfgBlock*> seen;
  while (!work.empty()) {
    const CfgBlock* b = work.back();
    work.pop_back();
    if (b == block) return true;
    if (!seen.insert(b).second) continue;
    work.insert(work.end(), b->succs.begin(), b->succs.end());
  }
  return false;
}

bool declared_outside(const Object* obj, const ast::Node* n) {
  if (obj == nullptr) return true;
  if (obj->package_level || obj->ident == nullptr) return true;
  go::Pos p = obj->ident->name_pos;
  return p < ast::node_pos(n) || p >= ast::node_end(n);
}

}  // namespace oomguard::lint::rules

namespace oomguard::lint::rules {
namespace {

bool reaches_any(const std::vector<const CfgBlock*>& from,
                 const std::unordered_set<const CfgBlock*>& targets) {
  std::vector<const CfgBlock*> work;
  for (const CfgBlock* b : from) work.insert(work.end(), b->succs.begin(), b->succs.end());
  std::unordered_set<const CfgBlock*> seen;
  while (!work.empty()) {
    const CfgBlock* b = work.back();
    work.pop_back();
    if (targets.count(b) != 0) return true;
    if (!seen.insert(b).second) continue;
    work.insert(work.end(), b->succs.begin(), b->succs.end());
  }
  return false;
}

bool select_repeats(const Cfg& cfg, const ast::SelectStmt* sel) {
  std::vector<const CfgBlock*> blocks;
  for (const ast::Node* c : sel->body->list) {
    const auto* cc = ast::dyn_cast<ast::CommClause>(c);
    if (cc == nullptr) continue;
    const ast::Node* first =
        cc->comm != nullptr ? cc->comm : (cc->body.empty() ? nullptr : cc->body[0]);
    if (first == nullptr) return true;  // an empty default clause: not located, stay reporting
    auto [b, i] = cfg.locate(first);
    (void)i;
    if (b == nullptr) return true;
    blocks.push_back(b);
  }
  std::unordered_set<const CfgBlock*> targets(blocks.begin(), blocks.end());
  return reaches_any(blocks, targets);
}

}  // namespace

std::vector<const ast::Node*> loops_of(const std::vector<const ast::Node*>& ancestors,
                                       const ast::Node* n) {
  std::vector<const ast::Node*> out;
  for (size_t i = 0; i < ancestors.size(); ++i) {
    const ast::Node* a = ancestors[i];
    const ast::Node* child = i + 1 < ancestors.size() ? ancestors[i + 1] : n;
    if (const auto* f = ast::dyn_cast<ast::ForStmt>(a)) {
      if (child == f->body || child == f->cond || child == f->post) out.push_back(a);
    } else if (const auto* r = ast::dyn_cast<ast::RangeStmt>(a)) {
      if (child == r->body) out.push_back(a);
    }
  }
  return out;
}

bool node_repeats(const Cfg& cfg, const std::vector<const ast::Node*>& ancestors,
                  const ast::Node* n) {
  // Innermost first: n itself, then its ancestors.
  for (size_t k = ancestors.size() + 1; k-- > 0;) {
    const ast::Node* a = k == ancestors.size() ? n : ancestors[k];
    if (k >= 3) {  // a is the comm of a clause: [SelectStmt, BlockStmt, CommClause, a]
      const auto* cc = ast::dyn_cast<ast::CommClause>(ancestors[k - 1]);
      const auto* sel = ast::dyn_cast<ast::SelectStmt>(ancestors[k - 3]);
      if (cc != nullptr && sel != nullptr && cc->comm == a) return select_repeats(cfg, sel);
    }
    auto [b, i] = cfg.locate(a);
    (void)i;
    if (b != nullptr) return can_repeat(cfg, a);
  }
  return true;
}

}  // namespace oomguard::lint::rules

namespace oomguard::lint::rules {
namespace {

bool is_builtin_make(const PackageInfo& info, const ast::Expr* fun) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(fun));
  if (id == nullptr || id->name != "make") return false;
  const Object* o = info.object_of(id);
  return o != nullptr && o->kind == Object::Kind::kBuiltin;
}

// A channel known to be unbuffered: declared with make(chan T) or make(chan T, 0).
bool unbuffered(const PackageInfo& info, const ast::Expr* ch) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(ch));
  const Object* o = id != nullptr ? info.object_of(id) : nullptr;
  if (o == nullptr) return false;
  const auto* as = ast::dyn_cast<ast::AssignStmt>(o->decl);
  if (as == nullptr || as->lhs.size() != 1 || as->rhs.size() != 1) return false;
  const auto* mk = ast::dyn_cast<ast::CallExpr>(unparen(as->rhs[0]));
  if (mk == nullptr || !is_builtin_make(info, mk->fun) || mk->args.empty()) return false;
  if (mk->args.size() == 1) return true;
  auto cap = const_int(info, mk->args[1]);
  return cap && *cap == 0;
}

}  // namespace

bool waits_after(const PackageInfo& /*info*/, const std::vector<const ast::Node*>& ancestors,
                 const ast::Node* n, const ast::Node* loop) {
  bool found = false;
  for_each_sibling(ancestors, n, loop, true, [&](const ast::Node* st) {
    if (found) return;
    walk_body(st, [&](const ast::Node* x, const std::vector<const ast::Node*>&) {
      if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(x); u != nullptr && u->op == go::Tok::ARROW)
        found = true;
      if (const auto* c = ast::dyn_cast<ast::CallExpr>(x);
          c != nullptr && callee_name(c) == "Wait" && ast::isa<ast::SelectorExpr>(unparen(c->fun)))
        found = true;
    });
    // walk_body skips the statement node itself only for its children; check a bare receive.
    if (const auto* es = ast::dyn_cast<ast::ExprStmt>(st)) {
      if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(unparen(es->x));
          u != nullptr && u->op == go::Tok::ARROW)
        found = true;
    }
  });
  return found;
}

bool acquires_before(const PackageInfo& info, const std::vector<const ast::Node*>& ancestors,
                     const ast::Node* n, const ast::Node* loop) {
  bool found = false;
  auto check = [&](const ast::Node* x) {
    if (const auto* snd = ast::dyn_cast<ast::SendStmt>(x)) {
      if (!unbuffered(info, snd->chan)) found = true;
    } else if (const auto* c = ast::dyn_cast<ast::CallExpr>(x)) {
      std::string_view name = callee_name(c);
      if (name == "Acquire" || name == "TryAcquire") found = true;
    }
  };
  // `case sem <- token: go ...`: the send of the clause that leads to n.
  bool inside = false;
  for (const ast::Node* a : ancestors) {
    if (a == loop) inside = true;
    if (const auto* cc = ast::dyn_cast<ast::CommClause>(a); inside && cc != nullptr) {
      if (cc->comm != nullptr) check(cc->comm);
    }
  }
  for_each_sibling(ancestors, n, loop, false, [&](const ast::Node* st) {
    if (found) return;
    check(st);
    walk_body(st, [&](const ast::Node* x, const std::vector<const ast::Node*>&) { check(x); });
  });
  return found;
}

}  // namespace oomguard::lint::rules

namespace oomguard::lint::rules {

std::optional<int64_t> const_trip_count(const PackageInfo& info, const ast::Node* loop) {
  if (const auto* r = ast::dyn_cast<ast::RangeStmt>(loop)) {
    const ast::Expr* x = unparen(r->x);
    if (const auto* cl = ast::dyn_cast<ast::CompositeLit>(x)) {
      for (const ast::Expr* e : cl->elts) {
        if (ast::isa<ast::KeyValueExpr>(e)) return std::nullopt;
      }
      return static_cast<int64_t>(cl->elts.size());
    }
    return const_int(info, x);
  }
  const auto* f = ast::dyn_cast<ast::ForStmt>(loop);
  if (f == nullptr || f->cond == nullptr) return std::nullopt;
  const auto* init = ast::dyn_cast<ast::AssignStmt>(f->init);
  const auto* cond = ast::dyn_cast<ast::BinaryExpr>(unparen(f->cond));
  const auto* post = ast::dyn_cast<ast::IncDecStmt>(f->post);
  if (init == nullptr || cond == nullptr || post == nullptr || init->lhs.size() != 1 ||
      init->rhs.size() != 1)
    return std::nullopt;
  const auto* var = ast::dyn_cast<ast::Ident>(init->lhs[0]);
  const auto* cx = ast::dyn_cast<ast::Ident>(unparen(cond->x));
  const auto* px = ast::dyn_cast<ast::Ident>(unparen(post->x));
  if (var == nullptr || cx == nullptr || px == nullptr) return std::nullopt;
  const Object* o = info.object_of(var);
  if (o == nullptr || info.object_of(cx) != o || info.object_of(px) != o) return std::nullopt;
  auto a = const_int(info, init->rhs[0]);
  auto b = const_int(info, cond->y);
  if (!a || !b) return std::nullopt;
  // The body must not assign the counter.
  bool assigned = false;
  walk_body(f->body, [&](const ast::Node* n, const std::vector<const ast::Node*>&) {
    const ast::Expr* target = nullptr;
    if (const auto* as = ast::dyn_cast<ast::AssignStmt>(n)) {
      for (const ast::Expr* l : as->lhs) {
        if (const auto* id = ast::dyn_cast<ast::Ident>(unparen(l));
            id != nullptr && info.object_of(id) == o)
          assigned = true;
      }
    } else if (const auto* id = ast::dyn_cast<ast::IncDecStmt>(n)) {
      target = id->x;
    } else if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(n);
               u != nullptr && u->op == go::Tok::AND) {
      target = u->x;
    }
    if (const auto* id = ast::dyn_cast<ast::Ident>(unparen(target));
        id != nullptr && info.object_of(id) == o)
      assigned = true;
  });
  if (assigned) return std::nullopt;
  int64_t n = 0;
  bool up = post->tok == go::Tok::INC;
  switch (cond->op) {
    case go::Tok::LSS:
      n = up ? *b - *a : -1;
      break;
    case go::Tok::LEQ:
      n = up ? *b - *a + 1 : -1;
      break;
    case go::Tok::GTR:
      n = up ? -1 : *a - *b;
      break;
    case go::Tok::GEQ:
      n = up ? -1 : *a - *b + 1;
      break;
    default:
      return std::nullopt;
  }
  if (n < 0) return std::nullopt;
  return n;
}

}  // namespace oomguard::lint::rules
