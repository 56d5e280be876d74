// Statements: simple statements, go/defer/return/branch, blocks, if/switch/select/for.
#include <string>

#include "go/parser_impl.h"

namespace oomguard::go::detail {

using namespace ast;  // NOLINT(google-build-using-namespace)

void Parser::parse_stmt_list() {
  while (tk_.tok != Tok::CASE && tk_.tok != Tok::DEFAULT && tk_.tok != Tok::RBRACE &&
         tk_.tok != Tok::EOF_) {
    push(parse_stmt());
  }
}

BlockStmt* Parser::parse_body() {
  Pos lbrace = expect(Tok::LBRACE);
  size_t m = mark();
  parse_stmt_list();
  Pos rbrace = expect2(Tok::RBRACE);
  auto* b = make<BlockStmt>();
  b->lbrace = lbrace;
  b->list = take<Stmt>(m);
  b->rbrace = rbrace;
  return b;
}

BlockStmt* Parser::parse_block_stmt() { return parse_body(); }

Stmt* Parser::parse_simple_stmt(int mode, bool* is_range_out) {
  if (is_range_out != nullptr) *is_range_out = false;
  List<Expr> x = parse_list(false);
  switch (tk_.tok) {
    case Tok::DEFINE:
    case Tok::ASSIGN:
    case Tok::ADD_ASSIGN:
    case Tok::SUB_ASSIGN:
    case Tok::MUL_ASSIGN:
    case Tok::QUO_ASSIGN:
    case Tok::REM_ASSIGN:
    case Tok::AND_ASSIGN:
    case Tok::OR_ASSIGN:
    case Tok::XOR_ASSIGN:
    case Tok::SHL_ASSIGN:
    case Tok::SHR_ASSIGN:
    case Tok::AND_NOT_ASSIGN: {
      // assignment statement, possibly part of a range clause
      Pos pos = tk_.pos;
      Tok tok = tk_.tok;
      next();
      List<Expr> y;
      bool is_range = false;
      if (mode == kRangeOk && tk_.tok == Tok::RANGE && (tok == Tok::DEFINE || tok == Tok::ASSIGN)) {
        Pos rpos = tk_.pos;
        next();
        auto* u = make<UnaryExpr>();
        u->op_pos = rpos;
        u->op = Tok::RANGE;
        u->x = parse_rhs();
        y = list_of<Expr>(u);
        is_range = true;
      } else {
        y = parse_list(true);
      }
      auto* as = make<AssignStmt>();
      as->lhs = x;
      as->tok_pos = pos;
      as->tok = tok;
      as->rhs = y;
      if (tok == Tok::DEFINE) check_assign_stmt(as);
      if (is_range_out != nullptr) *is_range_out = is_range;
      return as;
    }
    default:
      break;
  }
  if (x.size() > 1) {
    error_expected(node_pos(x[0]), "1 expression");
    // continue with first expression
  }
  switch (tk_.tok) {
    case Tok::COLON: {
      // labeled statement
      Pos colon = tk_.pos;
      next();
      if (auto* label = dyn_cast<Ident>(x[0]); mode == kLabelOk && label != nullptr) {
        // Go spec: The scope of a label is the body of the function in which it is declared
        // and excludes the body of any nested function.
        auto* s = make<LabeledStmt>();
        s->label = label;
        s->colon = colon;
        s->stmt = parse_stmt();
        return s;
      }
      // The label declaration typically starts at x[0].Pos(), but the label declaration may
      // be erroneous due to a token after that position (and before the ':'). If seen in
      // that order, the error is reported at that token.
      error(colon, "illegal label declaration");
      auto* bad = make<BadStmt>();
      bad->from = node_pos(x[0]);
      bad->to = colon + 1;
      return bad;
    }
    case Tok::ARROW: {
      // send statement
      Pos arrow = tk_.pos;
      next();
      Expr* y = parse_rhs();
      auto* s = make<SendStmt>();
      s->chan = x[0];
      s->arrow = arrow;
      s->value = y;
      return s;
    }
    case Tok::INC:
    case Tok::DEC: {
      // increment or decrement
      auto* s = make<IncDecStmt>();
      s->x = x[0];
      s->tok_pos = tk_.pos;
      s->tok = tk_.tok;
      next();
      return s;
    }
    default:
      break;
  }
  // expression
  auto* s = make<ExprStmt>();
  s->x = x[0];
  return s;
}

void Parser::check_assign_stmt(AssignStmt* as) {
  for (Expr* x : as->lhs) {
    if (!isa<Ident>(x)) error_expected(node_pos(x), "identifier on left side of :=");
  }
}

CallExpr* Parser::parse_call_expr(std::string_view call_type) {
  Expr* x = parse_rhs_or_type();  // could be a conversion: (some type)(x)
  if (auto* call = dyn_cast<CallExpr>(x)) return call;
  if (!isa<BadExpr>(x)) {
    // only report error if it's a new one
    error(safe_pos(node_end(x)),
          "function must be invoked in " + std::string(call_type) + " statement");
  }
  return nullptr;
}

Stmt* Parser::parse_go_stmt() {
  Pos pos = expect(Tok::GO);
  CallExpr* call = parse_call_expr("go");
  expect_semi();
  if (call == nullptr) {
    auto* bad = make<BadStmt>();
    bad->from = pos;
    bad->to = pos + 2;  // len("go")
    return bad;
  }
  auto* s = make<GoStmt>();
  s->go = pos;
  s->call = call;
  return s;
}

Stmt* Parser::parse_defer_stmt() {
  Pos pos = expect(Tok::DEFER);
  CallExpr* call = parse_call_expr("defer");
  expect_semi();
  if (call == nullptr) {
    auto* bad = make<BadStmt>();
    bad->from = pos;
    bad->to = pos + 5;  // len("defer")
    return bad;
  }
  auto* s = make<DeferStmt>();
  s->defer = pos;
  s->call = call;
  return s;
}

Stmt* Parser::parse_return_stmt() {
  Pos pos = tk_.pos;
  expect(Tok::RETURN);
  List<Expr> x;
  if (tk_.tok != Tok::SEMICOLON && tk_.tok != Tok::RBRACE) x = parse_list(true);
  expect_semi();
  auto* s = make<ReturnStmt>();
  s->return_pos = pos;
  s->results = x;
  return s;
}

Stmt* Parser::parse_branch_stmt(Tok tok) {
  Pos pos = expect(tok);
  Ident* label = nullptr;
  if (tok != Tok::FALLTHROUGH && tk_.tok == Tok::IDENT) label = parse_ident();
  expect_semi();
  auto* s = make<BranchStmt>();
  s->tok_pos = pos;
  s->tok = tok;
  s->label = label;
  return s;
}

Expr* Parser::make_expr(Stmt* s, std::string_view want) {
  if (s == nullptr) return nullptr;
  if (auto* es = dyn_cast<ExprStmt>(s)) return check_expr(es->x);
  std::string_view found = isa<AssignStmt>(s) ? "assignment" : "simple statement";
  error(node_pos(s), "expected " + std::string(want) + ", found " + std::string(found) +
                         " (missing parentheses around composite literal?)");
  auto* bad = make<BadExpr>();
  bad->from = node_pos(s);
  bad->to = safe_pos(node_end(s));
  return bad;
}

void Parser::parse_if_header(Stmt** init_out, Expr** cond_out) {
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  if (tk_.tok == Tok::LBRACE) {
    error(tk_.pos, "missing condition in if statement");
    auto* bad = make<BadExpr>();
    bad->from = tk_.pos;
    bad->to = tk_.pos;
    *init_out = nullptr;
    *cond_out = bad;
    return;
  }
  // tk_.tok != LBRACE
  int prev_lev = expr_lev_;
  expr_lev_ = -1;
  if (tk_.tok != Tok::SEMICOLON) {
    // accept potential variable declaration but complain
    if (tk_.tok == Tok::VAR) {
      next();
      error(tk_.pos, "var declaration not allowed in 'IF' initializer");
    }
    init = parse_simple_stmt(kBasic, nullptr);
  }
  Stmt* cond_stmt = nullptr;
  Pos semi_pos = kNoPos;
  std::string_view semi_lit;
  if (tk_.tok != Tok::LBRACE) {
    if (tk_.tok == Tok::SEMICOLON) {
      semi_pos = tk_.pos;
      semi_lit = tk_.lit();
      next();
    } else {
      expect(Tok::SEMICOLON);
    }
    if (tk_.tok != Tok::LBRACE) cond_stmt = parse_simple_stmt(kBasic, nullptr);
  } else {
    cond_stmt = init;
    init = nullptr;
  }
  if (cond_stmt != nullptr) {
    cond = make_expr(cond_stmt, "boolean expression");
  } else if (semi_pos != kNoPos) {
    if (semi_lit == "\n") {
      error(semi_pos, "unexpected newline, expecting { after if clause");
    } else {
      error(semi_pos, "missing condition in if statement");
    }
  }
  // make sure we have a valid AST
  if (cond == nullptr) {
    auto* bad = make<BadExpr>();
    bad->from = tk_.pos;
    bad->to = tk_.pos;
    cond = bad;
  }
  expr_lev_ = prev_lev;
  *init_out = init;
  *cond_out = cond;
}

IfStmt* Parser::parse_if_stmt() {
  NestGuard guard(this);
  Pos pos = expect(Tok::IF);
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  parse_if_header(&init, &cond);
  BlockStmt* body = parse_block_stmt();
  Stmt* else_ = nullptr;
  if (tk_.tok == Tok::ELSE) {
    next();
    switch (tk_.tok) {
      case Tok::IF:
        else_ = parse_if_stmt();
        break;
      case Tok::LBRACE:
        else_ = parse_block_stmt();
        expect_semi();
        break;
      default: {
        error_expected(tk_.pos, "if statement or block");
        auto* bad = make<BadStmt>();
        bad->from = tk_.pos;
        bad->to = tk_.pos;
        else_ = bad;
      }
    }
  } else {
    expect_semi();
  }
  auto* s = make<IfStmt>();
  s->if_pos = pos;
  s->init = init;
  s->cond = cond;
  s->body = body;
  s->else_ = else_;
  return s;
}

CaseClause* Parser::parse_case_clause(bool type_switch) {
  Pos pos = tk_.pos;
  List<Expr> list;
  if (tk_.tok == Tok::CASE) {
    next();
    if (type_switch) {
      size_t m = mark();
      push(parse_type());
      while (tk_.tok == Tok::COMMA) {
        next();
        push(parse_type());
      }
      list = take<Expr>(m);
    } else {
      list = parse_list(true);
    }
  } else {
    expect(Tok::DEFAULT);
  }
  Pos colon = expect(Tok::COLON);
  size_t m = mark();
  parse_stmt_list();
  auto* c = make<CaseClause>();
  c->case_pos = pos;
  c->list = list;
  c->colon = colon;
  c->body = take<Stmt>(m);
  return c;
}

namespace {

bool is_type_switch_assert(Expr* x) {
  auto* a = dyn_cast<TypeAssertExpr>(x);
  return a != nullptr && a->type == nullptr;
}

}  // namespace

bool Parser::is_type_switch_guard(Stmt* s) {
  if (s == nullptr) return false;
  if (auto* t = dyn_cast<ExprStmt>(s)) return is_type_switch_assert(t->x);  // x.(type)
  if (auto* t = dyn_cast<AssignStmt>(s)) {
    // v := x.(type)
    if (t->lhs.size() == 1 && t->rhs.size() == 1 && is_type_switch_assert(t->rhs[0])) {
      switch (t->tok) {
        case Tok::ASSIGN:
          // permit v = x.(type) but complain
          error(t->tok_pos, "expected ':=', found '='");
          return true;
        case Tok::DEFINE:
          return true;
        default:
          break;
      }
    }
  }
  return false;
}

Stmt* Parser::parse_switch_stmt() {
  Pos pos = expect(Tok::SWITCH);
  Stmt* s1 = nullptr;
  Stmt* s2 = nullptr;
  if (tk_.tok != Tok::LBRACE) {
    int prev_lev = expr_lev_;
    expr_lev_ = -1;
    if (tk_.tok != Tok::SEMICOLON) s2 = parse_simple_stmt(kBasic, nullptr);
    if (tk_.tok == Tok::SEMICOLON) {
      next();
      s1 = s2;
      s2 = nullptr;
      if (tk_.tok != Tok::LBRACE) {
        // A TypeSwitchGuard may declare a variable in addition to the variable declared in
        // the initial SimpleStmt. Introduce extra scope to avoid redeclaration errors:
        s2 = parse_simple_stmt(kBasic, nullptr);
      }
    }
    expr_lev_ = prev_lev;
  }
  bool type_switch = is_type_switch_guard(s2);
  Pos lbrace = expect(Tok::LBRACE);
  size_t m = mark();
  while (tk_.tok == Tok::CASE || tk_.tok == Tok::DEFAULT) push(parse_case_clause(type_switch));
  Pos rbrace = expect(Tok::RBRACE);
  expect_semi();
  auto* body = make<BlockStmt>();
  body->lbrace = lbrace;
  body->list = take<Stmt>(m);
  body->rbrace = rbrace;
  if (type_switch) {
    auto* s = make<TypeSwitchStmt>();
    s->switch_pos = pos;
    s->init = s1;
    s->assign = s2;
    s->body = body;
    return s;
  }
  auto* s = make<SwitchStmt>();
  s->switch_pos = pos;
  s->init = s1;
  s->tag = make_expr(s2, "switch expression");
  s->body = body;
  return s;
}

CommClause* Parser::parse_comm_clause() {
  Pos pos = tk_.pos;
  Stmt* comm = nullptr;
  if (tk_.tok == Tok::CASE) {
    next();
    List<Expr> lhs = parse_list(false);
    if (tk_.tok == Tok::ARROW) {
      // SendStmt
      if (lhs.size() > 1) error_expected(node_pos(lhs[0]), "1 expression");
      Pos arrow = tk_.pos;
      next();
      Expr* rhs = parse_rhs();
      auto* s = make<SendStmt>();
      s->chan = lhs[0];
      s->arrow = arrow;
      s->value = rhs;
      comm = s;
    } else {
      // RecvStmt
      Tok tok = tk_.tok;
      if (tok == Tok::ASSIGN || tok == Tok::DEFINE) {
        // RecvStmt with assignment
        if (lhs.size() > 2) {
          error_expected(node_pos(lhs[0]), "1 or 2 expressions");
          lhs.count = 2;  // continue with first 2 expressions
        }
        Pos apos = tk_.pos;
        next();
        Expr* rhs = parse_rhs();
        auto* as = make<AssignStmt>();
        as->lhs = lhs;
        as->tok_pos = apos;
        as->tok = tok;
        as->rhs = list_of<Expr>(rhs);
        if (tok == Tok::DEFINE) check_assign_stmt(as);
        comm = as;
      } else {
        // lhs must be single receive operation
        if (lhs.size() > 1) error_expected(node_pos(lhs[0]), "1 expression");
        auto* es = make<ExprStmt>();
        es->x = lhs[0];
        comm = es;
      }
    }
  } else {
    expect(Tok::DEFAULT);
  }
  Pos colon = expect(Tok::COLON);
  size_t m = mark();
  parse_stmt_list();
  auto* c = make<CommClause>();
  c->case_pos = pos;
  c->comm = comm;
  c->colon = colon;
  c->body = take<Stmt>(m);
  return c;
}

Stmt* Parser::parse_select_stmt() {
  Pos pos = expect(Tok::SELECT);
  Pos lbrace = expect(Tok::LBRACE);
  size_t m = mark();
  while (tk_.tok == Tok::CASE || tk_.tok == Tok::DEFAULT) push(parse_comm_clause());
  Pos rbrace = expect(Tok::RBRACE);
  expect_semi();
  auto* body = make<BlockStmt>();
  body->lbrace = lbrace;
  body->list = take<Stmt>(m);
  body->rbrace = rbrace;
  auto* s = make<SelectStmt>();
  s->select_pos = pos;
  s->body = body;
  return s;
}

Stmt* Parser::parse_for_stmt() {
  Pos pos = expect(Tok::FOR);
  Stmt* s1 = nullptr;
  Stmt* s2 = nullptr;
  Stmt* s3 = nullptr;
  bool is_range = false;
  if (tk_.tok != Tok::LBRACE) {
    int prev_lev = expr_lev_;
    expr_lev_ = -1;
    if (tk_.tok != Tok::SEMICOLON) {
      if (tk_.tok == Tok::RANGE) {
        // "for range x" (nil lhs in assignment)
        Pos rpos = tk_.pos;
        next();
        auto* u = make<UnaryExpr>();
        u->op_pos = rpos;
        u->op = Tok::RANGE;
        u->x = parse_rhs();
        auto* as = make<AssignStmt>();
        as->rhs = list_of<Expr>(u);
        s2 = as;
        is_range = true;
      } else {
        s2 = parse_simple_stmt(kRangeOk, &is_range);
      }
    }
    if (!is_range && tk_.tok == Tok::SEMICOLON) {
      next();
      s1 = s2;
      s2 = nullptr;
      if (tk_.tok != Tok::SEMICOLON) s2 = parse_simple_stmt(kBasic, nullptr);
      expect_semi();
      if (tk_.tok != Tok::LBRACE) s3 = parse_simple_stmt(kBasic, nullptr);
    }
    expr_lev_ = prev_lev;
  }
  BlockStmt* body = parse_block_stmt();
  expect_semi();
  if (is_range) {
    auto* as = static_cast<AssignStmt*>(s2);
    // check lhs
    Expr* key = nullptr;
    Expr* value = nullptr;
    switch (as->lhs.size()) {
      case 0:
        // nothing to do
        break;
      case 1:
        key = as->lhs[0];
        break;
      case 2:
        key = as->lhs[0];
        value = as->lhs[1];
        break;
      default: {
        error_expected(node_pos(as->lhs.back()), "at most 2 expressions");
        auto* bad = make<BadStmt>();
        bad->from = pos;
        bad->to = safe_pos(node_end(body));
        return bad;
      }
    }
    // parse_simple_stmt returned a right-hand side that is a single unary expression of the
    // form "range x"
    auto* r = make<RangeStmt>();
    r->for_pos = pos;
    r->key = key;
    r->value = value;
    r->tok_pos = as->tok_pos;
    r->tok = as->tok;
    r->x = static_cast<UnaryExpr*>(as->rhs[0])->x;
    r->body = body;
    return r;
  }
  // regular for statement
  auto* f = make<ForStmt>();
  f->for_pos = pos;
  f->init = s1;
  f->cond = make_expr(s2, "boolean or range expression");
  f->post = s3;
  f->body = body;
  return f;
}

Stmt* Parser::parse_stmt() {
  NestGuard guard(this);
  switch (tk_.tok) {
    case Tok::CONST:
    case Tok::TYPE:
    case Tok::VAR: {
      auto* s = make<DeclStmt>();
      s->decl = parse_decl(TokSet::kStmtStart);
      return s;
    }
    case Tok::IDENT:
    case Tok::INT:
    case Tok::FLOAT:
    case Tok::IMAG:
    case Tok::CHAR:
    case Tok::STRING:
    case Tok::FUNC:
    case Tok::LPAREN:  // operands
    case Tok::LBRACK:
    case Tok::STRUCT:
    case Tok::MAP:
    case Tok::CHAN:
    case Tok::INTERFACE:  // composite types
    case Tok::ADD:
    case Tok::SUB:
    case Tok::MUL:
    case Tok::AND:
    case Tok::XOR:
    case Tok::ARROW:
    case Tok::NOT: {  // unary operators
      Stmt* s = parse_simple_stmt(kLabelOk, nullptr);
      // because of the required look-ahead, labeled statements are parsed by
      // parse_simple_stmt - don't expect a semicolon after them
      if (!isa<LabeledStmt>(s)) expect_semi();
      return s;
    }
    case Tok::GO:
      return parse_go_stmt();
    case Tok::DEFER:
      return parse_defer_stmt();
    case Tok::RETURN:
      return parse_return_stmt();
    case Tok::BREAK:
    case Tok::CONTINUE:
    case Tok::GOTO:
    case Tok::FALLTHROUGH:
      return parse_branch_stmt(tk_.tok);
    case Tok::LBRACE: {
      Stmt* s = parse_block_stmt();
      expect_semi();
      return s;
    }
    case Tok::IF:
      return parse_if_stmt();
    case Tok::SWITCH:
      return parse_switch_stmt();
    case Tok::SELECT:
      return parse_select_stmt();
    case Tok::FOR:
      return parse_for_stmt();
    case Tok::SEMICOLON: {
      // Is it ever possible to have an implicit semicolon producing an empty statement in a
      // valid program? (go/parser asks the same.)
      auto* s = make<EmptyStmt>();
      s->semicolon = tk_.pos;
      s->implicit = tk_.lit() == "\n";
      next();
      return s;
    }
    case Tok::RBRACE: {
      // a semicolon may be omitted before a closing "}"
      auto* s = make<EmptyStmt>();
      s->semicolon = tk_.pos;
      s->implicit = true;
      return s;
    }
    default: {
      // no statement found
      Pos pos = tk_.pos;
      error_expected(pos, "statement");
      advance(TokSet::kStmtStart);
      auto* s = make<BadStmt>();
      s->from = pos;
      s->to = tk_.pos;
      return s;
    }
  }
}

}  // namespace oomguard::go::detail
