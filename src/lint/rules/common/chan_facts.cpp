#include "lint/rules/common/chan_facts.h"

#include <algorithm>

#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

using ast::Kind;
using ast::Node;

constexpr int kMaxSummaryDepth = 8;

const ParamSummary& escaping_summary() {
  static const ParamSummary kEscapes = [] {
    ParamSummary s;
    s.escapes = true;
    return s;
  }();
  return kEscapes;
}

// One walk over a function body, literals included, with the path of ancestors.
class UseCollector {
 public:
  UseCollector(PackageFacts& facts, const Cfg* cfg, const std::unordered_set<const Object*>& chans,
               std::vector<ChanUse>* out)
      : facts_(facts), info_(facts.info()), cfg_(cfg), chans_(chans), out_(*out) {}

  void run(const ast::BlockStmt* body) {
    if (body == nullptr) return;
    ast::for_each_child(const_cast<ast::BlockStmt*>(body), [&](Node* c) { visit(c); });
  }

 private:
  void visit(const Node* n) {
    if (n->kind == Kind::Ident) {
      const Object* obj = info_.object_of(static_cast<const ast::Ident*>(n));
      if (obj != nullptr && chans_.count(obj) != 0) classify(static_cast<const ast::Ident*>(n));
      return;
    }
    bool outer_lit = false;
    if (n->kind == Kind::FuncLit) {
      if (depth_ == 0) {
        outer_lit = true;
        lit_ = static_cast<const ast::FuncLit*>(n);
        lit_index_ = stack_.size();
        go_ = nullptr;
        deferred_ = false;
        size_t s = stack_.size();
        if (s >= 2) {
          const auto* call = ast::dyn_cast<ast::CallExpr>(stack_[s - 1]);
          if (call != nullptr && call->fun == n) {
            if (const auto* g = ast::dyn_cast<ast::GoStmt>(stack_[s - 2]); g && g->call == call) {
              go_ = g;
            }
            if (const auto* d = ast::dyn_cast<ast::DeferStmt>(stack_[s - 2]);
                d && d->call == call) {
              deferred_ = true;
            }
          }
        }
      }
      ++depth_;
    }
    stack_.push_back(n);
    ast::for_each_child(const_cast<Node*>(n), [&](Node* c) { visit(c); });
    stack_.pop_back();
    if (n->kind == Kind::FuncLit) {
      --depth_;
      if (outer_lit) {
        lit_ = nullptr;
        go_ = nullptr;
        deferred_ = false;
      }
    }
  }

  // Index of the first ancestor that is not a ParenExpr, and the node below it on the path.
  size_t parent_index(const Node* id, const Node** child) const {
    *child = id;
    size_t k = stack_.size();
    while (k > 0 && stack_[k - 1]->kind == Kind::ParenExpr) {
      *child = stack_[k - 1];
      --k;
    }
    return k - 1;  // caller checks k > 0
  }

  // The select with more than one clause whose comm statement is stack_[j + 1] (stack_[j] the
  // CommClause).
  bool guarded_comm(size_t j) const {
    const auto* cc = ast::dyn_cast<ast::CommClause>(stack_[j]);
    if (cc == nullptr || j + 1 >= stack_.size() || cc->comm != stack_[j + 1] || j < 2) return false;
    const auto* sel = ast::dyn_cast<ast::SelectStmt>(stack_[j - 2]);
    return sel != nullptr && sel->body != nullptr && sel->body->list.size() > 1;
  }

