// The control-flow graph builder, after golang.org/x/tools/go/cfg's builder: a current block
// receives statements until control splits; break/continue/fallthrough targets form a stack
// and labels a per-function table whose goto blocks are created on first mention.
#include "lint/cfg.h"

#include <algorithm>
#include <deque>
#include <string>

#include "go/parser.h"
#include "lint/semantic.h"
#include "lint/semantic_impl.h"

namespace oomguard::lint {

using ast::Kind;
using ast::Node;
using BK = CfgBlock::Kind;

class CfgBuilder {
 public:
  CfgBuilder(Cfg* g, const PackageInfo* info)
      : g_(*g), info_(info), floor_(detail::stack_floor()) {}

  void build(const ast::BlockStmt* body) {
    cur_ = new_block(BK::kEntry, nullptr);
    if (body != nullptr) stmt_list(body->list);
    cur_->exit = CfgBlock::Exit::kFallOffEnd;
    finish();
  }

 private:
  struct Targets {
    CfgBlock* brk = nullptr;
    CfgBlock* cont = nullptr;
    CfgBlock* fallthru = nullptr;
  };
  struct Label {
    std::string_view name;
    CfgBlock* go = nullptr;
    CfgBlock* brk = nullptr;
    CfgBlock* cont = nullptr;
  };

  CfgBlock* new_block(BK kind, const Node* stmt) {
    auto b = std::make_unique<CfgBlock>();
    b->index = static_cast<int>(g_.blocks_.size());
    b->kind = kind;
    b->stmt = stmt;
    g_.blocks_.push_back(std::move(b));
    return g_.blocks_.back().get();
  }
  void add(const Node* n) {
    if (n != nullptr) cur_->nodes.push_back(n);
  }
  void jump(CfgBlock* to) { cur_->succs.push_back(to); }
  void ifelse(CfgBlock* t, CfgBlock* f) {
    cur_->succs.push_back(t);
    cur_->succs.push_back(f);
  }

  Label* label(std::string_view name) {
    for (Label& l : labels_) {
      if (l.name == name) return &l;
    }
    labels_.push_back({name, new_block(BK::kLabel, nullptr), nullptr, nullptr});
    return &labels_.back();
  }

  void stmt_list(const ast::List<Node>& list) {
    for (const Node* s : list) stmt(s, nullptr);
  }

  void stmt(const Node* s, Label* lb) {
    if (s == nullptr) return;
    if (floor_ != nullptr && static_cast<const char*>(__builtin_frame_address(0)) < floor_) {
      add(s);  // absurdly deep nesting: kept whole rather than decomposed
      return;
    }
    switch (s->kind) {
      case Kind::LabeledStmt: {
        auto* ls = static_cast<const ast::LabeledStmt*>(s);
        if (ls->label == nullptr) {
          stmt(ls->stmt, nullptr);
          return;
        }
        Label* l = label(ls->label->name);
        l->go->stmt = ls;
        jump(l->go);
        cur_ = l->go;
        stmt(ls->stmt, l);
        return;
      }
      case Kind::ExprStmt: {
        add(s);
        const Node* x = static_cast<const ast::ExprStmt*>(s)->x;
        while (auto* p = ast::dyn_cast<ast::ParenExpr>(x)) x = p->x;
        auto* call = ast::dyn_cast<ast::CallExpr>(x);
        if (call != nullptr && is_no_return_call(call, info_)) {
          cur_->exit = CfgBlock::Exit::kNoReturnCall;
          cur_->exit_node = call;
          cur_ = new_block(BK::kUnreachable, s);
        }
        return;
      }
      case Kind::ReturnStmt:
        add(s);
        cur_->exit = CfgBlock::Exit::kReturn;
        cur_->exit_node = s;
        cur_ = new_block(BK::kUnreachable, s);
        return;
      case Kind::BranchStmt:
        add(s);
        branch(static_cast<const ast::BranchStmt*>(s));
        return;
      case Kind::BlockStmt:
        stmt_list(static_cast<const ast::BlockStmt*>(s)->list);
        return;
      case Kind::IfStmt:
        if_stmt(static_cast<const ast::IfStmt*>(s));
        return;
      case Kind::SwitchStmt:
        switch_stmt(static_cast<const ast::SwitchStmt*>(s), lb);
        return;
      case Kind::TypeSwitchStmt:
        type_switch_stmt(static_cast<const ast::TypeSwitchStmt*>(s), lb);
        return;
      case Kind::SelectStmt:
        select_stmt(static_cast<const ast::SelectStmt*>(s), lb);
        return;
      case Kind::ForStmt:
        for_stmt(static_cast<const ast::ForStmt*>(s), lb);
        return;
      case Kind::RangeStmt:
        range_stmt(static_cast<const ast::RangeStmt*>(s), lb);
        return;
      default:
        // BadStmt, DeclStmt, EmptyStmt, SendStmt, IncDecStmt, AssignStmt, GoStmt, DeferStmt:
        // no effect on control flow (deferred and spawned calls do not run here).
        add(s);
        return;
    }
  }

