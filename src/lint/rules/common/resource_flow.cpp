#include "lint/rules/common/resource_flow.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "lint/rules/common/cfg_paths.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {
namespace {

using ast::Kind;

// Standard-library functions that take ownership of what they are given (closing the result
// closes the argument): wrappers of connections.
bool std_takes_ownership(std::string_view path, std::string_view name) {
  if (path == "crypto/tls") return name == "Client" || name == "Server";
  if (path == "net/textproto") return name == "NewConn";
  if (path == "net/smtp") return name == "NewClient";
  if (path == "net/rpc" || path == "net/rpc/jsonrpc") return name.substr(0, 3) == "New";
  if (path == "net/http/httputil") return name == "NewClientConn" || name == "NewServerConn";
  // Process-lifetime sinks: they keep writing to it until stopped.
  if (path == "runtime/trace") return name == "Start";
  if (path == "runtime/pprof") return name == "StartCPUProfile";
  if (path == "log") return name == "New" || name == "SetOutput";
  // Calls the function it is given once the duration has passed (a cancel handed to a timer).
  if (path == "time") return name == "AfterFunc";
  return false;
}

bool is_std_path(std::string_view path) {
  size_t slash = path.find('/');
  std::string_view first = path.substr(0, slash);
  // cmd/... packages are the toolchain's own code, not the standard library's API.
  return first.find('.') == std::string_view::npos && first != "cmd";
}

// Methods of unknown receivers that only read from or write to what they are given.
bool non_owning_method(std::string_view name) {
  static const std::unordered_set<std::string_view> kNames = {
      "Read",   "Write",  "ReadFrom", "WriteTo",  "WriteString", "Copy",   "Decode",
      "Encode", "Printf", "Println",  "Print",    "Fprintf",     "Errorf", "Logf",
      "Log",    "Debugf", "Infof",    "Warnf",    "Warningf",    "Error",  "Info",
      "Debug",  "Warn",   "Fatal",    "Scan",     "Reset",       "Equal",  "Since",
      "Sub",    "After",  "Before",   "Contains", "Helper",      "Len"};
  return kNames.count(name) != 0;
}

class EffectWalker {
 public:
  EffectWalker(const PackageInfo& info, ResourceFacts* facts, const Object* var,
               const ResourceSpec& spec)
      : info_(info), facts_(facts), var_(var), spec_(spec) {}

  UseEffect run(const ast::Node* n) {
    visit(n);
    return std::move(out_);
  }

 private:
  void visit(const ast::Node* n) {
    if (n == nullptr) return;
    if (n->kind == Kind::Ident) {
      if (info_.object_of(static_cast<const ast::Ident*>(n)) == var_) ref(n);
      return;
    }
    parents_.push_back(n);
    ast::for_each_child(const_cast<ast::Node*>(n), [&](ast::Node* c) { visit(c); });
    parents_.pop_back();
  }

  // True when every normal exit of the literal's body comes after a release or hand-off of the
  // variable (memoised per literal).
  bool every_path_releases(const ast::FuncLit* lit) {
    auto it = lit_done_.find(lit);
    if (it != lit_done_.end()) return it->second;
    bool all = true;
    if (lit->body != nullptr && !nil_checked_in(lit->body)) {
      std::unique_ptr<Cfg> cfg = Cfg::build(lit->body, &info_);
      PointSet barriers;
      for (const auto& b : cfg->blocks()) {
        for (size_t i = 0; i < b->nodes.size(); ++i) {
          UseEffect e = use_effect(info_, facts_, b->nodes[i], var_, spec_);
          if (e.release || e.handoff) barriers.add({b.get(), static_cast<int>(i)});
        }
      }
      all = exit_avoiding(*cfg, CfgPoint{}, barriers) == nullptr;
    }
    lit_done_.emplace(lit, all);
    return all;
  }