  void classify(const ast::Ident* id) {
    ChanUse u;
    u.id = id;
    u.lit = lit_;
    u.go = go_;
    u.deferred = deferred_;
    u.nested = depth_ > 1;
    if (stack_.empty()) return;
    const Node* child = nullptr;
    size_t p = parent_index(id, &child);
    if (p >= stack_.size()) return;
    const Node* parent = stack_[p];
    u.node = parent;
    u.op = ChanOp::kEscape;
    switch (parent->kind) {
      case Kind::SendStmt: {
        const auto* s = static_cast<const ast::SendStmt*>(parent);
        if (s->chan == child) {
          u.op = ChanOp::kSend;
          u.guarded = p >= 1 && guarded_comm(p - 1);
        }
        break;
      }
      case Kind::UnaryExpr: {
        const auto* ue = static_cast<const ast::UnaryExpr*>(parent);
        if (ue->op == go::Tok::ARROW) {
          u.op = ChanOp::kRecv;
          // `<-ch`, `v := <-ch` or `v, ok = <-ch` as a select's comm.
          size_t j = p;
          if (j >= 1 &&
              (stack_[j - 1]->kind == Kind::ExprStmt || stack_[j - 1]->kind == Kind::AssignStmt)) {
            --j;
          }
          u.guarded = j >= 1 && guarded_comm(j - 1);
        }
        break;
      }
      case Kind::RangeStmt:
        if (static_cast<const ast::RangeStmt*>(parent)->x == child) u.op = ChanOp::kRange;
        break;
      case Kind::CallExpr: {
        const auto* call = static_cast<const ast::CallExpr*>(parent);
        if (call->fun == child) break;
        if (is_builtin_call(info_, call, "close")) {
          u.op = ChanOp::kClose;
          break;
        }
        if (is_builtin_call(info_, call, "len") || is_builtin_call(info_, call, "cap")) {
          u.op = ChanOp::kNeutral;
          break;
        }
        int arg = -1;
        for (uint32_t i = 0; i < call->args.size(); ++i) {
          if (call->args[i] == child) arg = static_cast<int>(i);
        }
        if (arg < 0 ||
            (call->ellipsis != go::kNoPos && arg + 1 == static_cast<int>(call->args.size())))
          break;
        const Node* fn = facts_.callee(call);
        if (fn == nullptr || facts_.param_object(fn, arg) == nullptr) break;
        u.op = ChanOp::kCall;
        u.callee = fn;
        u.arg = arg;
        if (p >= 1) {
          if (const auto* g = ast::dyn_cast<ast::GoStmt>(stack_[p - 1]); g && g->call == call) {
            if (depth_ == 0) u.go = g;
          }
          if (const auto* d = ast::dyn_cast<ast::DeferStmt>(stack_[p - 1]); d && d->call == call) {
            if (depth_ == 0) u.deferred = true;
          }
        }
        break;
      }
      case Kind::BinaryExpr: {
        go::Tok op = static_cast<const ast::BinaryExpr*>(parent)->op;
        if (op == go::Tok::EQL || op == go::Tok::NEQ) u.op = ChanOp::kNeutral;
        break;
      }
      case Kind::AssignStmt: {
        const auto* as = static_cast<const ast::AssignStmt*>(parent);
        bool lhs = false;
        for (const Node* l : as->lhs) lhs = lhs || l == child;
        if (lhs) {
          const Object* obj = info_.object_of(id);
          u.op = (obj != nullptr && obj->decl == as && obj->ident == id) ? ChanOp::kNeutral
                                                                         : ChanOp::kAssign;
        }
        break;
      }
      case Kind::ValueSpec: {
        const auto* vs = static_cast<const ast::ValueSpec*>(parent);
        for (const ast::Ident* nm : vs->names) {
          if (nm == child) u.op = ChanOp::kNeutral;
        }
        break;
      }
      case Kind::ExprStmt:
        u.op = ChanOp::kNeutral;
        break;
      default:
        break;
    }
    // Loops of the analysed function around the use, and the graph member holding it.
    size_t limit = depth_ == 0 ? stack_.size() : lit_index_;
    const Node* leaf = depth_ == 0 ? static_cast<const Node*>(id) : lit_;
    for (size_t i = 0; i < limit; ++i) {
      const Node* next = i + 1 < limit ? stack_[i + 1] : leaf;
      if (const auto* f = ast::dyn_cast<ast::ForStmt>(stack_[i])) {
        if (next != f->init) u.loops.push_back(f);
      } else if (const auto* r = ast::dyn_cast<ast::RangeStmt>(stack_[i])) {
        if (next != r->x) u.loops.push_back(r);
      }
    }
    if (cfg_ != nullptr) {
      auto [b, i] = cfg_->locate(leaf);
      for (size_t k = limit; b == nullptr && k-- > 0;) std::tie(b, i) = cfg_->locate(stack_[k]);
      u.at = {b, i};
    }
    out_.push_back(std::move(u));
  }

