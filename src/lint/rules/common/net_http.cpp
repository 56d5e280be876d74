#include "lint/rules/common/net_http.h"

#include <cctype>

#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

// Go's interpreted and raw string literals. nullopt for escapes an address never needs (\u).
std::optional<std::string> unquote(std::string_view lit) {
  if (lit.size() < 2) return std::nullopt;
  if (lit.front() == '`') {
    std::string out;
    for (char c : lit.substr(1, lit.size() - 2)) {
      if (c != '\r') out += c;
    }
    return out;
  }
  if (lit.front() != '"' || lit.back() != '"') return std::nullopt;
  std::string_view s = lit.substr(1, lit.size() - 2);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= s.size()) return std::nullopt;
    auto hex = [](char h) -> int {
      if (h >= '0' && h <= '9') return h - '0';
      if (h >= 'a' && h <= 'f') return h - 'a' + 10;
      if (h >= 'A' && h <= 'F') return h - 'A' + 10;
      return -1;
    };
    switch (s[i]) {
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case '"':
        out += '"';
        break;
      case '\'':
        out += '\'';
        break;
      case 'x': {
        if (i + 2 >= s.size()) return std::nullopt;
        int h1 = hex(s[i + 1]);
        int h2 = hex(s[i + 2]);
        if (h1 < 0 || h2 < 0) return std::nullopt;
        out += static_cast<char>(h1 * 16 + h2);
        i += 2;
        break;
      }
      default: {
        if (s[i] < '0' || s[i] > '7' || i + 2 >= s.size()) return std::nullopt;
        int v = 0;
        for (size_t k = 0; k < 3; ++k) {
          char o = s[i + k];
          if (o < '0' || o > '7') return std::nullopt;
          v = v * 8 + (o - '0');
        }
        if (v > 255) return std::nullopt;
        out += static_cast<char>(v);
        i += 2;
        break;
      }
    }
  }
  return out;
}

std::optional<std::string> const_string_rec(const Pass& pass, const Mutations& muts,
                                            const ast::Expr* e, int depth) {
  if (depth > 16) return std::nullopt;
  e = unparen(e);
  if (const auto* lit = ast::dyn_cast<ast::BasicLit>(e)) {
    if (lit->tok != go::Tok::STRING) return std::nullopt;
    return unquote(lit->value);
  }
  if (const auto* bin = ast::dyn_cast<ast::BinaryExpr>(e)) {
    if (bin->op != go::Tok::ADD) return std::nullopt;
    auto x = const_string_rec(pass, muts, bin->x, depth + 1);
    if (!x) return std::nullopt;
    auto y = const_string_rec(pass, muts, bin->y, depth + 1);
    if (!y) return std::nullopt;
    return *x + *y;
  }
  if (const auto* id = ast::dyn_cast<ast::Ident>(e)) {
    const Object* obj = pass.info().object_of(id);
    if (obj == nullptr || obj->param) return std::nullopt;
    if (obj->kind == Object::Kind::kVar) {
      if (muts.mutated(obj)) return std::nullopt;
    } else if (obj->kind != Object::Kind::kConst) {
      return std::nullopt;
    }
    const ast::Expr* v = declared_value(obj);
    if (v == nullptr) return std::nullopt;
    return const_string_rec(pass, muts, v, depth + 1);
  }
  return std::nullopt;
}

bool is_ipv4(std::string_view h, int* first) {
  int parts = 0;
  size_t i = 0;
  while (i <= h.size()) {
    size_t j = i;
    int v = 0;
    while (j < h.size() && std::isdigit(static_cast<unsigned char>(h[j])) != 0) {
      v = v * 10 + (h[j] - '0');
      if (v > 255 || j - i >= 3) return false;
      ++j;
    }
    if (j == i) return false;
    if (parts == 0) *first = v;
    ++parts;
    if (j == h.size()) break;
    if (h[j] != '.') return false;
    i = j + 1;
  }
  return parts == 4;
}

}  // namespace

bool is_test_file(const Pass& pass, int file) {
  const std::string& p = pass.files()[static_cast<size_t>(file)].path;
  constexpr std::string_view kSuffix = "_test.go";
  return p.size() >= kSuffix.size() &&
         p.compare(p.size() - kSuffix.size(), kSuffix.size(), kSuffix.data()) == 0;
}

const ast::CompositeLit* http_server_lit(const PackageInfo& info, const ast::Expr* e) {
  e = unparen(e);
  if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(e); u != nullptr && u->op == go::Tok::AND) {
    e = unparen(u->x);
  }
  const auto* lit = ast::dyn_cast<ast::CompositeLit>(e);
  if (lit == nullptr || lit->type == nullptr) return nullptr;
  return info.is_qualified(lit->type, "net/http", "Server") ? lit : nullptr;
}

const ast::Expr* lit_field(const ast::CompositeLit* lit, std::string_view name) {
  for (const ast::Expr* el : lit->elts) {
    const auto* kv = ast::dyn_cast<ast::KeyValueExpr>(el);
    if (kv == nullptr) continue;
    const auto* key = ast::dyn_cast<ast::Ident>(kv->key);
    if (key != nullptr && key->name == name) return kv->value;
  }
  return nullptr;
}

bool is_nil(const PackageInfo& info, const ast::Expr* e) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(e));
  if (id == nullptr) return false;
  const Object* obj = info.object_of(id);
  return obj != nullptr && obj->kind == Object::Kind::kNil;
}