  // True when n compares the variable with nil (`if cancel != nil { defer cancel() }`): the
  // paths that skip the release are the ones holding nothing, which the graph cannot tell.
  bool nil_checked_in(const ast::Node* n) const {
    bool found = false;
    ast::inspect(const_cast<ast::Node*>(n), [&](ast::Node* c) {
      if (found || c == nullptr) return false;
      const auto* be = ast::dyn_cast<ast::BinaryExpr>(c);
      if (be != nullptr && (be->op == go::Tok::EQL || be->op == go::Tok::NEQ)) {
        for (const auto& [a, b] : {std::pair{be->x, be->y}, std::pair{be->y, be->x}}) {
          const auto* id = ast::dyn_cast<ast::Ident>(unparen(a));
          const auto* nil = ast::dyn_cast<ast::Ident>(unparen(b));
          if (id != nullptr && nil != nullptr && nil->name == "nil" && info_.object_of(id) == var_)
            found = true;
        }
      }
      return !found;
    });
    return found;
  }

  // Walks up through parentheses, type assertions and dereferences.
  const ast::Node* up(const ast::Node* cur, size_t* i) const {
    while (*i > 0) {
      const ast::Node* p = parents_[*i - 1];
      bool transparent = p->kind == Kind::ParenExpr ||
                         (p->kind == Kind::TypeAssertExpr &&
                          static_cast<const ast::TypeAssertExpr*>(p)->x == cur) ||
                         (p->kind == Kind::StarExpr);
      if (!transparent) return p;
      cur = p;
      --*i;
    }
    return nullptr;
  }

  bool releases_by_method(std::string_view m) const {
    return std::find(spec_.release_methods.begin(), spec_.release_methods.end(), m) !=
           spec_.release_methods.end();
  }

  void ref(const ast::Node* id) {
    // A closure capturing it that is passed on, stored or returned outlives the statement: treat
    // the closure like the variable (AtExit(func() { use(f) }) hands f off).
    for (size_t k = 1; k < parents_.size(); ++k) {
      if (parents_[k]->kind != Kind::FuncLit) continue;
      const ast::Node* p = parents_[k - 1];
      const auto* call = ast::dyn_cast<ast::CallExpr>(p);
      // `go func() { ... }()`: the goroutine releases it only if every path of its body does
      // (cancel on the success path alone leaves the failure path holding the context).
      if (call != nullptr && call->fun == parents_[k] && k >= 2 &&
          parents_[k - 2]->kind == Kind::GoStmt &&
          !every_path_releases(static_cast<const ast::FuncLit*>(parents_[k]))) {
        return;
      }
      if (call == nullptr || call->fun != parents_[k]) {
        UseEffect saved = std::move(out_);
        out_ = {};
        use_of_resource(parents_[k], p, k);
        bool handoff = out_.handoff || out_.release;
        out_ = std::move(saved);
        if (handoff) out_.handoff = true;
      }
      break;
    }
    size_t i = parents_.size();
    const ast::Node* cur = id;
    const ast::Node* p = up(cur, &i);
    if (p == nullptr) return;
    // Adjust cur to the node directly below p.
    cur = i < parents_.size() ? parents_[i] : id;
    if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(p); sel != nullptr && sel->x == cur) {
      std::string_view name = sel->sel->name;
      if (!spec_.field.empty() && name == spec_.field) {
        // The resource proper (v.Body): continue from the selector.
        --i;
        cur = p;
        p = up(cur, &i);
        if (p == nullptr) return;
        cur = i < parents_.size() ? parents_[i] : cur;
        if (const auto* s2 = ast::dyn_cast<ast::SelectorExpr>(p); s2 != nullptr && s2->x == cur) {
          if (s2->sel->name == "Close") out_.release = true;
          return;
        }
        return use_of_resource(cur, p, i);
      }
      if (releases_by_method(name)) out_.release = true;  // v.Close() or a method value v.Close
      return;
    }
    use_of_resource(cur, p, i);
  }

