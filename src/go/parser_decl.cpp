// Declarations: import/const/var/type specs (generic types included), grouped declarations
// and function/method declarations.
#include <string>

#include "go/lexer.h"
#include "go/parser_impl.h"

namespace oomguard::go::detail {

using namespace ast;  // NOLINT(google-build-using-namespace)

namespace {

void append_utf8(std::string& s, uint32_t c) {
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
}

int hex_val(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// strconv.Unquote for a double-quoted or raw string literal; false if it is malformed.
bool unquote(std::string_view lit, std::string* out) {
  out->clear();
  if (lit.size() < 2) return false;
  if (lit.front() == '`') {
    if (lit.back() != '`') return false;
    std::string_view body = lit.substr(1, lit.size() - 2);
    if (body.find('`') != std::string_view::npos) return false;
    for (char c : body) {
      if (c != '\r') *out += c;
    }
    return true;
  }
  if (lit.front() != '"' || lit.back() != '"') return false;
  std::string_view s = lit.substr(1, lit.size() - 2);
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"' || c == '\n') return false;
    if (c != '\\') {
      *out += c;
      i++;
      continue;
    }
    if (++i >= s.size()) return false;
    char e = s[i++];
    switch (e) {
      case 'a':
        *out += '\a';
        break;
      case 'b':
        *out += '\b';
        break;
      case 'f':
        *out += '\f';
        break;
      case 'n':
        *out += '\n';
        break;
      case 'r':
        *out += '\r';
        break;
      case 't':
        *out += '\t';
        break;
      case 'v':
        *out += '\v';
        break;
      case '\\':
        *out += '\\';
        break;
      case '"':
        *out += '"';
        break;
      case 'x':
      case 'u':
      case 'U': {
        size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (i + n > s.size()) return false;
        uint32_t v = 0;
        for (size_t k = 0; k < n; k++) {
          int d = hex_val(s[i + k]);
          if (d < 0) return false;
          v = v * 16 + static_cast<uint32_t>(d);
        }
        i += n;
        if (e == 'x') {
          *out += static_cast<char>(v);
        } else {
          if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) return false;
          append_utf8(*out, v);
        }
        break;
      }
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        if (i + 2 > s.size()) return false;
        uint32_t v = static_cast<uint32_t>(e - '0');
        for (size_t k = 0; k < 2; k++) {
          char d = s[i + k];
          if (d < '0' || d > '7') return false;
          v = v * 8 + static_cast<uint32_t>(d - '0');
        }
        if (v > 255) return false;
        i += 2;
        *out += static_cast<char>(v);
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

bool is_valid_import(std::string_view lit) {
  std::string s;
  unquote(lit, &s);  // go/scanner returns a legal string literal
  static constexpr std::string_view kIllegal = "!\"#$%&'()*,:;<=>?[\\]^{|}`";
  size_t i = 0;
  while (i < s.size()) {
    int w = 1;
    char32_t r = decode_utf8(s.data() + i, s.size() - i, &w);
    i += static_cast<size_t>(w);
    bool graphic = r < 0x80 ? (r >= 0x20 && r < 0x7f) : unicode_is_graphic(r);
    bool space = r < 0x80 ? (r == ' ' || (r >= '\t' && r <= '\r')) : unicode_is_space(r);
    if (!graphic || space || r == 0xFFFD ||
        (r < 0x80 && kIllegal.find(static_cast<char>(r)) != std::string_view::npos)) {
      return false;
    }
  }
  return !s.empty();
}

bool is_type_elem(Expr* x) {
  switch (x->kind) {
    case Kind::ArrayType:
    case Kind::StructType:
    case Kind::FuncType:
    case Kind::InterfaceType:
    case Kind::MapType:
    case Kind::ChanType:
      return true;
    case Kind::BinaryExpr: {
      auto* b = static_cast<BinaryExpr*>(x);
      return is_type_elem(b->x) || is_type_elem(b->y);
    }
    case Kind::UnaryExpr:
      return static_cast<UnaryExpr*>(x)->op == Tok::TILDE;
    case Kind::ParenExpr:
      return is_type_elem(static_cast<ParenExpr*>(x)->x);
    default:
      return false;
  }
}

}  // namespace

// extractName splits the expression x into (name, expr) if syntactically x can be written as
// name expr. The split only happens if expr is a type element (per the is_type_elem
// predicate) or if force is set. If x is just a name, the result is (name, nullptr).
static Ident* extract_name(Arena* arena, Expr* x, bool force, Expr** type_out) {
  *type_out = x;
  switch (x->kind) {
    case Kind::Ident:
      *type_out = nullptr;
      return static_cast<Ident*>(x);
    case Kind::BinaryExpr: {
      auto* b = static_cast<BinaryExpr*>(x);
      if (b->op == Tok::MUL) {
        auto* name = dyn_cast<Ident>(b->x);
        if (name != nullptr && (force || is_type_elem(b->y))) {
          // x = name *b->y
          auto* s = arena->make<StarExpr>();
          s->star = b->op_pos;
          s->x = b->y;
          *type_out = s;
          return name;
        }
      } else if (b->op == Tok::OR) {
        Expr* lhs = nullptr;
        Ident* name = extract_name(arena, b->x, force || is_type_elem(b->y), &lhs);
        if (name != nullptr && lhs != nullptr) {
          // x = name lhs|b->y
          auto* op = arena->make<BinaryExpr>();
          *op = *b;
          op->x = lhs;
          *type_out = op;
          return name;
        }
      }
      break;
    }
    case Kind::CallExpr: {
      auto* c = static_cast<CallExpr*>(x);
      if (auto* name = dyn_cast<Ident>(c->fun)) {
        if (c->args.size() == 1 && c->ellipsis == kNoPos && (force || is_type_elem(c->args[0]))) {
          // x = name (c->args[0]); the parentheses are not kept, as in go/parser
          *type_out = c->args[0];
          return name;
        }
      }
      break;
    }
    default:
      break;
  }
  *type_out = x;
  return nullptr;
}

Spec* Parser::parse_import_spec(CommentGroup* doc, Tok /*keyword*/, int /*iota*/) {
  Ident* ident = nullptr;
  switch (tk_.tok) {
    case Tok::PERIOD:
      ident = make<Ident>();
      ident->name_pos = tk_.pos;
      ident->name = ".";
      next();
      break;
    case Tok::IDENT:
      ident = parse_ident();
      break;
    default:
      break;
  }
  Pos pos = tk_.pos;
  std::string_view path;
  if (tk_.tok == Tok::STRING) {
    path = tk_.lit();
    if (!is_valid_import(path)) error(pos, "invalid import path: " + std::string(path));
    next();
  } else {
    expect(Tok::STRING);  // use expect() error handling
  }
  expect_semi();  // call before accessing line_comment_
  auto* lit = make<BasicLit>();
  lit->value_pos = pos;
  lit->tok = Tok::STRING;
  lit->value = path;
  auto* spec = make<ImportSpec>();
  spec->doc = doc;
  spec->name = ident;
  spec->path = lit;
  spec->comment = line_comment_;
  imports.push_back(spec);
  return spec;
}

Spec* Parser::parse_value_spec(CommentGroup* doc, Tok keyword, int iota) {
  Pos pos = tk_.pos;
  size_t m = mark();
  parse_ident_list();
  List<Ident> idents = take<Ident>(m);
  Expr* typ = try_ident_or_type();
  List<Expr> values;
  bool have_values = false;
  // always permit optional initialization for more tolerant parsing
  if (tk_.tok == Tok::ASSIGN) {
    next();
    values = parse_list(true);
    have_values = true;
  }
  expect_semi();  // call before accessing line_comment_
  if (keyword == Tok::VAR) {
    if (typ == nullptr && !have_values) error(pos, "missing variable type or initialization");
  } else if (keyword == Tok::CONST) {
    if (!have_values && (iota == 0 || typ != nullptr)) error(pos, "missing constant value");
  }
  auto* spec = make<ValueSpec>();
  spec->doc = doc;
  spec->names = idents;
  spec->type = typ;
  spec->values = values;
  spec->comment = line_comment_;
  return spec;
}

void Parser::parse_generic_type(TypeSpec* spec, Pos open, Ident* name0, Expr* typ0) {
  List<Field> list = parse_parameter_list(name0, typ0, Tok::RBRACK);
  Pos close = expect(Tok::RBRACK);
  auto* fl = make<FieldList>();
  fl->opening = open;
  fl->list = list;
  fl->closing = close;
  spec->type_params = fl;
  // Let the type checker decide whether to accept type parameters on aliases:
  // see go/parser.
  if (tk_.tok == Tok::ASSIGN) {
    // type alias
    spec->assign = tk_.pos;
    next();
  }
  spec->type = parse_type();
}

Spec* Parser::parse_type_spec(CommentGroup* doc, Tok /*keyword*/, int /*iota*/) {
  Ident* name = parse_ident();
  auto* spec = make<TypeSpec>();
  spec->doc = doc;
  spec->name = name;
  if (tk_.tok == Tok::LBRACK) {
    // spec.name[ or spec.name [: array type or generic type
    Pos lbrack = tk_.pos;
    next();
    if (tk_.tok == Tok::IDENT) {
      // We may have an array type or a type parameter list. In either case we expect an
      // expression x (which may just be a name, or a more complex expression) which we can
      // analyze further.
      Expr* x = parse_ident();
      if (tk_.tok != Tok::LBRACK) {
        // To parse the expression starting with name, expand the call sequence we would get
        // by passing in name to parse_expr(), and pass in name to parse_primary_expr.
        expr_lev_++;
        Expr* lhs = parse_primary_expr(x);
        x = parse_binary_expr(lhs, kLowestPrec + 1, false);
        expr_lev_--;
      }
      // Analyze expression x. If we can split x into a type parameter name, possibly
      // followed by a type parameter type, we consider this the start of a type parameter
      // list, with some caveats: a single name followed by a ']' tilts the decision toward
      // an array declaration; a type parameter type that could also be an ordinary
      // expression but which is followed by a comma tilts the decision towards a type
      // parameter list.
      Expr* ptype = nullptr;
      Ident* pname = extract_name(arena_, x, tk_.tok == Tok::COMMA, &ptype);
      if (pname != nullptr && (ptype != nullptr || tk_.tok != Tok::RBRACK)) {
        // spec.name[pname ...
        // spec.name[pname ptype ...
        // spec.name[pname ptype, ...
        parse_generic_type(spec, lbrack, pname, ptype);  // ptype may be nullptr
      } else {
        // spec.name[pname]
        // spec.name[ x ...
        spec->type = parse_array_type(lbrack, x);
      }
    } else {
      // array type
      spec->type = parse_array_type(lbrack, nullptr);
    }
  } else {
    // no type parameters
    if (tk_.tok == Tok::ASSIGN) {
      // type alias
      spec->assign = tk_.pos;
      next();
    }
    spec->type = parse_type();
  }
  expect_semi();  // call before accessing line_comment_
  spec->comment = line_comment_;
  return spec;
}

GenDecl* Parser::parse_gen_decl(Tok keyword) {
  CommentGroup* doc = lead_comment_;
  Pos pos = expect(keyword);
  Pos lparen = kNoPos;
  Pos rparen = kNoPos;
  size_t m = mark();
  auto spec = [&](CommentGroup* d, int iota) -> Spec* {
    switch (keyword) {
      case Tok::IMPORT:
        return parse_import_spec(d, keyword, iota);
      case Tok::TYPE:
        return parse_type_spec(d, keyword, iota);
      default:
        return parse_value_spec(d, keyword, iota);
    }
  };
  if (tk_.tok == Tok::LPAREN) {
    lparen = tk_.pos;
    next();
    for (int iota = 0; tk_.tok != Tok::RPAREN && tk_.tok != Tok::EOF_; iota++) {
      push(spec(lead_comment_, iota));
    }
    rparen = expect(Tok::RPAREN);
    expect_semi();
  } else {
    push(spec(nullptr, 0));
  }
  auto* d = make<GenDecl>();
  d->doc = doc;
  d->tok_pos = pos;
  d->tok = keyword;
  d->lparen = lparen;
  d->specs = take<Spec>(m);
  d->rparen = rparen;
  return d;
}

FuncDecl* Parser::parse_func_decl() {
  CommentGroup* doc = lead_comment_;
  Pos pos = expect(Tok::FUNC);
  FieldList* recv = nullptr;
  if (tk_.tok == Tok::LPAREN) {
    FieldList* tp = nullptr;
    parse_parameters(false, &tp, &recv);
  }
  Ident* ident = parse_ident();
  FieldList* tparams = nullptr;
  FieldList* params = nullptr;
  parse_parameters(true, &tparams, &params);
  if (recv != nullptr && tparams != nullptr) {
    // Method declarations do not have type parameters. We parse them for a better error
    // message and improved error recovery.
    error(tparams->opening, "method must have no type parameters");
    tparams = nullptr;
  }
  FieldList* results = parse_result();
  BlockStmt* body = nullptr;
  switch (tk_.tok) {
    case Tok::LBRACE:
      body = parse_body();
      expect_semi();
      break;
    case Tok::SEMICOLON:
      next();
      if (tk_.tok == Tok::LBRACE) {
        // opening { of function declaration on next line
        error(tk_.pos, "unexpected semicolon or newline before {");
        body = parse_body();
        expect_semi();
      }
      break;
    default:
      expect_semi();
  }
  auto* ft = make<FuncType>();
  ft->func = pos;
  ft->type_params = tparams;
  ft->params = params;
  ft->results = results;
  auto* d = make<FuncDecl>();
  d->doc = doc;
  d->recv = recv;
  d->name = ident;
  d->type = ft;
  d->body = body;
  return d;
}

Decl* Parser::parse_decl(TokSet sync) {
  switch (tk_.tok) {
    case Tok::CONST:
    case Tok::VAR:
    case Tok::TYPE:
      return parse_gen_decl(tk_.tok);
    case Tok::FUNC:
      return parse_func_decl();
    default: {
      Pos pos = tk_.pos;
      error_expected(pos, "declaration");
      advance(sync);
      auto* d = make<BadDecl>();
      d->from = pos;
      d->to = tk_.pos;
      return d;
    }
  }
}

}  // namespace oomguard::go::detail
