// Expressions: operands, primary expressions (selectors, index/slice/instantiation, calls,
// composite literals), unary and binary expressions.
#include "go/parser_impl.h"

namespace oomguard::go::detail {

using namespace ast;  // NOLINT(google-build-using-namespace): node names as in go/parser

Ident* Parser::parse_ident() {
  Pos pos = tk_.pos;
  std::string_view name = "_";
  if (tk_.tok == Tok::IDENT) {
    name = tk_.lit();
    next();
  } else {
    expect(Tok::IDENT);  // use expect() error handling
  }
  auto* id = make<Ident>();
  id->name_pos = pos;
  id->name = name;
  return id;
}

void Parser::parse_ident_list() {
  push(parse_ident());
  while (tk_.tok == Tok::COMMA) {
    next();
    push(parse_ident());
  }
}

void Parser::parse_expr_list() {
  push(check_expr(parse_expr()));
  while (tk_.tok == Tok::COMMA) {
    next();
    push(check_expr(parse_expr()));
  }
}

List<Expr> Parser::parse_list(bool in_rhs) {
  bool old = in_rhs_;
  in_rhs_ = in_rhs;
  size_t m = mark();
  parse_expr_list();
  in_rhs_ = old;
  return take<Expr>(m);
}

Expr* Parser::parse_func_type_or_lit() {
  FuncType* typ = parse_func_type();
  if (tk_.tok != Tok::LBRACE) return typ;  // function type only
  expr_lev_++;
  BlockStmt* body = parse_body();
  expr_lev_--;
  auto* lit = make<FuncLit>();
  lit->type = typ;
  lit->body = body;
  return lit;
}

Expr* Parser::parse_operand() {
  switch (tk_.tok) {
    case Tok::IDENT:
      return parse_ident();
    case Tok::INT:
    case Tok::FLOAT:
    case Tok::IMAG:
    case Tok::CHAR:
    case Tok::STRING: {
      auto* x = make<BasicLit>();
      x->value_pos = tk_.pos;
      x->tok = tk_.tok;
      x->value = tk_.lit();
      next();
      return x;
    }
    case Tok::LPAREN: {
      Pos lparen = tk_.pos;
      next();
      expr_lev_++;
      Expr* x = parse_rhs_or_type();  // types may be parenthesized: (some type)
      expr_lev_--;
      Pos rparen = expect(Tok::RPAREN);
      auto* p = make<ParenExpr>();
      p->lparen = lparen;
      p->x = x;
      p->rparen = rparen;
      return p;
    }
    case Tok::FUNC:
      return parse_func_type_or_lit();
    default:
      break;
  }
  if (Expr* typ = try_ident_or_type()) return typ;  // do not consume trailing type parameters
  Pos pos = tk_.pos;
  error_expected(pos, "operand");
  advance(TokSet::kStmtStart);
  auto* bad = make<BadExpr>();
  bad->from = pos;
  bad->to = tk_.pos;
  return bad;
}

Expr* Parser::parse_selector(Expr* x) {
  Ident* sel = parse_ident();
  auto* s = make<SelectorExpr>();
  s->x = x;
  s->sel = sel;
  return s;
}

Expr* Parser::parse_type_assertion(Expr* x) {
  Pos lparen = expect(Tok::LPAREN);
  Expr* typ = nullptr;
  if (tk_.tok == Tok::TYPE) {
    next();  // type switch: typ == nullptr
  } else {
    typ = parse_type();
  }
  Pos rparen = expect(Tok::RPAREN);
  auto* t = make<TypeAssertExpr>();
  t->x = x;
  t->type = typ;
  t->lparen = lparen;
  t->rparen = rparen;
  return t;
}

Expr* Parser::pack_index_expr(Expr* x, Pos lbrack, size_t args_mark, Pos rbrack) {
  if (scratch_.size() - args_mark == 1) {
    auto* ix = make<IndexExpr>();
    ix->x = x;
    ix->lbrack = lbrack;
    ix->index = scratch_.back();
    ix->rbrack = rbrack;
    scratch_.pop_back();
    return ix;
  }
  auto* ix = make<IndexListExpr>();
  ix->x = x;
  ix->lbrack = lbrack;
  ix->indices = take<Expr>(args_mark);
  ix->rbrack = rbrack;
  return ix;
}

Expr* Parser::parse_index_or_slice_or_instance(Expr* x) {
  Pos lbrack = expect(Tok::LBRACK);
  if (tk_.tok == Tok::RBRACK) {
    // empty index, slice or index expressions are not permitted; accept them for parsing
    // tolerance, but complain
    error_expected(tk_.pos, "operand");
    Pos rbrack = tk_.pos;
    next();
    auto* bad = make<BadExpr>();
    bad->from = rbrack;
    bad->to = rbrack;
    auto* ix = make<IndexExpr>();
    ix->x = x;
    ix->lbrack = lbrack;
    ix->index = bad;
    ix->rbrack = rbrack;
    return ix;
  }
  expr_lev_++;
  constexpr int N = 3;
  Expr* index[N] = {nullptr, nullptr, nullptr};
  Pos colons[N - 1] = {kNoPos, kNoPos};
  size_t args_mark = mark();
  bool have_args = false;
  if (tk_.tok != Tok::COLON) index[0] = parse_rhs_or_type();
  int ncolons = 0;
  switch (tk_.tok) {
    case Tok::COLON:
      // slice expression
      while (tk_.tok == Tok::COLON && ncolons < N - 1) {
        colons[ncolons] = tk_.pos;
        ncolons++;
        next();
        if (tk_.tok != Tok::COLON && tk_.tok != Tok::RBRACK && tk_.tok != Tok::EOF_) {
          index[ncolons] = parse_rhs();
        }
      }
      break;
    case Tok::COMMA:
      // instance expression
      have_args = true;
      push(index[0]);
      while (tk_.tok == Tok::COMMA) {
        next();
        if (tk_.tok != Tok::RBRACK && tk_.tok != Tok::EOF_) push(parse_type());
      }
      break;
    default:
      break;
  }
  expr_lev_--;
  Pos rbrack = expect(Tok::RBRACK);
  if (ncolons > 0) {
    bool slice3 = false;
    if (ncolons == 2) {
      slice3 = true;
      if (index[1] == nullptr) {
        error(colons[0], "2nd index required in 3-index slice");
        auto* bad = make<BadExpr>();
        bad->from = colons[0] + 1;
        bad->to = colons[1];
        index[1] = bad;
      }
      if (index[2] == nullptr) {
        error(colons[1], "3rd index required in 3-index slice");
        auto* bad = make<BadExpr>();
        bad->from = colons[1] + 1;
        bad->to = rbrack;
        index[2] = bad;
      }
    }
    auto* s = make<SliceExpr>();
    s->x = x;
    s->lbrack = lbrack;
    s->low = index[0];
    s->high = index[1];
    s->max = index[2];
    s->slice3 = slice3;
    s->rbrack = rbrack;
    return s;
  }
  if (!have_args) {
    auto* ix = make<IndexExpr>();
    ix->x = x;
    ix->lbrack = lbrack;
    ix->index = index[0];
    ix->rbrack = rbrack;
    return ix;
  }
  return pack_index_expr(x, lbrack, args_mark, rbrack);
}

CallExpr* Parser::parse_call_or_conversion(Expr* fun) {
  Pos lparen = expect(Tok::LPAREN);
  expr_lev_++;
  size_t m = mark();
  Pos ellipsis = kNoPos;
  while (tk_.tok != Tok::RPAREN && tk_.tok != Tok::EOF_ && ellipsis == kNoPos) {
    push(parse_rhs_or_type());  // builtins may expect a type: make(some type, ...)
    if (tk_.tok == Tok::ELLIPSIS) {
      ellipsis = tk_.pos;
      next();
    }
    if (!at_comma("argument list", Tok::RPAREN)) break;
    next();
  }
  expr_lev_--;
  Pos rparen = expect_closing(Tok::RPAREN, "argument list");
  auto* c = make<CallExpr>();
  c->fun = fun;
  c->lparen = lparen;
  c->args = take<Expr>(m);
  c->ellipsis = ellipsis;
  c->rparen = rparen;
  return c;
}

Expr* Parser::parse_value() {
  if (tk_.tok == Tok::LBRACE) return parse_literal_value(nullptr);
  return check_expr(parse_expr());
}

Expr* Parser::parse_element() {
  Expr* x = parse_value();
  if (tk_.tok == Tok::COLON) {
    Pos colon = tk_.pos;
    next();
    auto* kv = make<KeyValueExpr>();
    kv->key = x;
    kv->colon = colon;
    kv->value = parse_value();
    x = kv;
  }
  return x;
}

Expr* Parser::parse_literal_value(Expr* type) {
  Pos lbrace = expect(Tok::LBRACE);
  size_t m = mark();
  expr_lev_++;
  if (tk_.tok != Tok::RBRACE) {
    while (tk_.tok != Tok::RBRACE && tk_.tok != Tok::EOF_) {
      push(parse_element());
      if (!at_comma("composite literal", Tok::RBRACE)) break;
      next();
    }
  }
  expr_lev_--;
  Pos rbrace = expect_closing(Tok::RBRACE, "composite literal");
  auto* c = make<CompositeLit>();
  c->type = type;
  c->lbrace = lbrace;
  c->elts = take<Expr>(m);
  c->rbrace = rbrace;
  return c;
}

namespace {

Expr* unparen(Expr* x) {
  while (auto* p = dyn_cast<ParenExpr>(x)) x = p->x;
  return x;
}

}  // namespace

Expr* Parser::check_expr(Expr* x) {
  Expr* u = unparen(x);
  switch (u->kind) {
    case Kind::BadExpr:
    case Kind::Ident:
    case Kind::BasicLit:
    case Kind::FuncLit:
    case Kind::CompositeLit:
    case Kind::SelectorExpr:
    case Kind::IndexExpr:
    case Kind::IndexListExpr:
    case Kind::SliceExpr:
    case Kind::TypeAssertExpr:
    case Kind::CallExpr:
    case Kind::StarExpr:
    case Kind::UnaryExpr:
    case Kind::BinaryExpr:
      return x;
    default: {
      // all other nodes are not proper expressions
      error_expected(node_pos(x), "expression");
      auto* bad = make<BadExpr>();
      bad->from = node_pos(x);
      bad->to = safe_pos(node_end(x));
      return bad;
    }
  }
}

Expr* Parser::check_expr_or_type(Expr* x) {
  if (auto* t = dyn_cast<ArrayType>(unparen(x))) {
    if (auto* len = dyn_cast<Ellipsis>(t->len)) {
      error(len->ellipsis, "expected array length, found '...'");
      auto* bad = make<BadExpr>();
      bad->from = node_pos(x);
      bad->to = safe_pos(node_end(x));
      return bad;
    }
  }
  // all other nodes are expressions or types
  return x;
}

Expr* Parser::parse_primary_expr(Expr* x) {
  if (x == nullptr) x = parse_operand();
  // go/parser counts one nesting level per suffix; undo them all on the way out.
  int n = 0;
  struct Undo {
    int& lev;
    int& n;
    ~Undo() { lev -= n; }
  } undo{nest_lev_, n};
  for (n = 1;; n++) {
    inc_nest();
    switch (tk_.tok) {
      case Tok::PERIOD:
        next();
        switch (tk_.tok) {
          case Tok::IDENT:
            x = parse_selector(check_expr_or_type(x));
            break;
          case Tok::LPAREN:
            x = parse_type_assertion(check_expr(x));
            break;
          default: {
            Pos pos = tk_.pos;
            error_expected(pos, "selector or type assertion");
            // TODO(go/parser): for better error recovery, don't consume } here
            if (tk_.tok != Tok::RBRACE) next();  // make progress
            auto* sel = make<Ident>();
            sel->name_pos = pos;
            sel->name = "_";
            auto* s = make<SelectorExpr>();
            s->x = x;
            s->sel = sel;
            x = s;
          }
        }
        break;
      case Tok::LBRACK:
        x = parse_index_or_slice_or_instance(check_expr(x));
        break;
      case Tok::LPAREN:
        x = parse_call_or_conversion(check_expr_or_type(x));
        break;
      case Tok::LBRACE: {
        // operand may have returned a parenthesized complit type; accept it but complain if
        // we have a complit
        Expr* t = unparen(x);
        switch (t->kind) {
          case Kind::BadExpr:
          case Kind::Ident:
          case Kind::SelectorExpr:
          case Kind::IndexExpr:
          case Kind::IndexListExpr:
            if (expr_lev_ < 0) return x;  // x is possibly a composite literal type
            break;
          case Kind::ArrayType:
          case Kind::StructType:
          case Kind::MapType:
            break;  // x is a composite literal type
          default:
            return x;
        }
        if (t != x) error(node_pos(t), "cannot parenthesize type in composite literal");
        x = parse_literal_value(x);
        break;
      }
      default:
        return x;
    }
  }
}

Expr* Parser::parse_unary_expr() {
  NestGuard guard(this);
  switch (tk_.tok) {
    case Tok::ADD:
    case Tok::SUB:
    case Tok::NOT:
    case Tok::XOR:
    case Tok::AND:
    case Tok::TILDE: {
      Pos pos = tk_.pos;
      Tok op = tk_.tok;
      next();
      Expr* x = parse_unary_expr();
      auto* u = make<UnaryExpr>();
      u->op_pos = pos;
      u->op = op;
      u->x = check_expr(x);
      return u;
    }
    case Tok::ARROW: {
      // channel type or receive expression
      Pos arrow = tk_.pos;
      next();
      Expr* x = parse_unary_expr();
      // determine which case we have
      if (auto* typ = dyn_cast<ChanType>(x)) {
        // (<-type): re-associate position info and <-
        uint8_t dir = kSend;
        while (typ != nullptr && dir == kSend) {
          if (typ->dir == kRecv)
            error_expected(typ->arrow, "'chan'");  // error: (<-type) is (<-(<-chan T))
          Pos a = typ->arrow;
          typ->begin = arrow;
          typ->arrow = arrow;
          arrow = a;
          dir = typ->dir;
          typ->dir = kRecv;
          typ = dyn_cast<ChanType>(typ->value);
        }
        if (dir == kSend) error_expected(arrow, "channel type");
        return x;
      }
      // <-(expr)
      auto* u = make<UnaryExpr>();
      u->op_pos = arrow;
      u->op = Tok::ARROW;
      u->x = check_expr(x);
      return u;
    }
    case Tok::MUL: {
      // pointer type or unary "*" expression
      Pos pos = tk_.pos;
      next();
      Expr* x = parse_unary_expr();
      auto* s = make<StarExpr>();
      s->star = pos;
      s->x = check_expr_or_type(x);
      return s;
    }
    default:
      return parse_primary_expr(nullptr);
  }
}

Expr* Parser::parse_binary_expr(Expr* x, int prec1, bool check) {
  if (x == nullptr) x = parse_unary_expr();
  int n = 0;
  struct Undo {
    int& lev;
    int& n;
    ~Undo() { lev -= n; }
  } undo{nest_lev_, n};
  for (n = 1;; n++) {
    inc_nest();
    Tok op = tk_.tok;
    if (in_rhs_ && op == Tok::ASSIGN) op = Tok::EQL;
    int oprec = tok_precedence(op);
    if (oprec < prec1) return x;
    Pos pos = expect(op);
    Expr* y = parse_binary_expr(nullptr, oprec + 1, check);
    if (check) {
      x = check_expr(x);
      y = check_expr(y);
    }
    auto* b = make<BinaryExpr>();
    b->x = x;
    b->op_pos = pos;
    b->op = op;
    b->y = y;
    x = b;
  }
}

Expr* Parser::parse_expr() { return parse_binary_expr(nullptr, kLowestPrec + 1, true); }

Expr* Parser::parse_rhs() {
  bool old = in_rhs_;
  in_rhs_ = true;
  Expr* x = check_expr(parse_expr());
  in_rhs_ = old;
  return x;
}

Expr* Parser::parse_rhs_or_type() {
  bool old = in_rhs_;
  in_rhs_ = true;
  Expr* x = check_expr_or_type(parse_expr());
  in_rhs_ = old;
  return x;
}

}  // namespace oomguard::go::detail