  // cur (the variable, or v.Body) is used directly by p = parents_[i-1].
  void use_of_resource(const ast::Node* cur, const ast::Node* p, size_t i) {
    switch (p->kind) {
      case Kind::CallExpr: {
        const auto* call = static_cast<const ast::CallExpr*>(p);
        if (call->fun == cur) {
          if (spec_.call_releases) out_.release = true;
          return;
        }
        for (uint32_t a = 0; a < call->args.size(); ++a) {
          if (call->args[a] == cur) return argument(call, a);
        }
        return;
      }
      case Kind::ValueSpec: {
        const auto* vs = static_cast<const ast::ValueSpec*>(p);
        for (const ast::Expr* v : vs->values) {
          if (v == cur) out_.handoff = true;
        }
        return;
      }
      case Kind::ReturnStmt:
      case Kind::CompositeLit:
      case Kind::SendStmt:
        out_.handoff = true;
        return;
      case Kind::KeyValueExpr:
        if (static_cast<const ast::KeyValueExpr*>(p)->value == cur) out_.handoff = true;
        return;
      case Kind::UnaryExpr:
        if (static_cast<const ast::UnaryExpr*>(p)->op == go::Tok::AND) out_.handoff = true;
        return;
      case Kind::AssignStmt: {
        const auto* as = static_cast<const ast::AssignStmt*>(p);
        for (uint32_t k = 0; k < as->rhs.size(); ++k) {
          if (as->rhs[k] != cur) continue;
          const ast::Expr* lhs = as->lhs.size() == as->rhs.size() ? as->lhs[k] : nullptr;
          if (lhs != nullptr && is_blank(lhs)) return;  // `_ = v`
          out_.handoff = true;
          if (const auto* fs = ast::dyn_cast<ast::SelectorExpr>(unparen(lhs))) {
            out_.stored_fields.push_back(fs);
          }
          return;
        }
        return;
      }
      default:
        (void)i;
        return;
    }
  }

  void apply(ParamEffect e) {
    if (e == ParamEffect::kRelease) out_.release = true;
    if (e == ParamEffect::kEscape) out_.handoff = true;
  }

  void argument(const ast::CallExpr* call, uint32_t a) {
    const ast::Expr* fun = unparen(call->fun);
    if (const auto* id = ast::dyn_cast<ast::Ident>(fun)) {
      const Object* obj = info_.object_of(id);
      if (obj == nullptr) {
        std::string_view path;
        std::string_view name;
        if (info_.qualified_name(fun, &path, &name)) return qualified(path, name);
        out_.handoff = true;
        return;
      }
      if (obj->kind == Object::Kind::kBuiltin) {
        if (id->name == "append") out_.handoff = true;
        return;
      }
      if (obj->kind == Object::Kind::kType) return;  // a conversion
      if (obj->kind == Object::Kind::kFunc && obj->package_level) {
        const auto* fd = ast::dyn_cast<ast::FuncDecl>(obj->decl);
        if (fd != nullptr && facts_ != nullptr) return apply(facts_->param_effect(fd, a));
        out_.handoff = true;
        return;
      }
      out_.handoff = true;  // a function value we cannot see into
      return;
    }
    if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(fun)) {
      std::string_view path;
      std::string_view name;
      if (info_.qualified_name(fun, &path, &name)) return qualified(path, name);
      std::string_view m = sel->sel->name;
      if (facts_ != nullptr && facts_->has_method(m)) {
        ParamEffect e = facts_->method_param_effect(m, a);
        // A same-named method that releases it settles it; one that does not only settles it
        // when the receiver is a local variable (an interface field may dispatch elsewhere).
        if (e != ParamEffect::kNone || local_receiver(sel->x)) return apply(e);
      }
      if (!non_owning_method(m)) out_.handoff = true;
      return;
    }
    out_.handoff = true;
  }

  bool local_receiver(const ast::Expr* x) const {
    const auto* id = ast::dyn_cast<ast::Ident>(unparen(x));
    const Object* obj = id != nullptr ? info_.object_of(id) : nullptr;
    return obj != nullptr && obj->kind == Object::Kind::kVar && !obj->package_level;
  }

  void qualified(std::string_view path, std::string_view name) {
    if (!is_std_path(path) || std_takes_ownership(path, name)) out_.handoff = true;
  }

  const PackageInfo& info_;
  ResourceFacts* facts_;
  const Object* var_;
  const ResourceSpec& spec_;
  std::vector<const ast::Node*> parents_;
  UseEffect out_;
  std::unordered_map<const ast::FuncLit*, bool> lit_done_;
};

// The object an lhs slot assigns, when it is a plain identifier.
const Object* slot_object(const PackageInfo& info, const ast::Expr* e) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(e));
  return id != nullptr ? info.object_of(id) : nullptr;
}

