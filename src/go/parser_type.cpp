// Types: named and qualified types, instantiations, arrays, structs, pointers, functions and
// their parameter lists (type parameters included), interfaces with type-set elements, maps
// and channels.
#include "go/parser_impl.h"

namespace oomguard::go::detail {

using namespace ast;  // NOLINT(google-build-using-namespace)

Expr* Parser::parse_type() {
  Expr* typ = try_ident_or_type();
  if (typ == nullptr) {
    Pos pos = tk_.pos;
    error_expected(pos, "type");
    advance(TokSet::kExprEnd);
    auto* bad = make<BadExpr>();
    bad->from = pos;
    bad->to = tk_.pos;
    return bad;
  }
  return typ;
}

Expr* Parser::parse_qualified_ident(Ident* ident) {
  Expr* typ = parse_type_name(ident);
  if (tk_.tok == Tok::LBRACK) typ = parse_type_instance(typ);
  return typ;
}

Expr* Parser::parse_type_name(Ident* ident) {
  if (ident == nullptr) ident = parse_ident();
  if (tk_.tok == Tok::PERIOD) {
    // ident is a package name
    next();
    Ident* sel = parse_ident();
    auto* s = make<SelectorExpr>();
    s->x = ident;
    s->sel = sel;
    return s;
  }
  return ident;
}

ArrayType* Parser::parse_array_type(Pos lbrack, Expr* len) {
  if (len == nullptr) {
    expr_lev_++;
    // always permit ellipsis for more fault-tolerant parsing
    if (tk_.tok == Tok::ELLIPSIS) {
      auto* e = make<Ellipsis>();
      e->ellipsis = tk_.pos;
      len = e;
      next();
    } else if (tk_.tok != Tok::RBRACK) {
      len = parse_rhs();
    }
    expr_lev_--;
  }
  if (tk_.tok == Tok::COMMA) {
    // Trailing commas are accepted in type parameter lists but not in array type
    // declarations. Accept for better error handling but complain.
    error(tk_.pos, "unexpected comma; expecting ]");
    next();
  }
  expect(Tok::RBRACK);
  Expr* elt = parse_type();
  auto* a = make<ArrayType>();
  a->lbrack = lbrack;
  a->len = len;
  a->elt = elt;
  return a;
}

// Returns the type; *name_out is x, or nullptr when the result is a type instance (then x is
// part of the returned expression).
Expr* Parser::parse_array_field_or_type_instance(Ident* x, Ident** name_out) {
  Pos lbrack = expect(Tok::LBRACK);
  size_t m = mark();
  if (tk_.tok != Tok::RBRACK) {
    expr_lev_++;
    push(parse_rhs_or_type());
    while (tk_.tok == Tok::COMMA) {
      next();
      push(parse_rhs_or_type());
    }
    expr_lev_--;
  }
  Pos rbrack = expect(Tok::RBRACK);
  size_t nargs = scratch_.size() - m;
  if (nargs == 0) {
    // x []E
    Expr* elt = parse_type();
    auto* a = make<ArrayType>();
    a->lbrack = lbrack;
    a->elt = elt;
    *name_out = x;
    return a;
  }
  // x [P]E or x[P]
  if (nargs == 1) {
    Expr* elt = try_ident_or_type();
    if (elt != nullptr) {
      // x [P]E
      auto* a = make<ArrayType>();
      a->lbrack = lbrack;
      a->len = scratch_.back();
      a->elt = elt;
      scratch_.pop_back();
      *name_out = x;
      return a;
    }
  }
  // x[P], x[P1, P2], ...
  *name_out = nullptr;
  return pack_index_expr(x, lbrack, m, rbrack);
}

Field* Parser::parse_field_decl() {
  CommentGroup* doc = lead_comment_;
  size_t m = mark();
  Expr* typ = nullptr;
  if (tk_.tok == Tok::IDENT) {
    Ident* name = parse_ident();
    if (tk_.tok == Tok::PERIOD || tk_.tok == Tok::STRING || tk_.tok == Tok::SEMICOLON ||
        tk_.tok == Tok::RBRACE) {
      // embedded type
      typ = name;
      if (tk_.tok == Tok::PERIOD) typ = parse_qualified_ident(name);
    } else {
      // name1, name2, ... T
      push(name);
      while (tk_.tok == Tok::COMMA) {
        next();
        push(parse_ident());
      }
      // Careful dance: We don't know if we have an embedded instantiated type T[P1, P2, ...]
      // or a field name f with an array type [P]E.
      if (scratch_.size() - m == 1 && tk_.tok == Tok::LBRACK) {
        Ident* nm = nullptr;
        typ = parse_array_field_or_type_instance(name, &nm);
        if (nm == nullptr) scratch_.resize(m);
      } else {
        // T P
        typ = parse_type();
      }
    }
  } else {
    // embedded, possibly generic type (using the enclosing parentheses to distinguish
    // it from a named field declaration)
    typ = parse_type();
  }
  List<Ident> names = take<Ident>(m);
  BasicLit* tag = nullptr;
  if (tk_.tok == Tok::STRING) {
    tag = make<BasicLit>();
    tag->value_pos = tk_.pos;
    tag->tok = tk_.tok;
    tag->value = tk_.lit();
    next();
  }
  expect_semi();  // call before accessing line_comment_
  auto* f = make<Field>();
  f->doc = doc;
  f->names = names;
  f->type = typ;
  f->tag = tag;
  f->comment = line_comment_;
  return f;
}

StructType* Parser::parse_struct_type() {
  Pos pos = expect(Tok::STRUCT);
  Pos lbrace = expect(Tok::LBRACE);
  size_t m = mark();
  while (tk_.tok == Tok::IDENT || tk_.tok == Tok::MUL || tk_.tok == Tok::LPAREN) {
    // a field declaration cannot start with a '(' but we accept it here for more robust
    // parsing and better error messages (parse_field_decl will check and complain if
    // necessary)
    push(parse_field_decl());
  }
  Pos rbrace = expect(Tok::RBRACE);
  auto* fl = make<FieldList>();
  fl->opening = lbrace;
  fl->list = take<Field>(m);
  fl->closing = rbrace;
  auto* s = make<StructType>();
  s->struct_pos = pos;
  s->fields = fl;
  return s;
}

StarExpr* Parser::parse_pointer_type() {
  Pos star = expect(Tok::MUL);
  Expr* base = parse_type();
  auto* s = make<StarExpr>();
  s->star = star;
  s->x = base;
  return s;
}

Ellipsis* Parser::parse_dots_type() {
  Pos pos = expect(Tok::ELLIPSIS);
  Expr* elt = parse_type();
  auto* e = make<Ellipsis>();
  e->ellipsis = pos;
  e->elt = elt;
  return e;
}

Parser::ParField Parser::parse_param_decl(Ident* name, bool type_sets_ok) {
  ParField f{nullptr, nullptr};
  Tok ptok = tk_.tok;
  if (name != nullptr) {
    tk_.tok = Tok::IDENT;  // force the IDENT case in the switch below
  } else if (type_sets_ok && tk_.tok == Tok::TILDE) {
    // "~" ...
    return ParField{nullptr, embedded_elem(nullptr)};
  }
  switch (tk_.tok) {
    case Tok::IDENT:
      // name
      if (name != nullptr) {
        f.name = name;
        tk_.tok = ptok;
      } else {
        f.name = parse_ident();
      }
      switch (tk_.tok) {
        case Tok::IDENT:
        case Tok::MUL:
        case Tok::ARROW:
        case Tok::FUNC:
        case Tok::CHAN:
        case Tok::MAP:
        case Tok::STRUCT:
        case Tok::INTERFACE:
        case Tok::LPAREN:
          // name type
          f.type = parse_type();
          break;
        case Tok::LBRACK: {
          // name "[" type1, ..., typeN "]" or name "[" n "]" type
          Ident* nm = nullptr;
          f.type = parse_array_field_or_type_instance(f.name, &nm);
          f.name = nm;
          break;
        }
        case Tok::ELLIPSIS:
          // name "..." type
          f.type = parse_dots_type();
          return f;  // don't allow ...type "|" ...
        case Tok::PERIOD:
          // name "." ...
          f.type = parse_qualified_ident(f.name);
          f.name = nullptr;
          break;
        case Tok::TILDE:
          if (type_sets_ok) {
            f.type = embedded_elem(nullptr);
            return f;
          }
          break;
        case Tok::OR:
          if (type_sets_ok) {
            f.type = embedded_elem(f.name);
            f.name = nullptr;
            return f;
          }
          break;
        default:
          break;
      }
      break;
    case Tok::MUL:
    case Tok::ARROW:
    case Tok::FUNC:
    case Tok::LBRACK:
    case Tok::CHAN:
    case Tok::MAP:
    case Tok::STRUCT:
    case Tok::INTERFACE:
    case Tok::LPAREN:
      // type
      f.type = parse_type();
      break;
    case Tok::ELLIPSIS:
      // "..." type
      f.type = parse_dots_type();
      return f;  // don't allow ...type "|" ...
    default:
      // TODO(go/parser): this is incorrect for type parameter lists
      error_expected(tk_.pos, "')'");
      advance(TokSet::kExprEnd);
  }
  // [name] type "|"
  if (type_sets_ok && tk_.tok == Tok::OR && f.type != nullptr) f.type = embedded_elem(f.type);
  return f;
}

List<Field> Parser::parse_parameter_list(Ident* name0, Expr* typ0, Tok closing) {
  // Type parameters are the only parameter list closed by ']'.
  bool tparams = closing == Tok::RBRACK;
  bool type_sets_ok = tparams;
  Pos pos = tk_.pos;
  if (name0 != nullptr) pos = name0->name_pos;

  size_t pm = par_scratch_.size();
  int named = 0;  // number of parameters that have an explicit name and type
  while (name0 != nullptr || (tk_.tok != closing && tk_.tok != Tok::EOF_)) {
    ParField par{nullptr, nullptr};
    if (typ0 != nullptr) {
      if (type_sets_ok) typ0 = embedded_elem(typ0);
      par = ParField{name0, typ0};
    } else {
      par = parse_param_decl(name0, type_sets_ok);
    }
    name0 = nullptr;  // 1st name was consumed if present
    typ0 = nullptr;   // 1st typ was consumed if present
    if (par.name != nullptr || par.type != nullptr) {
      par_scratch_.push_back(par);
      if (par.name != nullptr && par.type != nullptr) named++;
    }
    if (!at_comma("parameter list", closing)) break;
    next();
  }
  size_t n = par_scratch_.size() - pm;
  if (n == 0) return {};  // not uncommon
  ParField* list = par_scratch_.data() + pm;

  // distribute parameter types (n > 0)
  if (named == 0) {
    // all unnamed => found names are type names
    for (size_t i = 0; i < n; i++) {
      if (list[i].name != nullptr) {
        list[i].type = list[i].name;
        list[i].name = nullptr;
      }
    }
    if (tparams) error(pos, "all type parameters must be named");
  } else if (named != static_cast<int>(n)) {
    // some named => all must be named
    bool ok = true;
    Expr* typ = nullptr;
    Pos missing_name = pos;
    for (size_t k = n; k-- > 0;) {
      ParField& par = list[k];
      if (par.type != nullptr) {
        typ = par.type;
        if (par.name == nullptr) {
          ok = false;
          missing_name = node_pos(par.type);
          auto* id = make<Ident>();
          id->name = "_";
          id->name_pos = node_pos(typ);  // correct position
          par.name = id;
        }
      } else if (typ != nullptr) {
        par.type = typ;
      } else {
        // par.type == nullptr && typ == nullptr => we only have a par.name
        ok = false;
        missing_name = par.name->name_pos;
        auto* bad = make<BadExpr>();
        bad->from = par.name->name_pos;
        bad->to = tk_.pos;
        par.type = bad;
      }
    }
    if (!ok) {
      if (tparams) {
        error(missing_name, "all type parameters must be named");
      } else {
        error(pos, "mixed named and unnamed parameters");
      }
    }
  }

  size_t m = mark();
  if (named == 0) {
    // parameter list consists of types only
    for (size_t i = 0; i < n; i++) {
      auto* f = make<Field>();
      f->type = list[i].type;
      push(f);
    }
    par_scratch_.resize(pm);
    return take<Field>(m);
  }
  // parameter list consists of named parameters with types; group consecutive parameters
  // of the same type into one Field
  size_t i = 0;
  while (i < n) {
    Expr* typ = list[i].type;
    size_t j = i;
    while (j < n && list[j].type == typ) j++;
    Ident** names = arena_->alloc_array<Ident*>(j - i);
    for (size_t k = i; k < j; k++) names[k - i] = list[k].name;
    auto* f = make<Field>();
    f->names.items = names;
    f->names.count = static_cast<uint32_t>(j - i);
    f->type = typ;
    push(f);
    i = j;
  }
  par_scratch_.resize(pm);
  return take<Field>(m);
}

void Parser::parse_parameters(bool accept_tparams, FieldList** tparams_out,
                              FieldList** params_out) {
  FieldList* tparams = nullptr;
  if (accept_tparams && tk_.tok == Tok::LBRACK) {
    Pos opening = tk_.pos;
    next();
    // [T any](params) syntax
    List<Field> list = parse_parameter_list(nullptr, nullptr, Tok::RBRACK);
    Pos rbrack = expect(Tok::RBRACK);
    tparams = make<FieldList>();
    tparams->opening = opening;
    tparams->list = list;
    tparams->closing = rbrack;
    // Type parameter lists must not be empty.
    size_t nfields = 0;
    for (Field* f : list) nfields += f->names.empty() ? 1 : f->names.size();
    if (nfields == 0) {
      error(tparams->closing, "empty type parameter list");
      tparams = nullptr;  // avoid follow-on errors
    }
  }
  Pos opening = expect(Tok::LPAREN);
  List<Field> fields;
  if (tk_.tok != Tok::RPAREN) fields = parse_parameter_list(nullptr, nullptr, Tok::RPAREN);
  Pos rparen = expect(Tok::RPAREN);
  auto* params = make<FieldList>();
  params->opening = opening;
  params->list = fields;
  params->closing = rparen;
  *tparams_out = tparams;
  *params_out = params;
}

FieldList* Parser::parse_result() {
  if (tk_.tok == Tok::LPAREN) {
    FieldList* tp = nullptr;
    FieldList* results = nullptr;
    parse_parameters(false, &tp, &results);
    return results;
  }
  Expr* typ = try_ident_or_type();
  if (typ != nullptr) {
    auto* f = make<Field>();
    f->type = typ;
    auto* fl = make<FieldList>();
    fl->list = list_of<Field>(f);
    return fl;
  }
  return nullptr;
}

FuncType* Parser::parse_func_type() {
  Pos pos = expect(Tok::FUNC);
  FieldList* tparams = nullptr;
  FieldList* params = nullptr;
  parse_parameters(true, &tparams, &params);
  if (tparams != nullptr) error(node_pos(tparams), "function type must have no type parameters");
  FieldList* results = parse_result();
  auto* ft = make<FuncType>();
  ft->func = pos;
  ft->params = params;
  ft->results = results;
  return ft;
}

Field* Parser::parse_method_spec() {
  CommentGroup* doc = lead_comment_;
  List<Ident> idents;
  Expr* typ = nullptr;
  Expr* x = parse_type_name(nullptr);
  if (auto* ident = dyn_cast<Ident>(x)) {
    if (tk_.tok == Tok::LBRACK) {
      // generic method or embedded instantiated type
      Pos lbrack = tk_.pos;
      next();
      expr_lev_++;
      Expr* x2 = parse_expr();
      expr_lev_--;
      if (auto* name0 = dyn_cast<Ident>(x2);
          name0 != nullptr && tk_.tok != Tok::COMMA && tk_.tok != Tok::RBRACK) {
        // generic method m[T any]
        // Note: Method declarations with type parameters are not permitted; go/parser
        // parses them for better error messages.
        (void)parse_parameter_list(name0, nullptr, Tok::RBRACK);
        (void)expect(Tok::RBRACK);
        error(lbrack, "interface method must have no type parameters");
        FieldList* tp = nullptr;
        FieldList* params = nullptr;
        parse_parameters(false, &tp, &params);
        FieldList* results = parse_result();
        idents = list_of<Ident>(ident);
        auto* ft = make<FuncType>();
        ft->params = params;
        ft->results = results;
        typ = ft;
      } else {
        // embedded instantiated type
        size_t m = mark();
        push(x2);
        if (at_comma("type argument list", Tok::RBRACK)) {
          expr_lev_++;
          next();
          while (tk_.tok != Tok::RBRACK && tk_.tok != Tok::EOF_) {
            push(parse_type());
            if (!at_comma("type argument list", Tok::RBRACK)) break;
            next();
          }
          expr_lev_--;
        }
        Pos rbrack = expect_closing(Tok::RBRACK, "type argument list");
        typ = pack_index_expr(ident, lbrack, m, rbrack);
      }
    } else if (tk_.tok == Tok::LPAREN) {
      // ordinary method
      FieldList* tp = nullptr;
      FieldList* params = nullptr;
      parse_parameters(false, &tp, &params);
      FieldList* results = parse_result();
      idents = list_of<Ident>(ident);
      auto* ft = make<FuncType>();
      ft->params = params;
      ft->results = results;
      typ = ft;
    } else {
      // embedded type
      typ = x;
    }
  } else {
    // embedded, possibly instantiated type
    typ = x;
    if (tk_.tok == Tok::LBRACK) typ = parse_type_instance(typ);
  }
  auto* f = make<Field>();
  f->doc = doc;
  f->names = idents;
  f->type = typ;
  return f;
}

Expr* Parser::embedded_elem(Expr* x) {
  if (x == nullptr) x = embedded_term();
  while (tk_.tok == Tok::OR) {
    auto* t = make<BinaryExpr>();
    t->op_pos = tk_.pos;
    t->op = Tok::OR;
    next();
    t->x = x;
    t->y = embedded_term();
    x = t;
  }
  return x;
}

Expr* Parser::embedded_term() {
  if (tk_.tok == Tok::TILDE) {
    auto* t = make<UnaryExpr>();
    t->op_pos = tk_.pos;
    t->op = Tok::TILDE;
    next();
    t->x = parse_type();
    return t;
  }
  Expr* t = try_ident_or_type();
  if (t == nullptr) {
    Pos pos = tk_.pos;
    error_expected(pos, "~ term or type");
    advance(TokSet::kExprEnd);
    auto* bad = make<BadExpr>();
    bad->from = pos;
    bad->to = tk_.pos;
    return bad;
  }
  return t;
}

InterfaceType* Parser::parse_interface_type() {
  Pos pos = expect(Tok::INTERFACE);
  Pos lbrace = expect(Tok::LBRACE);
  size_t m = mark();
  for (;;) {
    if (tk_.tok == Tok::IDENT) {
      Field* f = parse_method_spec();
      if (f->names.empty()) f->type = embedded_elem(f->type);
      expect_semi();
      f->comment = line_comment_;
      push(f);
    } else if (tk_.tok == Tok::TILDE) {
      Expr* typ = embedded_elem(nullptr);
      expect_semi();
      auto* f = make<Field>();
      f->type = typ;
      f->comment = line_comment_;
      push(f);
    } else if (Expr* t = try_ident_or_type()) {
      Expr* typ = embedded_elem(t);
      expect_semi();
      auto* f = make<Field>();
      f->type = typ;
      f->comment = line_comment_;
      push(f);
    } else {
      break;
    }
  }
  // TODO(go/parser): Field.Comment is not set for the last element (if any)
  Pos rbrace = expect(Tok::RBRACE);
  auto* fl = make<FieldList>();
  fl->opening = lbrace;
  fl->list = take<Field>(m);
  fl->closing = rbrace;
  auto* it = make<InterfaceType>();
  it->interface_pos = pos;
  it->methods = fl;
  return it;
}

MapType* Parser::parse_map_type() {
  Pos pos = expect(Tok::MAP);
  expect(Tok::LBRACK);
  Expr* key = parse_type();
  expect(Tok::RBRACK);
  Expr* value = parse_type();
  auto* mt = make<MapType>();
  mt->map_pos = pos;
  mt->key = key;
  mt->value = value;
  return mt;
}

ChanType* Parser::parse_chan_type() {
  Pos pos = tk_.pos;
  uint8_t dir = kSend | kRecv;
  Pos arrow = kNoPos;
  if (tk_.tok == Tok::CHAN) {
    next();
    if (tk_.tok == Tok::ARROW) {
      arrow = tk_.pos;
      next();
      dir = kSend;
    }
  } else {
    arrow = expect(Tok::ARROW);
    expect(Tok::CHAN);
    dir = kRecv;
  }
  Expr* value = parse_type();
  auto* c = make<ChanType>();
  c->begin = pos;
  c->arrow = arrow;
  c->dir = dir;
  c->value = value;
  return c;
}

Expr* Parser::parse_type_instance(Expr* typ) {
  Pos opening = expect(Tok::LBRACK);
  expr_lev_++;
  size_t m = mark();
  while (tk_.tok != Tok::RBRACK && tk_.tok != Tok::EOF_) {
    push(parse_type());
    if (!at_comma("type argument list", Tok::RBRACK)) break;
    next();
  }
  expr_lev_--;
  Pos closing = expect_closing(Tok::RBRACK, "type argument list");
  if (scratch_.size() == m) {
    error_expected(closing, "type argument list");
    auto* bad = make<BadExpr>();
    bad->from = opening + 1;
    bad->to = closing;
    auto* ix = make<IndexExpr>();
    ix->x = typ;
    ix->lbrack = opening;
    ix->index = bad;
    ix->rbrack = closing;
    return ix;
  }
  return pack_index_expr(typ, opening, m, closing);
}

Expr* Parser::try_ident_or_type() {
  NestGuard guard(this);
  switch (tk_.tok) {
    case Tok::IDENT: {
      Expr* typ = parse_type_name(nullptr);
      if (tk_.tok == Tok::LBRACK) typ = parse_type_instance(typ);
      return typ;
    }
    case Tok::LBRACK: {
      Pos lbrack = expect(Tok::LBRACK);
      return parse_array_type(lbrack, nullptr);
    }
    case Tok::STRUCT:
      return parse_struct_type();
    case Tok::MUL:
      return parse_pointer_type();
    case Tok::FUNC:
      return parse_func_type();
    case Tok::INTERFACE:
      return parse_interface_type();
    case Tok::MAP:
      return parse_map_type();
    case Tok::CHAN:
    case Tok::ARROW:
      return parse_chan_type();
    case Tok::LPAREN: {
      Pos lparen = tk_.pos;
      next();
      Expr* typ = parse_type();
      Pos rparen = expect(Tok::RPAREN);
      auto* p = make<ParenExpr>();
      p->lparen = lparen;
      p->x = typ;
      p->rparen = rparen;
      return p;
    }
    default:
      return nullptr;
  }
}

}  // namespace oomguard::go::detail