  PackageFacts& facts_;
  const PackageInfo& info_;
  const Cfg* cfg_;
  const std::unordered_set<const Object*>& chans_;
  std::vector<ChanUse>& out_;
  std::vector<const Node*> stack_;
  int depth_ = 0;
  const ast::FuncLit* lit_ = nullptr;
  size_t lit_index_ = 0;
  const ast::GoStmt* go_ = nullptr;
  bool deferred_ = false;
};

}  // namespace

bool is_builtin_call(const PackageInfo& info, const ast::Expr* e, std::string_view name) {
  const auto* call = ast::dyn_cast<ast::CallExpr>(unparen(e));
  if (call == nullptr) return false;
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(call->fun));
  return id != nullptr && id->name == name && info.object_of(id) == universe_object(name);
}

ChanKey chan_key(const PackageInfo& info, const ast::Expr* e) {
  e = unparen(e);
  ChanKey k;
  if (const auto* id = ast::dyn_cast<ast::Ident>(e)) {
    k.obj = info.object_of(id);
  } else if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(e)) {
    k.field = sel->sel->name;
  }
  return k;
}

PackageFacts::PackageFacts(const Pass& pass) : info_(pass.info()), files_(pass.files()) {}

void PackageFacts::index_functions() {
  functions_indexed_ = true;
  for (const FileCtx& f : files_) {
    for (const Node* d : f.parsed->file->decls) {
      const auto* fd = ast::dyn_cast<ast::FuncDecl>(d);
      if (fd == nullptr || fd->recv == nullptr || fd->name == nullptr) continue;
      auto [it, fresh] = methods_.emplace(fd->name->name, fd);
      if (!fresh) it->second = nullptr;
    }
  }
}

void PackageFacts::index_closes() {
  closes_indexed_ = true;
  for (const FileCtx& f : files_) {
    ast::inspect(f.parsed->file, [&](Node* n) {
      if (n == nullptr || n->kind != Kind::CallExpr) return true;
      const auto* call = static_cast<const ast::CallExpr*>(n);
      if (call->args.size() == 1 && is_builtin_call(info_, call, "close")) {
        ChanKey k = chan_key(info_, call->args[0]);
        if (k.obj != nullptr) closed_objs_.insert(k.obj);
        if (!k.field.empty()) closed_fields_.insert(k.field);
      }
      return true;
    });
  }
}

bool PackageFacts::closed_anywhere(const ChanKey& key) {
  if (!closes_indexed_) index_closes();
  if (key.obj != nullptr && closed_objs_.count(key.obj) != 0) return true;
  return !key.field.empty() && closed_fields_.count(key.field) != 0;
}

const Node* PackageFacts::callee(const ast::CallExpr* call) {
  const Node* f = unparen(call->fun);
  if (const auto* ix = ast::dyn_cast<ast::IndexExpr>(f)) f = unparen(ix->x);
  if (const auto* ix = ast::dyn_cast<ast::IndexListExpr>(f)) f = unparen(ix->x);
  if (f->kind == Kind::FuncLit) return f;
  if (const auto* id = ast::dyn_cast<ast::Ident>(f)) {
    const Object* obj = info_.object_of(id);
    if (obj != nullptr && obj->kind == Object::Kind::kFunc && obj->package_level) {
      const auto* fd = ast::dyn_cast<ast::FuncDecl>(obj->decl);
      if (fd != nullptr && fd->body != nullptr) return fd;
    }
    return nullptr;
  }
  if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(f)) {
    if (const auto* x = ast::dyn_cast<ast::Ident>(unparen(sel->x))) {
      const Object* obj = info_.object_of(x);
      if (obj == nullptr || obj->kind == Object::Kind::kPackage) return nullptr;
    }
    if (!functions_indexed_) index_functions();
    auto it = methods_.find(sel->sel->name);
    if (it != methods_.end() && it->second != nullptr && it->second->body != nullptr)
      return it->second;
  }
  return nullptr;
}

