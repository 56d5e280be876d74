#include "lint/rules/common/summaries.h"

#include <unordered_set>

#include "lint/rules/common/resource_flow.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

// Any release a helper may perform on its parameter: p.Close(), p.Stop(), p.Body.Close(), p().
const ResourceSpec& universal_spec() {
  static const ResourceSpec kSpec{{"Close", "Stop"}, "Body", true, false};
  return kSpec;
}

bool is_nil(const ast::Expr* e) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(e));
  return id != nullptr && id->name == "nil";
}

}  // namespace

std::vector<const ast::Ident*> param_idents(const ast::FuncDecl* fd) {
  std::vector<const ast::Ident*> out;
  if (fd->type == nullptr || fd->type->params == nullptr) return out;
  for (const ast::Field* f : fd->type->params->list) {
    if (f->names.empty()) {
      out.push_back(nullptr);
      continue;
    }
    for (const ast::Ident* n : f->names) out.push_back(n);
  }
  return out;
}

ResourceFacts::ResourceFacts(const Pass& pass) : pass_(pass) { collect(); }

void ResourceFacts::collect() {
  const PackageInfo& info = pass_.info();
  // Struct fields declared as (*)http.Client, in type declarations and wherever else a struct
  // type appears (signatures, local types).
  auto scan_structs = [&](const ast::Node* root) {
    if (root == nullptr) return;
    ast::inspect(const_cast<ast::Node*>(root), [&](ast::Node* n) {
      if (n == nullptr || n->kind != ast::Kind::StructType) return true;
      const auto* st = static_cast<const ast::StructType*>(n);
      if (st->fields == nullptr) return true;
      for (const ast::Field* f : st->fields->list) {
        const ast::Expr* t = f->type;
        if (const auto* star = ast::dyn_cast<ast::StarExpr>(t)) t = star->x;
        if (info.is_qualified(t, "net/http", "Client")) {
          for (const ast::Ident* nm : f->names) client_fields_.insert(nm->name);
        }
      }
      return true;
    });
  };
  const FunctionIndex& index = pass_.shared<FunctionIndex>();
  for (size_t i = 0; i < pass_.files().size(); ++i) {
    const bool outside =
        (index.outside_kinds(static_cast<int>(i)) & kind_bit(ast::Kind::StructType)) != 0;
    for (const ast::Node* d : pass_.files()[i].parsed->file->decls) {
      const auto* fd = ast::dyn_cast<ast::FuncDecl>(d);
      if (fd == nullptr) {
        if (outside) scan_structs(d);
        continue;
      }
      if (fd->recv != nullptr && fd->body != nullptr) methods_[fd->name->name].push_back(fd);
      if (outside) {
        scan_structs(fd->recv);
        scan_structs(fd->type);
      }
    }
    for (const FuncEntry& e : index.file(static_cast<int>(i))) {
      if ((e.kinds & kind_bit(ast::Kind::StructType)) != 0) scan_structs(e.body);
    }
  }
}

void ResourceFacts::collect_field_uses() {
  field_uses_collected_ = true;
  for (const FileCtx& fc : pass_.files()) {
    for (const ast::Node* d : fc.parsed->file->decls) {
      std::unordered_set<const ast::Node*> skip;  // selectors assigned to or compared with nil
      ast::inspect(const_cast<ast::Node*>(d), [&](ast::Node* n) {
        if (n == nullptr) return true;
        switch (n->kind) {
          case ast::Kind::AssignStmt: {
            const auto* as = static_cast<const ast::AssignStmt*>(n);
            for (const ast::Expr* l : as->lhs) {
              if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(l))) {
                skip.insert(sel);
                assigners_[field_key(d, sel)].insert(d);
              }
            }
            break;
          }
          case ast::Kind::BinaryExpr: {
            const auto* be = static_cast<const ast::BinaryExpr*>(n);
            if (is_nil(be->x)) skip.insert(unparen(be->y));
            if (is_nil(be->y)) skip.insert(unparen(be->x));
            break;
          }
          case ast::Kind::SelectorExpr: {
            if (skip.count(n) == 0) {
              const auto* sel = static_cast<const ast::SelectorExpr*>(n);
              std::string key = field_key(d, sel);
              used_names_.insert(sel->sel->name);
              if (key.find('.') == std::string::npos) untyped_uses_.insert(sel->sel->name);
              used_keys_.insert(std::move(key));
            }
            break;
          }
          default:
            break;
        }
        return true;
      });
    }
  }
}