// Which lhs slots of stmt assign obj; also whether rhs is a single call.
bool assigns(const PackageInfo& info, const ast::Node* stmt, const Object* obj,
             const ast::CallExpr** call) {
  *call = nullptr;
  if (const auto* as = ast::dyn_cast<ast::AssignStmt>(stmt)) {
    if (as->tok != go::Tok::ASSIGN && as->tok != go::Tok::DEFINE) return false;
    bool hit = false;
    for (const ast::Expr* l : as->lhs) hit = hit || slot_object(info, l) == obj;
    if (hit && as->rhs.size() == 1) *call = ast::dyn_cast<ast::CallExpr>(unparen(as->rhs[0]));
    return hit;
  }
  if (const auto* ds = ast::dyn_cast<ast::DeclStmt>(stmt)) {
    const auto* gd = ast::dyn_cast<ast::GenDecl>(ds->decl);
    if (gd == nullptr) return false;
    for (const ast::Node* sp : gd->specs) {
      const auto* vs = ast::dyn_cast<ast::ValueSpec>(sp);
      if (vs == nullptr) continue;
      for (const ast::Ident* n : vs->names) {
        if (info.object_of(n) == obj) {
          if (vs->values.size() == 1) *call = ast::dyn_cast<ast::CallExpr>(vs->values[0]);
          return true;
        }
      }
    }
  }
  return false;
}

// For a branch condition `x != nil` / `x == nil` with x one of objs: which successor (0 or 1)
// is the one where x is nil, else -1.
int nil_branch(const PackageInfo& info, const ast::Node* cond, const Object* a, const Object* b,
               bool b_is_err) {
  cond = unparen(cond);
  if (const auto* call = ast::dyn_cast<ast::CallExpr>(cond); call != nullptr && b != nullptr) {
    // os.IsNotExist(err), errors.Is(err, x), errors.As(err, &t): true only when err != nil.
    std::string_view n = callee_name(call);
    if (!call->args.empty() && (n.substr(0, 2) == "Is" || n == "As") &&
        slot_object(info, call->args[0]) == b) {
      return 0;
    }
    return -1;
  }
  if (const auto* lg = ast::dyn_cast<ast::BinaryExpr>(cond);
      lg != nullptr && (lg->op == go::Tok::LAND || lg->op == go::Tok::LOR)) {
    int l = nil_branch(info, lg->x, a, b, b_is_err);
    int r = nil_branch(info, lg->y, a, b, b_is_err);
    // x && y is true only when both are: a nil true-branch of either carries over; x || y is
    // false only when both are.
    if (lg->op == go::Tok::LAND) return l == 0 || r == 0 ? 0 : -1;
    return l == 1 || r == 1 ? 1 : -1;
  }
  const auto* be = ast::dyn_cast<ast::BinaryExpr>(cond);
  if (be == nullptr || (be->op != go::Tok::EQL && be->op != go::Tok::NEQ)) return -1;
  const ast::Expr* x = unparen(be->x);
  const ast::Expr* y = unparen(be->y);
  auto is_nil = [&](const ast::Expr* e) {
    const auto* id = ast::dyn_cast<ast::Ident>(e);
    return id != nullptr && id->name == "nil";
  };
  if (is_nil(x)) std::swap(x, y);
  if (!is_nil(y)) return -1;
  const Object* o = slot_object(info, x);
  if (o == nullptr) return -1;
  if (o == a) return be->op == go::Tok::EQL ? 0 : 1;  // resource nil
  if (b != nullptr && o == b) {
    // err != nil: the resource is nil on the true branch.
    (void)b_is_err;
    return be->op == go::Tok::NEQ ? 0 : 1;
  }
  return -1;
}

// The call `v.Next()` as a loop condition.
bool is_next_call(const PackageInfo& info, const ast::Node* cond, const Object* var) {
  const auto* c = ast::dyn_cast<ast::CallExpr>(unparen(cond));
  if (c == nullptr) return false;
  const auto* sel = ast::dyn_cast<ast::SelectorExpr>(unparen(c->fun));
  return sel != nullptr && sel->sel->name == "Next" && slot_object(info, sel->x) == var;
}

bool ReleasedByEarlierDefer(const PackageInfo& info, ResourceFacts* facts, const Acquisition& acq,
                            const Object* var, const ResourceSpec& spec) {
  bool found = false;
  go::Pos at = ast::node_pos(acq.stmt);
  walk_body(acq.body, [&](const ast::Node* n, const std::vector<const ast::Node*>&) {
    if (found || n->kind != Kind::DeferStmt || ast::node_pos(n) >= at) return;
    found = use_effect(info, facts, n, var, spec).release;
  });
  return found;
}

}  // namespace