const ast::BlockStmt* PackageFacts::body_of(const Node* fn) {
  if (const auto* fd = ast::dyn_cast<ast::FuncDecl>(fn)) return fd->body;
  if (const auto* fl = ast::dyn_cast<ast::FuncLit>(fn)) return fl->body;
  return nullptr;
}

const ast::FuncType* PackageFacts::type_of(const Node* fn) {
  if (const auto* fd = ast::dyn_cast<ast::FuncDecl>(fn)) return fd->type;
  if (const auto* fl = ast::dyn_cast<ast::FuncLit>(fn)) return fl->type;
  return nullptr;
}

const Object* PackageFacts::param_object(const Node* fn, int i) const {
  const ast::FuncType* ft = type_of(fn);
  if (ft == nullptr || ft->params == nullptr || i < 0) return nullptr;
  int k = 0;
  for (const ast::Field* f : ft->params->list) {
    bool variadic = f->type != nullptr && f->type->kind == Kind::Ellipsis;
    if (f->names.empty()) {
      if (k++ == i) return nullptr;
      continue;
    }
    for (const ast::Ident* nm : f->names) {
      if (k++ != i) continue;
      if (variadic || nm->name == "_") return nullptr;
      return info_.object_of(nm);
    }
  }
  return nullptr;
}

const ParamSummary& PackageFacts::param(const Node* fn, int i) {
  uint64_t key = reinterpret_cast<uintptr_t>(fn) * 31 + static_cast<uint64_t>(i);
  if (auto it = params_.find(key); it != params_.end()) return *it->second;
  if (in_progress_.count(key) != 0 || in_progress_.size() >= kMaxSummaryDepth)
    return escaping_summary();
  const Object* obj = param_object(fn, i);
  if (obj == nullptr) return escaping_summary();
  in_progress_.insert(key);
  auto s = std::make_unique<ParamSummary>();
  std::vector<ChanUse> uses = collect_uses(*this, fn, nullptr, {obj});
  for (const ChanUse& u : uses) {
    switch (u.op) {
      case ChanOp::kSend:
        if (u.guarded) {
          s->sends_guarded = true;
        } else {
          s->sends = true;
          if (s->send == nullptr) s->send = u.node;
        }
        break;
      case ChanOp::kRecv:
        s->recvs = true;
        break;
      case ChanOp::kRange:
        s->ranges = true;
        if (s->range == nullptr) s->range = u.node;
        break;
      case ChanOp::kClose:
        s->closes = true;
        break;
      case ChanOp::kNeutral:
        break;
      case ChanOp::kCall: {
        const ParamSummary& sub = param(u.callee, u.arg);
        s->sends = s->sends || sub.sends;
        s->sends_guarded = s->sends_guarded || sub.sends_guarded;
        s->recvs = s->recvs || sub.recvs;
        s->ranges = s->ranges || sub.ranges;
        s->closes = s->closes || sub.closes;
        s->escapes = s->escapes || sub.escapes;
        if (s->send == nullptr) s->send = sub.send;
        if (s->range == nullptr) s->range = sub.range;
        break;
      }
      case ChanOp::kAssign:
      case ChanOp::kEscape:
        s->escapes = true;
        break;
    }
  }
  in_progress_.erase(key);
  return *params_.emplace(key, std::move(s)).first->second;
}