  void branch(const ast::BranchStmt* s) {
    CfgBlock* to = nullptr;
    switch (s->tok) {
      case go::Tok::BREAK:
        if (s->label != nullptr) {
          to = find_label(s->label->name, &Label::brk);
        } else {
          for (size_t i = targets_.size(); i-- > 0 && to == nullptr;) to = targets_[i].brk;
        }
        break;
      case go::Tok::CONTINUE:
        if (s->label != nullptr) {
          to = find_label(s->label->name, &Label::cont);
        } else {
          for (size_t i = targets_.size(); i-- > 0 && to == nullptr;) to = targets_[i].cont;
        }
        break;
      case go::Tok::FALLTHROUGH:
        if (!targets_.empty()) to = targets_.back().fallthru;
        break;
      case go::Tok::GOTO:
        if (s->label != nullptr) to = label(s->label->name)->go;
        break;
      default:
        break;
    }
    if (to != nullptr) jump(to);
    cur_ = new_block(BK::kUnreachable, s);
  }

  CfgBlock* find_label(std::string_view name, CfgBlock* Label::*which) {
    for (Label& l : labels_) {
      if (l.name == name) return l.*which;
    }
    return nullptr;
  }

  void if_stmt(const ast::IfStmt* s) {
    stmt(s->init, nullptr);
    CfgBlock* then = new_block(BK::kIfThen, s);
    CfgBlock* els = s->else_ != nullptr ? new_block(BK::kIfElse, s) : nullptr;
    CfgBlock* done = new_block(BK::kIfDone, s);
    add(s->cond);
    ifelse(then, els != nullptr ? els : done);
    cur_ = then;
    if (s->body != nullptr) stmt_list(s->body->list);
    jump(done);
    if (els != nullptr) {
      cur_ = els;
      stmt(s->else_, nullptr);
      jump(done);
    }
    cur_ = done;
  }

  // Case expressions are tested in source order, each in its own block; the default clause is
  // taken last, yet a fallthrough into or out of it follows the source order.
  void switch_stmt(const ast::SwitchStmt* s, Label* lb) {
    stmt(s->init, nullptr);
    add(s->tag);
    CfgBlock* done = new_block(BK::kSwitchDone, s);
    if (lb != nullptr) lb->brk = done;
    std::vector<const ast::CaseClause*> clauses;
    if (s->body != nullptr) {
      for (const Node* c : s->body->list) {
        if (auto* cc = ast::dyn_cast<ast::CaseClause>(c)) clauses.push_back(cc);
      }
    }
    std::vector<CfgBlock*> bodies;
    for (const ast::CaseClause* cc : clauses) bodies.push_back(new_block(BK::kSwitchCase, cc));
    const ast::CaseClause* default_clause = nullptr;
    size_t default_index = 0;
    for (size_t i = 0; i < clauses.size(); i++) {
      const ast::CaseClause* cc = clauses[i];
      if (cc->list.empty()) {
        default_clause = cc;
        default_index = i;
        continue;
      }
      for (const Node* e : cc->list) {
        CfgBlock* next = new_block(BK::kBody, cc);
        add(e);
        ifelse(bodies[i], next);
        cur_ = next;
      }
    }
    CfgBlock* tests_end = cur_;
    for (size_t i = 0; i < clauses.size(); i++) {
      cur_ = bodies[i];
      targets_.push_back({done, nullptr, i + 1 < clauses.size() ? bodies[i + 1] : done});
      stmt_list(clauses[i]->body);
      targets_.pop_back();
      jump(done);
    }
    cur_ = tests_end;
    jump(default_clause != nullptr ? bodies[default_index] : done);
    cur_ = done;
  }

  void type_switch_stmt(const ast::TypeSwitchStmt* s, Label* lb) {
    stmt(s->init, nullptr);
    add(s->assign);
    CfgBlock* done = new_block(BK::kSwitchDone, s);
    if (lb != nullptr) lb->brk = done;
    const ast::CaseClause* default_clause = nullptr;
    CfgBlock* default_body = nullptr;
    std::vector<std::pair<const ast::CaseClause*, CfgBlock*>> bodies;
    if (s->body != nullptr) {
      for (const Node* c : s->body->list) {
        auto* cc = ast::dyn_cast<ast::CaseClause>(c);
        if (cc == nullptr) continue;
        CfgBlock* body = new_block(BK::kSwitchCase, cc);
        bodies.emplace_back(cc, body);
        if (cc->list.empty()) {
          default_clause = cc;
          default_body = body;
          continue;
        }
        // The case types are not expressions evaluated here: one test per clause.
        CfgBlock* next = new_block(BK::kBody, cc);
        ifelse(body, next);
        cur_ = next;
      }
    }
    CfgBlock* tests_end = cur_;
    for (auto& [cc, body] : bodies) {
      cur_ = body;
      targets_.push_back({done, nullptr, nullptr});
      stmt_list(cc->body);
      targets_.pop_back();
      jump(done);
    }
    cur_ = tests_end;
    jump(default_clause != nullptr ? default_body : done);
    cur_ = done;
  }