bool is_blank(const ast::Expr* e) {
  const auto* id = ast::dyn_cast<ast::Ident>(unparen(e));
  return id != nullptr && id->name == "_";
}

UseEffect use_effect(const PackageInfo& info, ResourceFacts* facts, const ast::Node* n,
                     const Object* var, const ResourceSpec& spec) {
  return EffectWalker(info, facts, var, spec).run(n);
}

ResourceFlow::ResourceFlow(Pass& pass) : pass_(pass) {}

ResourceFacts& ResourceFlow::facts() { return pass_.shared<ResourceFacts>(); }

bool ResourceFlow::is_main_main(int file, const ast::Node* func) const {
  const auto* fd = ast::dyn_cast<ast::FuncDecl>(func);
  if (fd == nullptr || fd->recv != nullptr || fd->name->name != "main") return false;
  const ast::File* f = pass_.files()[static_cast<size_t>(file)].parsed->file;
  return f->name != nullptr && f->name->name == "main";
}

FlowResult ResourceFlow::search(const Acquisition& acq, const ResourceSpec& spec,
                                const std::function<bool(const ast::CallExpr*)>& same_kind) {
  FlowResult res;
  const PackageInfo& info = pass_.info();
  const Object* var = acq.var != nullptr ? info.object_of(acq.var) : nullptr;
  if (var == nullptr || var->package_level || var->result || var->func != acq.func) {
    res.kind = FlowResult::Kind::kUntracked;
    return res;
  }
  const Object* err = acq.err != nullptr ? info.object_of(acq.err) : nullptr;
  const Cfg& cfg = pass_.cfg(acq.body);
  auto [start, start_idx] = cfg.locate(acq.stmt);
  if (start == nullptr || !start->live) {
    res.kind = FlowResult::Kind::kUntracked;
    return res;
  }
  ResourceFacts& pf = facts();
  // A defer registered before the acquisition that closes the variable (a deferred closure
  // guarding `if f != nil { f.Close() }`) covers every later return.
  if (ReleasedByEarlierDefer(info, &pf, acq, var, spec)) return res;
  // State: block index * 2 + (error variable still holds the acquiring call's error).
  std::vector<uint8_t> seen(cfg.blocks().size() * 2, 0);
  struct Item {
    const CfgBlock* b;
    int from;
    bool fresh;
  };
  std::deque<Item> work;
  work.push_back({start, start_idx + 1, err != nullptr});
  while (!work.empty()) {
    Item it = work.front();
    work.pop_front();
    const CfgBlock* b = it.b;
    bool fresh = it.fresh;
    bool stop = false;
    for (size_t k = static_cast<size_t>(it.from); k < b->nodes.size() && !stop; ++k) {
      const ast::Node* n = b->nodes[k];
      if (n == acq.stmt) {
        res.kind = FlowResult::Kind::kOverwritten;
        res.at = n;
        res.pos = ast::node_pos(n);
        return res;
      }
      UseEffect e = use_effect(info, &pf, n, var, spec);
      for (const auto* f : e.stored_fields) res.stored_fields.push_back(f);
      if (e.release || e.handoff) {
        stop = true;
        break;
      }
      const ast::CallExpr* call = nullptr;
      if (assigns(info, n, var, &call)) {
        if (call != nullptr && same_kind(call)) {
          res.kind = FlowResult::Kind::kOverwritten;
          res.at = n;
          res.pos = ast::node_pos(n);
          return res;
        }
        stop = true;  // reassigned to something else: no longer tracked
        break;
      }
      if (fresh && err != nullptr && assigns(info, n, err, &call)) fresh = false;
    }
    if (stop) continue;
    if (b->succs.empty()) {
      if (b->exit == CfgBlock::Exit::kReturn || b->exit == CfgBlock::Exit::kFallOffEnd) {
        res.kind = FlowResult::Kind::kLeaks;
        res.at = b->exit == CfgBlock::Exit::kReturn ? b->exit_node : nullptr;
        res.pos = res.at != nullptr ? ast::node_pos(res.at) : acq.body->rbrace;
        return res;
      }
      continue;  // no-return call, or a block that never ends
    }
    int skip = -1;
    if (b->succs.size() == 2 && !b->nodes.empty()) {
      const ast::Node* cond = b->nodes.back();
      if (ast::is_expr(cond->kind)) {
        skip = nil_branch(info, cond, var, fresh ? err : nullptr, true);
        if (spec.next_loop_releases && b->kind == CfgBlock::Kind::kForCond &&
            is_next_call(info, cond, var)) {
          skip = 1;  // Next() returned false: database/sql closed the rows
        }
      }
    }
    for (size_t s = 0; s < b->succs.size(); ++s) {
      if (static_cast<int>(s) == skip) continue;
      const CfgBlock* nb = b->succs[s];
      size_t key = static_cast<size_t>(nb->index) * 2 + (fresh ? 1 : 0);
      if (seen[key] != 0) continue;
      seen[key] = 1;
      work.push_back({nb, 0, fresh});
    }
  }
  res.kind = FlowResult::Kind::kReleased;
  return res;
}