std::vector<ChanUse> collect_uses(PackageFacts& facts, const Node* fn, const Cfg* cfg,
                                  const std::unordered_set<const Object*>& chans) {
  std::vector<ChanUse> out;
  UseCollector c(facts, cfg, chans, &out);
  c.run(PackageFacts::body_of(fn));
  return out;
}

const ast::CallExpr* chan_make_of(const PackageInfo& info, const Object* obj) {
  if (obj == nullptr || obj->ident == nullptr) return nullptr;
  const Node* rhs = nullptr;
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(obj->decl)) {
    if (as->lhs.size() != as->rhs.size()) return nullptr;
    for (uint32_t i = 0; i < as->lhs.size(); ++i) {
      if (as->lhs[i] == obj->ident) rhs = as->rhs[i];
    }
  } else if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(obj->decl)) {
    if (vs->names.size() != vs->values.size()) return nullptr;
    for (uint32_t i = 0; i < vs->names.size(); ++i) {
      if (vs->names[i] == obj->ident) rhs = vs->values[i];
    }
  }
  if (rhs == nullptr || !is_builtin_call(info, rhs, "make")) return nullptr;
  const auto* call = static_cast<const ast::CallExpr*>(unparen(rhs));
  if (call->args.empty() || unparen(call->args[0])->kind != Kind::ChanType) return nullptr;
  return call;
}

std::vector<std::pair<const Object*, const ast::CallExpr*>> local_chans(
    const PackageInfo& info, const ast::BlockStmt* body) {
  std::vector<std::pair<const Object*, const ast::CallExpr*>> out;
  auto consider = [&](const ast::Ident* id) {
    if (id == nullptr || id->name == "_") return;
    const Object* obj = info.object_of(id);
    if (obj == nullptr || obj->ident != id) return;
    if (const ast::CallExpr* mk = chan_make_of(info, obj)) out.emplace_back(obj, mk);
  };
  walk_body(body, [&](const Node* n, const std::vector<const Node*>&) {
    if (const auto* as = ast::dyn_cast<ast::AssignStmt>(n)) {
      if (as->tok != go::Tok::DEFINE) return;
      for (const Node* l : as->lhs) consider(ast::dyn_cast<ast::Ident>(l));
    } else if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(n)) {
      if (vs->values.empty()) return;
      for (const ast::Ident* nm : vs->names) consider(nm);
    }
  });
  return out;
}

ChanMakers::ChanMakers(const Pass& pass) : files_(pass.files().size()) {
  const PackageInfo& info = pass.info();
  auto make_chan = [&](const Node* e) {
    if (!is_builtin_call(info, e, "make")) return false;
    const auto* call = static_cast<const ast::CallExpr*>(unparen(e));
    return !call->args.empty() && unparen(call->args[0])->kind == Kind::ChanType;
  };
  const FunctionIndex& index = pass.shared<FunctionIndex>();
  for (size_t file = 0; file < files_.size(); ++file) {
    for (const FuncEntry& e : index.file(static_cast<int>(file))) {
      if ((e.kinds & kind_bit(Kind::ChanType)) == 0) continue;
      bool hit = false;
      walk_body(e.body, [&](const Node* n, const std::vector<const Node*>&) {
        if (hit) return;
        if (const auto* as = ast::dyn_cast<ast::AssignStmt>(n); as && as->tok == go::Tok::DEFINE) {
          for (const Node* r : as->rhs) hit = hit || make_chan(r);
        } else if (const auto* vs = ast::dyn_cast<ast::ValueSpec>(n)) {
          for (const Node* v : vs->values) hit = hit || make_chan(v);
        }
      });
      if (hit) files_[file].push_back(&e);
    }
  }
}

bool unbuffered(const ast::CallExpr* make) {
  if (make->args.size() == 1) return true;
  if (make->args.size() != 2) return false;
  const auto* lit = ast::dyn_cast<ast::BasicLit>(unparen(make->args[1]));
  return lit != nullptr && lit->tok == go::Tok::INT && lit->value == "0";
}

}  // namespace oomguard::lint::rules