  // Every comm clause (and default) is a successor of the select; with no clause at all the
  // select blocks forever and the block after it is unreachable.
  void select_stmt(const ast::SelectStmt* s, Label* lb) {
    CfgBlock* head = cur_;
    CfgBlock* done = new_block(BK::kSelectDone, s);
    if (lb != nullptr) lb->brk = done;
    if (s->body != nullptr) {
      for (const Node* c : s->body->list) {
        auto* cc = ast::dyn_cast<ast::CommClause>(c);
        if (cc == nullptr) continue;
        CfgBlock* body = new_block(BK::kSelectCase, cc);
        head->succs.push_back(body);
        cur_ = body;
        add(cc->comm);
        targets_.push_back({done, nullptr, nullptr});
        stmt_list(cc->body);
        targets_.pop_back();
        jump(done);
      }
    }
    cur_ = done;
  }

  void for_stmt(const ast::ForStmt* s, Label* lb) {
    stmt(s->init, nullptr);
    CfgBlock* cond = new_block(BK::kForCond, s);
    CfgBlock* body = new_block(BK::kForBody, s);
    CfgBlock* post = s->post != nullptr ? new_block(BK::kForPost, s) : nullptr;
    CfgBlock* done = new_block(BK::kForDone, s);
    CfgBlock* cont = post != nullptr ? post : cond;
    if (lb != nullptr) {
      lb->brk = done;
      lb->cont = cont;
    }
    jump(cond);
    cur_ = cond;
    if (s->cond != nullptr) {
      add(s->cond);
      ifelse(body, done);
    } else {
      jump(body);  // `for {}`: done is reached only by a break
    }
    cur_ = body;
    targets_.push_back({done, cont, nullptr});
    if (s->body != nullptr) stmt_list(s->body->list);
    targets_.pop_back();
    jump(cont);
    if (post != nullptr) {
      cur_ = post;
      stmt(s->post, nullptr);
      jump(cond);
    }
    cur_ = done;
  }

  void range_stmt(const ast::RangeStmt* s, Label* lb) {
    add(s->x);
    CfgBlock* head = new_block(BK::kRangeHead, s);
    CfgBlock* body = new_block(BK::kRangeBody, s);
    CfgBlock* done = new_block(BK::kRangeDone, s);
    if (lb != nullptr) {
      lb->brk = done;
      lb->cont = head;
    }
    jump(head);
    cur_ = head;
    ifelse(body, done);
    cur_ = body;
    targets_.push_back({done, head, nullptr});
    if (s->body != nullptr) stmt_list(s->body->list);
    targets_.pop_back();
    jump(head);
    cur_ = done;
  }

  void finish() {
    auto& blocks = g_.blocks_;
    for (auto& b : blocks) {
      for (CfgBlock* s : b->succs) s->preds.push_back(b.get());
    }
    std::vector<CfgBlock*> stack{blocks.front().get()};
    blocks.front()->live = true;
    while (!stack.empty()) {
      CfgBlock* b = stack.back();
      stack.pop_back();
      for (CfgBlock* s : b->succs) {
        if (!s->live) {
          s->live = true;
          stack.push_back(s);
        }
      }
    }
    auto& index = g_.index_;
    for (auto& b : blocks) {
      for (size_t i = 0; i < b->nodes.size(); i++) {
        index.push_back({b->nodes[i], {b.get(), static_cast<int>(i)}});
      }
    }
    std::sort(index.begin(), index.end(), [](const auto& a, const auto& b) {
      return std::less<const Node*>()(a.first, b.first);
    });
  }