bool ResourceFacts::has_method(std::string_view name) const { return methods_.count(name) != 0; }

const std::vector<const ast::FuncDecl*>* ResourceFacts::methods(std::string_view name) const {
  auto it = methods_.find(name);
  return it == methods_.end() ? nullptr : &it->second;
}

bool ResourceFacts::field_used(const std::string& key) {
  if (!field_uses_collected_) collect_field_uses();
  size_t dot = key.rfind('.');
  if (dot == std::string::npos) return used_names_.count(key) != 0;
  return used_keys_.count(key) != 0 ||
         untyped_uses_.count(std::string_view(key).substr(dot + 1)) != 0;
}

std::string ResourceFacts::field_key(const ast::Node* fn, const ast::SelectorExpr* sel) {
  std::string name(sel->sel->name);
  const auto* fd = ast::dyn_cast<ast::FuncDecl>(fn);
  const auto* base = ast::dyn_cast<ast::Ident>(unparen(sel->x));
  if (fd == nullptr || base == nullptr || fd->recv == nullptr || fd->recv->list.empty())
    return name;
  const ast::Field* r = fd->recv->list[0];
  if (r->names.empty() || r->names[0]->name != base->name) return name;
  std::string fn_name = func_decl_name(fd);  // "(*T).m" or "T.m"
  size_t dot = fn_name.rfind('.');
  std::string recv = fn_name.substr(0, dot);
  if (recv.size() > 3 && recv[0] == '(') recv = recv.substr(2, recv.size() - 3);
  return recv + "." + name;
}

int ResourceFacts::field_assigners(const std::string& key) {
  if (!field_uses_collected_) collect_field_uses();
  auto it = assigners_.find(key);
  return it == assigners_.end() ? 0 : static_cast<int>(it->second.size());
}

bool ResourceFacts::http_client_field(std::string_view name) const {
  return client_fields_.count(name) != 0;
}

bool ResourceFacts::returns_response(const PackageInfo& info, const ast::FuncDecl* fd) {
  if (fd->type == nullptr || fd->type->results == nullptr) return false;
  for (const ast::Field* f : fd->type->results->list) {
    const auto* star = ast::dyn_cast<ast::StarExpr>(f->type);
    if (star != nullptr && info.is_qualified(star->x, "net/http", "Response")) return true;
  }
  return false;
}

ParamEffect ResourceFacts::param_effect(const ast::FuncDecl* fd, size_t i) {
  if (fd->body == nullptr) return ParamEffect::kEscape;  // assembly: cannot see
  std::vector<const ast::Ident*> params = param_idents(fd);
  if (i >= params.size()) {
    if (params.empty()) return ParamEffect::kEscape;
    const ast::Field* last = fd->type->params->list.back();
    if (last->type == nullptr || last->type->kind != ast::Kind::Ellipsis) {
      return ParamEffect::kEscape;
    }
    i = params.size() - 1;
  }
  auto& memo = memo_[fd];
  if (memo.empty()) memo.assign(params.size(), Memo{});
  const ast::Ident* p = params[i];
  if (p == nullptr || p->name == "_") return ParamEffect::kNone;
  if (memo[i].state == State::kInProgress) return ParamEffect::kNone;  // recursion: a use
  if (memo[i].state == State::kDone) return memo[i].effect;
  memo[i].state = State::kInProgress;
  const Object* obj = pass_.info().object_of(p);
  ParamEffect e = ParamEffect::kNone;
  if (obj != nullptr) {
    UseEffect u = use_effect(pass_.info(), this, fd->body, obj, universal_spec());
    if (u.release) {
      e = ParamEffect::kRelease;
    } else if (u.handoff) {
      e = ParamEffect::kEscape;
    }
  }
  Memo& m2 = memo_[fd][i];
  m2.state = State::kDone;
  m2.effect = e;
  return e;
}

ParamEffect ResourceFacts::method_param_effect(std::string_view name, size_t i) {
  auto it = methods_.find(name);
  if (it == methods_.end()) return ParamEffect::kEscape;
  ParamEffect out = ParamEffect::kNone;
  const std::vector<const ast::FuncDecl*>& fds = it->second;
  for (const ast::FuncDecl* fd : fds) {
    ParamEffect e = param_effect(fd, i);
    if (e == ParamEffect::kRelease) return e;
    if (e == ParamEffect::kEscape) out = e;
  }
  return out;
}

}  // namespace oomguard::lint::rules
