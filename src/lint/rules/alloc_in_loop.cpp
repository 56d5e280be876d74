#include "lint/rules/alloc_in_loop.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "lint/rules/common/loop_facts.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

constexpr long kDefaultMinBytes = 64 * 1024;
constexpr int kMaxTypeDepth = 8;

bool is_builtin(const PackageInfo& info, const ast::Expr* fun, std::string_view name) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(fun));
  if (id == nullptr || id->name != name) return false;
  const Object* o = info.object_of(id);
  return o != nullptr && o->kind == Object::Kind::kBuiltin;
}

int64_t sat_mul(int64_t a, int64_t b) {
  int64_t r = 0;
  return __builtin_mul_overflow(a, b, &r) ? INT64_MAX : r;
}

// A lower bound of sizeof(T) in bytes (unknown types count as 1).
int64_t type_size(const PackageInfo& info, const ast::Expr* t, int depth = 0) {
  t = unparen(t);
  if (t == nullptr || depth > kMaxTypeDepth) return 1;
  switch (t->kind) {
    case ast::Kind::Ident: {
      const auto* id = static_cast<const ast::Ident*>(t);
      const Object* o = info.object_of(id);
      if (o != nullptr && o->kind == Object::Kind::kType && o->decl != nullptr) {
        if (const auto* ts = ast::dyn_cast<ast::TypeSpec>(o->decl);
            ts != nullptr && ts->type_params == nullptr)
          return type_size(info, ts->type, depth + 1);
        return 1;
      }
      std::string_view n = id->name;
      if (n == "bool" || n == "byte" || n == "uint8" || n == "int8") return 1;
      if (n == "int16" || n == "uint16") return 2;
      if (n == "int32" || n == "uint32" || n == "rune" || n == "float32") return 4;
      if (n == "int" || n == "uint" || n == "int64" || n == "uint64" || n == "uintptr" ||
          n == "float64" || n == "complex64")
        return 8;
      if (n == "complex128" || n == "string" || n == "any" || n == "error") return 16;
      return 1;
    }
    case ast::Kind::StarExpr:
    case ast::Kind::MapType:
    case ast::Kind::ChanType:
    case ast::Kind::FuncType:
      return 8;
    case ast::Kind::InterfaceType:
      return 16;
    case ast::Kind::ArrayType: {
      const auto* at = static_cast<const ast::ArrayType*>(t);
      if (at->len == nullptr) return 24;
      auto n = const_int(info, at->len);
      return n && *n > 0 ? sat_mul(*n, type_size(info, at->elt, depth + 1)) : 1;
    }
    case ast::Kind::StructType: {
      const auto* st = static_cast<const ast::StructType*>(t);
      int64_t sum = 0;
      if (st->fields == nullptr) return 0;
      for (const ast::Field* f : st->fields->list) {
        int64_t one = type_size(info, f->type, depth + 1);
        int64_t k = f->names.empty() ? 1 : f->names.size();
        sum = std::min<int64_t>(INT64_MAX / 2, sum + sat_mul(one, k));
      }
      return sum;
    }
    default:
      return 1;
  }
}

std::string human(int64_t bytes) {
  if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
  if (bytes >= (1 << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20));
  if (bytes >= 1024 && bytes % 1024 == 0) return fmt::format("{} KiB", bytes >> 10);
  if (bytes >= 1024) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024);
  return fmt::format("{} bytes", bytes);
}

// The size in bytes a call allocates, when it is a large-allocation shape with constant size.
std::optional<int64_t> alloc_size(const PackageInfo& info, const ast::CallExpr* call) {
  if (is_builtin(info, call->fun, "make") && call->args.size() >= 2) {
    const ast::Expr* t = unparen(call->args[0]);
    int64_t count = 0;
    bool any = false;
    for (uint32_t i = 1; i < call->args.size(); ++i) {
      if (auto v = const_int(info, call->args[i])) {
        count = std::max(count, *v);
        any = true;
      }
    }
    if (!any) return std::nullopt;
    int64_t elem = 1;
    if (const auto* at = ast::dyn_cast<ast::ArrayType>(t); at != nullptr && at->len == nullptr) {
      elem = type_size(info, at->elt);
    } else if (const auto* ct = ast::dyn_cast<ast::ChanType>(t)) {
      elem = type_size(info, ct->value);
    } else if (const auto* mt = ast::dyn_cast<ast::MapType>(t)) {
      elem = type_size(info, mt->key) + type_size(info, mt->value);
    }
    return sat_mul(count, elem);
  }
  if (is_builtin(info, call->fun, "new") && call->args.size() == 1) {
    const auto* at = ast::dyn_cast<ast::ArrayType>(unparen(call->args[0]));
    if (at == nullptr || at->len == nullptr) return std::nullopt;
    return type_size(info, at);
  }
  if ((info.is_qualified(call->fun, "bufio", "NewReaderSize") ||
       info.is_qualified(call->fun, "bufio", "NewWriterSize")) &&
      call->args.size() == 2) {
    return const_int(info, call->args[1]);
  }
  return std::nullopt;
}