  Cfg& g_;
  const PackageInfo* info_;
  const char* floor_;
  CfgBlock* cur_ = nullptr;
  std::vector<Targets> targets_;
  std::deque<Label> labels_;
};

namespace {

bool one_of(std::string_view s, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

}  // namespace

bool is_no_return_call(const ast::CallExpr* call, const PackageInfo* info) {
  if (call == nullptr) return false;
  const Node* fun = call->fun;
  while (auto* p = ast::dyn_cast<ast::ParenExpr>(fun)) fun = p->x;
  if (auto* id = ast::dyn_cast<ast::Ident>(fun)) {
    if (info != nullptr) {
      if (id->name == "panic") return info->object_of(id) == universe_object("panic");
      // A dot-imported os.Exit, log.Fatal, ...
      std::string_view path, name;
      if (!info->qualified_name(id, &path, &name)) return false;
      return (path == "os" && name == "Exit") || (path == "syscall" && name == "Exit") ||
             (path == "runtime" && name == "Goexit") ||
             (path == "log" &&
              one_of(name, {"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"}));
    }
    return id->name == "panic";
  }
  auto* sel = ast::dyn_cast<ast::SelectorExpr>(fun);
  if (sel == nullptr || sel->sel == nullptr) return false;
  std::string_view name = sel->sel->name;
  // Methods that end the goroutine on anything: testing.T/B/F/TB and loggers alike.
  if (one_of(name, {"Fatal", "Fatalf", "Fatalln", "FailNow", "SkipNow", "Skip", "Skipf"})) {
    return true;
  }
  std::string_view path;
  if (info != nullptr) {
    std::string_view n;
    if (!info->qualified_name(sel, &path, &n)) return false;
  } else {
    auto* x = ast::dyn_cast<ast::Ident>(sel->x);
    if (x == nullptr) return false;
    path = x->name;
  }
  if (name == "Exit") return path == "os" || path == "syscall";
  if (name == "Goexit") return path == "runtime";
  return path == "log" && one_of(name, {"Panic", "Panicf", "Panicln"});
}

std::unique_ptr<Cfg> Cfg::build(const ast::BlockStmt* body, const PackageInfo* info) {
  auto g = std::make_unique<Cfg>();
  CfgBuilder b(g.get(), info);
  b.build(body);
  return g;
}

std::vector<const CfgBlock*> Cfg::return_blocks() const {
  std::vector<const CfgBlock*> out;
  for (const auto& b : blocks_) {
    if (b->live && (b->exit == CfgBlock::Exit::kReturn || b->exit == CfgBlock::Exit::kFallOffEnd)) {
      out.push_back(b.get());
    }
  }
  return out;
}

std::pair<const CfgBlock*, int> Cfg::locate(const ast::Node* n) const {
  auto it = std::lower_bound(
      index_.begin(), index_.end(), n,
      [](const auto& e, const ast::Node* key) { return std::less<const Node*>()(e.first, key); });
  if (it == index_.end() || it->first != n) return {nullptr, -1};
  return it->second;
}

namespace {

std::string_view block_kind_name(BK k) {
  switch (k) {
    case BK::kEntry:
      return "Entry";
    case BK::kBody:
      return "Body";
    case BK::kIfThen:
      return "IfThen";
    case BK::kIfElse:
      return "IfElse";
    case BK::kIfDone:
      return "IfDone";
    case BK::kForCond:
      return "ForCond";
    case BK::kForBody:
      return "ForBody";
    case BK::kForPost:
      return "ForPost";
    case BK::kForDone:
      return "ForDone";
    case BK::kRangeHead:
      return "RangeHead";
    case BK::kRangeBody:
      return "RangeBody";
    case BK::kRangeDone:
      return "RangeDone";
    case BK::kSwitchCase:
      return "SwitchCase";
    case BK::kSwitchDone:
      return "SwitchDone";
    case BK::kSelectCase:
      return "SelectCase";
    case BK::kSelectDone:
      return "SelectDone";
    case BK::kLabel:
      return "Label";
    case BK::kUnreachable:
      return "Unreachable";
  }
  return "?";
}

}  // namespace

std::string Cfg::dump(const go::ParsedFile& file) const {
  std::string out;
  for (const auto& b : blocks_) {
    out += std::to_string(b->index);
    out += ' ';
    out += block_kind_name(b->kind);
    if (!b->live) out += " (dead)";
    out += ':';
    for (const Node* n : b->nodes) {
      out += ' ';
      out += ast::kind_name(n->kind);
      out += '@';
      out += std::to_string(file.position(ast::node_pos(n)).line);
    }
    out += " ->";
    for (const CfgBlock* s : b->succs) {
      out += ' ';
      out += std::to_string(s->index);
    }
    switch (b->exit) {
      case CfgBlock::Exit::kNone:
        break;
      case CfgBlock::Exit::kReturn:
        out += " [return]";
        break;
      case CfgBlock::Exit::kNoReturnCall:
        out += " [no-return call]";
        break;
      case CfgBlock::Exit::kFallOffEnd:
        out += " [end]";
        break;
    }
    out += '\n';
  }
  return out;
}

}  // namespace oomguard::lint