FlowResult ResourceFlow::track(const Acquisition& acq, const ResourceSpec& spec,
                               const std::function<bool(const ast::CallExpr*)>& same_kind) {
  return search(acq, spec, same_kind);
}

std::string ResourceFlow::path_text(const Acquisition& acq, const FlowResult& r,
                                    std::string_view fn) const {
  Position p = pass_.position(acq.file, r.pos);
  if (r.kind == FlowResult::Kind::kOverwritten) {
    if (r.at == acq.stmt) return fmt::format("the next loop iteration (line {})", p.line);
    return fmt::format("the next acquisition at line {}", p.line);
  }
  if (r.at == nullptr) return fmt::format("the end of {} (line {})", fn, p.line);
  return fmt::format("the return at line {}", p.line);
}

RelatedLocation ResourceFlow::path_related(const Acquisition& acq, const FlowResult& r) const {
  std::string msg = r.kind == FlowResult::Kind::kOverwritten
                        ? "acquired again here while the previous one is still held"
                    : r.at == nullptr ? "the function ends here without releasing it"
                                      : "this return leaks it";
  return pass_.related(acq.file, r.pos, std::move(msg));
}

BindingIndex::BindingIndex(const Pass& pass) : files_(pass.files().size()) {
  const FunctionIndex& index = pass.shared<FunctionIndex>();
  for (size_t file = 0; file < files_.size(); ++file) {
    for (const FuncEntry& e : index.file(static_cast<int>(file))) {
      if ((e.kinds & kind_bit(ast::Kind::CallExpr)) == 0) continue;
      for_each_binding(e.body, [&](const ast::Node* stmt, const ast::CallExpr* call,
                                   const std::vector<const ast::Expr*>& lhs) {
        files_[file].push_back({&e, stmt, call, static_cast<uint32_t>(lhs_.size()),
                                static_cast<uint32_t>(lhs.size())});
        lhs_.insert(lhs_.end(), lhs.begin(), lhs.end());
      });
    }
  }
}

void for_each_candidate(Pass& pass, const std::vector<std::string_view>& imports,
                        const std::function<Pick(int, const ast::CallExpr*, size_t)>& pick,
                        const std::function<void(const Candidate&)>& found) {
  const BindingIndex& bindings = pass.shared<BindingIndex>();
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    bool any = imports.empty();
    for (std::string_view path : imports) any = any || pass.info().imports(file, path);
    if (!any) continue;
    for (const BindingIndex::Site& site : bindings.file(file)) {
      Pick p = pick(file, site.call, site.lhs_count);
      if (p.res < 0) continue;
      Candidate c;
      c.acq.file = file;
      c.acq.call = site.call;
      c.acq.stmt = site.stmt;
      c.acq.func = site.fn->scope.func;
      c.acq.body = site.fn->body;
      c.lhs = bindings.lhs(site);
      c.pick = p;
      c.fn = site.fn->scope.name;
      if (const auto* id = ast::dyn_cast<ast::Ident>(unparen(c.slot()));
          id != nullptr && id->name != "_") {
        c.acq.var = id;
      }
      if (p.err >= 0 && static_cast<size_t>(p.err) < c.lhs.size()) {
        if (const auto* id = ast::dyn_cast<ast::Ident>(unparen(c.lhs[static_cast<size_t>(p.err)]));
            id != nullptr && id->name != "_") {
          c.acq.err = id;
        }
      }
      found(c);
    }
  }
}