// `b.Grow(N)` on a local bytes.Buffer: the buffer variable's object.
const Object* grown_buffer(const PackageInfo& info, const ast::CallExpr* call) {
  const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(call->fun));
  if (sel == nullptr || sel->sel->name != "Grow" || call->args.size() != 1) return nullptr;
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(sel->x));
  const Object* o = id != nullptr ? info.object_of(id) : nullptr;
  if (o == nullptr || o->kind != Object::Kind::kVar || o->decl == nullptr || o->package_level ||
      o->param)
    return nullptr;
  bool buffer = false;
  ast::inspect(const_cast<ast::Node*>(o->decl), [&](ast::Node* n) {
    if (n == nullptr || buffer) return false;
    if (info.is_qualified(n, "bytes", "Buffer")) buffer = true;
    return !buffer;
  });
  return buffer ? o : nullptr;
}

// Calls that keep their argument's memory in their result (the result is tracked instead).
bool wraps_argument(const PackageInfo& info, const ast::CallExpr* c) {
  return info.is_qualified(c->fun, "bytes", "NewBuffer") ||
         info.is_qualified(c->fun, "bufio", "NewReader") ||
         info.is_qualified(c->fun, "bufio", "NewWriter");
}

enum class Fate { kStays, kEscapes, kVar };

struct Outcome {
  Fate fate = Fate::kStays;
  const Object* var = nullptr;  // kVar: the local variable now holding the value
};

// Where the value of expression e (whose ancestors are anc) goes, relative to `loop`.
Outcome fate_of(const PackageInfo& info, const std::vector<const ast::Node*>& anc,
                const ast::Node* e, const ast::Node* loop) {
  const ast::Node* cur = e;
  for (size_t k = anc.size(); k-- > 0;) {
    const ast::Node* p = anc[k];
    switch (p->kind) {
      case ast::Kind::ParenExpr:
      case ast::Kind::SliceExpr:
      case ast::Kind::StarExpr:
        break;  // same memory
      case ast::Kind::UnaryExpr:
        if (static_cast<const ast::UnaryExpr*>(p)->op != go::Tok::AND) return {};
        break;
      case ast::Kind::IndexExpr:
        if (static_cast<const ast::IndexExpr*>(p)->x == cur) return {};  // buf[i]: an element
        return {};
      case ast::Kind::SelectorExpr:
        return {};  // buf.Method(...) or a field read: uses it in place
      case ast::Kind::CallExpr: {
        const auto* c = static_cast<const ast::CallExpr*>(p);
        if (c->fun == cur) return {};
        if (is_builtin(info, c->fun, "append")) {
          if (!c->args.empty() && c->args[0] == cur) break;  // append(buf, ...) is buf again
          return {Fate::kEscapes, nullptr};                  // appended into another slice
        }
        if (wraps_argument(info, c)) break;
        return {};  // passed to a call: used during the iteration
      }
      case ast::Kind::AssignStmt: {
        const auto* as = static_cast<const ast::AssignStmt*>(p);
        for (uint32_t i = 0; i < as->rhs.size() && i < as->lhs.size(); ++i) {
          if (as->rhs[i] != cur) continue;
          const auto* id = ast::dyn_cast<ast::Ident>(unparen(as->lhs[i]));
          if (id == nullptr) return {Fate::kEscapes, nullptr};    // field, index, *p
          if (id->name == "_") return {Fate::kEscapes, nullptr};  // deliberate garbage
          const Object* o = info.object_of(id);
          if (o == nullptr || declared_outside(o, loop)) return {Fate::kEscapes, nullptr};
          return {Fate::kVar, o};
        }
        return {};  // on the left-hand side or in an index
      }
      case ast::Kind::ValueSpec: {
        const auto* vs = static_cast<const ast::ValueSpec*>(p);
        for (uint32_t i = 0; i < vs->values.size() && i < vs->names.size(); ++i) {
          if (vs->values[i] == cur) return {Fate::kVar, info.object_of(vs->names[i])};
        }
        return {};
      }
      case ast::Kind::ReturnStmt:
      case ast::Kind::SendStmt:
      case ast::Kind::CompositeLit:
      case ast::Kind::KeyValueExpr:
      case ast::Kind::GoStmt:
      case ast::Kind::DeferStmt:
        return {Fate::kEscapes, nullptr};
      case ast::Kind::RangeStmt:
        return {};  // ranged over
      default:
        return {};
    }
    cur = p;
  }
  return {};
}