std::string_view builtin_name(const PackageInfo& info, const ast::CallExpr* call) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(call->fun));
  if (id == nullptr) return {};
  const Object* obj = info.object_of(id);
  if (obj == nullptr) {
    // Builtins newer than the semantic layer's universe (Go 1.21) resolve to nothing.
    if (id->name == "clear" || id->name == "min" || id->name == "max") return id->name;
    return {};
  }
  if (obj->kind != Object::Kind::kBuiltin) return {};
  return obj->name;
}

Mutations::Mutations(const Pass& pass) {
  const PackageInfo& info = pass.info();
  auto ident_obj = [&](const ast::Expr* e) -> const Object* {
    const auto* id = ast::dyn_cast<ast::Ident>(unparen(e));
    return id != nullptr ? info.object_of(id) : nullptr;
  };
  for (const FileCtx& fc : pass.files()) {
    walk_with_parents(fc.parsed->file, [&](const ast::Node* n, const auto&) {
      if (const auto* as = ast::dyn_cast<ast::AssignStmt>(n)) {
        bool same = as->lhs.size() == as->rhs.size();
        for (uint32_t i = 0; i < as->lhs.size(); ++i) {
          const ast::Expr* l = unparen(as->lhs[i]);
          if (const auto* id = ast::dyn_cast<ast::Ident>(l)) {
            const Object* obj = info.object_of(id);
            if (obj == nullptr) continue;
            if (as->tok != go::Tok::DEFINE || obj->ident != id) mutated_.insert(obj);
          } else if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(l)) {
            if (const Object* obj = ident_obj(sel->x)) {
              FieldStore& fs = fields_[obj][sel->sel->name];
              ++fs.count;
              fs.value = as->tok == go::Tok::ASSIGN && same ? as->rhs[i] : nullptr;
            }
          }
        }
      } else if (const auto* inc = ast::dyn_cast<ast::IncDecStmt>(n)) {
        if (const Object* obj = ident_obj(inc->x)) mutated_.insert(obj);
      } else if (const auto* rs = ast::dyn_cast<ast::RangeStmt>(n)) {
        if (rs->tok == go::Tok::ASSIGN) {
          if (const Object* obj = ident_obj(rs->key)) mutated_.insert(obj);
          if (const Object* obj = ident_obj(rs->value)) mutated_.insert(obj);
        }
      } else if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(n)) {
        if (u->op == go::Tok::AND) {
          if (const Object* obj = ident_obj(u->x)) mutated_.insert(obj);
        }
      }
      return true;
    });
  }
}

const Mutations::FieldStore* Mutations::field_store(const Object* obj,
                                                    std::string_view field) const {
  auto it = fields_.find(obj);
  if (it == fields_.end()) return nullptr;
  auto f = it->second.find(field);
  return f == it->second.end() ? nullptr : &f->second;
}

const ast::Expr* declared_value(const Object* obj) {
  if (obj == nullptr || obj->decl == nullptr) return nullptr;
  if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(obj->decl)) {
    if (vs->values.size() != vs->names.size()) return nullptr;
    for (uint32_t i = 0; i < vs->names.size(); ++i) {
      if (vs->names[i] == obj->ident) return vs->values[i];
    }
    return nullptr;
  }
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(obj->decl)) {
    if (as->lhs.size() != as->rhs.size()) return nullptr;
    for (uint32_t i = 0; i < as->lhs.size(); ++i) {
      if (as->lhs[i] == obj->ident) return as->rhs[i];
    }
  }
  return nullptr;
}

std::optional<std::string> const_string(const Pass& pass, const Mutations& muts,
                                        const ast::Expr* e) {
  return const_string_rec(pass, muts, e, 0);
}

ListenScope listen_scope(std::string_view addr) {
  if (addr.empty()) return ListenScope::kAllInterfaces;  // ListenAndServe uses ":http"
  size_t colon = addr.rfind(':');
  if (colon == std::string_view::npos) return ListenScope::kUnknown;
  std::string_view host = addr.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) return ListenScope::kAllInterfaces;
  std::string lower;
  for (char c : host) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  constexpr std::string_view kLocal = ".localhost";
  if (lower == "localhost" ||
      (lower.size() > kLocal.size() &&
       lower.compare(lower.size() - kLocal.size(), kLocal.size(), kLocal.data()) == 0)) {
    return ListenScope::kLoopback;
  }
  int first = -1;
  if (is_ipv4(lower, &first)) {
    if (lower == "0.0.0.0") return ListenScope::kAllInterfaces;
    return first == 127 ? ListenScope::kLoopback : ListenScope::kAddress;
  }
  if (lower.find(':') != std::string::npos) {
    std::string_view ip(lower);
    if (size_t pct = ip.find('%'); pct != std::string_view::npos) ip = ip.substr(0, pct);
    for (char c : ip) {
      if (std::isxdigit(static_cast<unsigned char>(c)) == 0 && c != ':' && c != '.') {
        return ListenScope::kUnknown;
      }
    }
    if (ip == "::" || ip == "::0" || ip == "0:0:0:0:0:0:0:0") return ListenScope::kAllInterfaces;
    if (ip == "::1" || ip == "0:0:0:0:0:0:0:1") return ListenScope::kLoopback;
    constexpr std::string_view kMapped = "::ffff:";
    if (ip.substr(0, kMapped.size()) == kMapped) {
      int f = -1;
      std::string_view v4 = ip.substr(kMapped.size());
      if (is_ipv4(v4, &f)) {
        if (v4 == "0.0.0.0") return ListenScope::kAllInterfaces;
        return f == 127 ? ListenScope::kLoopback : ListenScope::kAddress;
      }
    }
    return ListenScope::kAddress;
  }
  return ListenScope::kUnknown;
}

}  // namespace oomguard::lint::rules