// `_, err := os.Open("missing")` followed by `if err == nil`, a use of err.Error(), or a test that
// err is some specific error (`err != context.Canceled`, `!errors.Is(err, X)`, `!isTimeout(err)`):
// the code expects the call to fail (typically a test), so nothing is acquired. The next statement
// may follow a join (`if a { _, err = X } else { _, err = Y }; if !isTimeout(err) ...`).
static bool expects_failure(Pass& pass, const Candidate& c) {
  if (c.acq.err == nullptr || c.lhs.empty()) return false;
  const Object* err = pass.info().object_of(c.acq.err);
  auto [b, idx] = pass.cfg(c.acq.body).locate(c.acq.stmt);
  if (b == nullptr || err == nullptr) return false;
  size_t next = static_cast<size_t>(idx) + 1;
  for (int hops = 0; next >= b->nodes.size() && hops < 4; ++hops) {
    if (b->succs.size() != 1) return false;
    b = b->succs[0];
    next = 0;
  }
  if (next >= b->nodes.size()) return false;
  // A predicate on err: errors.Is/As, os.IsTimeout, a local isTimeout.
  auto err_predicate = [&](const ast::CallExpr* call) {
    if (call == nullptr || call->args.empty()) return false;
    std::string_view fn = callee_name(call);
    bool is =
        fn == "As" || ((fn.substr(0, 2) == "Is" || fn.substr(0, 2) == "is") &&
                       (fn.size() == 2 || std::isupper(static_cast<unsigned char>(fn[2])) != 0));
    const auto* x = ast::dyn_cast<ast::Ident>(unparen(call->args[0]));
    return is && x != nullptr && pass.info().object_of(x) == err;
  };
  bool expects = false;
  ast::inspect(const_cast<ast::Node*>(b->nodes[next]), [&](ast::Node* n) {
    if (n == nullptr || expects || n->kind == Kind::FuncLit) return false;
    if (const auto* be = ast::dyn_cast<ast::BinaryExpr>(n);
        be != nullptr && (be->op == go::Tok::EQL || be->op == go::Tok::NEQ)) {
      const auto* x = ast::dyn_cast<ast::Ident>(unparen(be->x));
      const auto* y = ast::dyn_cast<ast::Ident>(unparen(be->y));
      bool y_nil = y != nullptr && y->name == "nil";
      // err == nil: success is the surprise; err != E (E not nil): E is the expected outcome.
      if (x != nullptr && pass.info().object_of(x) == err && (be->op == go::Tok::EQL) == y_nil) {
        expects = true;
      }
    }
    if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(n); u != nullptr && u->op == go::Tok::NOT) {
      if (err_predicate(ast::dyn_cast<ast::CallExpr>(unparen(u->x)))) expects = true;
    }
    if (const auto* sel = ast::dyn_cast<ast::SelectorExpr>(n);
        sel != nullptr && sel->sel->name == "Error") {
      const auto* x = ast::dyn_cast<ast::Ident>(unparen(sel->x));
      if (x != nullptr && pass.info().object_of(x) == err) expects = true;
    }
    return !expects;
  });
  return expects;
}

void check_closer(Pass& pass, ResourceFlow& flow, const Candidate& c, const ResourceSpec& spec,
                  const std::function<bool(const ast::CallExpr*)>& same_kind,
                  const std::string& what, const std::string& fix) {
  const int file = c.acq.file;
  if (c.discarded()) {
    if (expects_failure(pass, c)) return;
    pass.report(file, c.acq.call, fmt::format("{} is discarded without being closed", what),
                fmt::format("assign it and {}", fix));
    return;
  }
  if (c.acq.var == nullptr) return;  // stored straight into a field, index or pointer
  FlowResult r = flow.track(c.acq, spec, same_kind);
  switch (r.kind) {
    case FlowResult::Kind::kLeaks:
      pass.report(file, c.acq.call,
                  fmt::format("{} is not closed on the path through {}; {}", what,
                              flow.path_text(c.acq, r, c.fn), fix),
                  fix, {flow.path_related(c.acq, r)});
      return;
    case FlowResult::Kind::kOverwritten:
      pass.report(file, c.acq.call,
                  fmt::format("{} is overwritten by {} before being closed; close it first", what,
                              flow.path_text(c.acq, r, c.fn)),
                  "close it before acquiring the next one", {flow.path_related(c.acq, r)});
      return;
    default:
      return;
  }
}

}  // namespace oomguard::lint::rules