const ast::BlockStmt* loop_body(const ast::Node* loop) {
  if (const auto* f = ast::dyn_cast<ast::ForStmt>(loop)) return f->body;
  return static_cast<const ast::RangeStmt*>(loop)->body;
}

// True when a local variable (or one it is copied into) escapes the loop iteration.
bool var_escapes(const PackageInfo& info, const Object* var, const ast::Node* loop) {
  std::vector<const Object*> work{var};
  std::unordered_set<const Object*> seen{var};
  bool escapes = false;
  while (!work.empty() && !escapes) {
    const Object* v = work.back();
    work.pop_back();
    walk_with_stack(
        loop_body(loop), [&](const ast::Node* n, const std::vector<const ast::Node*>& anc) {
          if (escapes) return;
          if (const auto* lit = ast::dyn_cast<ast::FuncLit>(n)) {  // captured by a closure
            ast::inspect(const_cast<ast::FuncLit*>(lit), [&](ast::Node* x) {
              if (x == nullptr || escapes) return false;
              if (const auto* id = ast::dyn_cast<ast::Ident>(x);
                  id != nullptr && info.object_of(id) == v)
                escapes = true;
              return !escapes;
            });
            return;
          }
          const auto* id = ast::dyn_cast<ast::Ident>(n);
          if (id == nullptr || info.object_of(id) != v || id == v->ident) return;
          Outcome o = fate_of(info, anc, id, loop);
          if (o.fate == Fate::kEscapes) escapes = true;
          if (o.fate == Fate::kVar && o.var != nullptr && seen.insert(o.var).second)
            work.push_back(o.var);
        });
  }
  return escapes;
}

}  // namespace

const RuleInfo& AllocInLoopRule::info() const {
  static const RuleInfo kInfo{
      "alloc-in-loop",
      "large allocation (>= 64 KiB) made anew in every loop iteration without escaping it",
      Severity::kInfo,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void AllocInLoopRule::run(Pass& pass) const {
  const PackageInfo& info = pass.info();
  const int64_t min_bytes = std::max<long>(1, pass.setting_int("min-bytes", kDefaultMinBytes));
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    for_each_function_calling(
        pass, file, {"make", "new", "NewReaderSize", "NewWriterSize", "Grow"}, true,
        [&](const FuncScope& scope, const ast::BlockStmt* body) {
          walk_with_stack(body, [&](const ast::Node* n, const std::vector<const ast::Node*>& anc) {
            const auto* call = ast::dyn_cast<ast::CallExpr>(n);
            if (call == nullptr) return;
            std::optional<int64_t> size;
            const Object* grown = nullptr;
            if (size = alloc_size(info, call); !size) {
              grown = grown_buffer(info, call);
              if (grown == nullptr) return;
              size = const_int(info, call->args[0]);
            }
            if (!size || *size < min_bytes) return;
            std::vector<const ast::Node*> loops = loops_of(anc, n);
            if (loops.empty()) return;
            const ast::Node* loop = loops.back();
            if (grown != nullptr) {
              if (declared_outside(grown, loop)) return;  // a buffer reused across iterations
              if (var_escapes(info, grown, loop)) return;
            } else {
              Outcome o = fate_of(info, anc, n, loop);
              if (o.fate == Fate::kEscapes) return;
              if (o.fate == Fate::kVar && var_escapes(info, o.var, loop)) return;
            }
            if (!node_repeats(pass.cfg(body), anc, n)) return;
            std::string text = node_text(pass, file, call, 50);
            std::string msg = fmt::format(
                "{} allocates {} in every iteration of the loop in {}; the garbage collector has "
                "to reclaim each one",
                text, human(*size), scope.name);
            std::string fix =
                "allocate once before the loop and reuse it (reset or re-slice per iteration), or "
                "take it from a sync.Pool";
            pass.report(file, call, Severity::kInfo, std::move(msg), std::move(fix),
                        {pass.related(file, ast::node_pos(loop), "the loop")});
          });
        });
  }
}

}  // namespace oomguard::lint::rules
