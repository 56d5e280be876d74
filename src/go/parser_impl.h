// Internal: the parser state machine shared by parser*.cpp. Method names and structure follow
// go/parser/parser.go so the two can be compared line by line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "go/arena.h"
#include "go/ast.h"
#include "go/lexer.h"
#include "go/parser.h"

namespace oomguard::go::detail {

struct Bailout {};

struct ParseError {
  Pos pos;
  int line;
  std::string message;
};

enum class TokSet { kStmtStart, kDeclStart, kExprEnd };

class Parser {
 public:
  Parser(std::string_view src, const ParseOptions& opts, Arena* arena);
  ast::File* parse_file();

  std::vector<LexError> lex_errors;  // drained into `errors` after every token
  std::vector<ParseError> errors;
  std::vector<ast::CommentGroup*> comments;
  Lexer lexer;
  std::vector<ast::ImportSpec*> imports;

 private:
  friend struct NestGuard;
  // ---- parser.cpp: tokens, comments, errors
  void next0();
  void next();
  ast::Comment* consume_comment(int* endline);
  ast::CommentGroup* consume_comment_group(int n, int* endline);
  void error(Pos pos, std::string msg);
  void error_expected(Pos pos, std::string_view what);
  Pos expect(Tok t);
  Pos expect2(Tok t);
  Pos expect_closing(Tok t, std::string_view context);
  void expect_semi();
  bool at_comma(std::string_view context, Tok follow);
  void advance(TokSet to);
  Pos safe_pos(Pos p) const;
  int line(Pos p) const { return lexer.line_of(p); }
  void inc_nest() {
    constexpr int kMaxNestLev = 100000;  // go/parser's maxNestLev
    if (++nest_lev_ > kMaxNestLev ||
        static_cast<const char*>(__builtin_frame_address(0)) < stack_limit_) {
      nest_overflow();
    }
  }
  [[noreturn, gnu::cold, gnu::noinline]] void nest_overflow();
  void dec_nest() { nest_lev_--; }

  template <typename T>
  T* make() {
    return arena_->make<T>();
  }
  size_t mark() const { return scratch_.size(); }
  void push(ast::Node* n) { scratch_.push_back(n); }
  template <typename T>
  ast::List<T> take(size_t mark) {
    ast::List<T> l;
    size_t n = scratch_.size() - mark;
    if (n == 0) return l;
    T** items = arena_->alloc_array<T*>(n);
    for (size_t i = 0; i < n; i++) items[i] = static_cast<T*>(scratch_[mark + i]);
    scratch_.resize(mark);
    l.items = items;
    l.count = static_cast<uint32_t>(n);
    return l;
  }
  template <typename T>
  ast::List<T> list_of(ast::Node* one) {
    size_t m = mark();
    push(one);
    return take<T>(m);
  }

  // ---- parser_expr.cpp
  ast::Ident* parse_ident();
  void parse_ident_list();  // pushes onto scratch
  void parse_expr_list();   // pushes onto scratch
  ast::List<ast::Expr> parse_list(bool in_rhs);
  ast::Expr* parse_func_type_or_lit();
  ast::Expr* parse_operand();
  ast::Expr* parse_selector(ast::Expr* x);
  ast::Expr* parse_type_assertion(ast::Expr* x);
  ast::Expr* parse_index_or_slice_or_instance(ast::Expr* x);
  ast::CallExpr* parse_call_or_conversion(ast::Expr* fun);
  ast::Expr* parse_value();
  ast::Expr* parse_element();
  ast::Expr* parse_literal_value(ast::Expr* type);
  ast::Expr* check_expr(ast::Expr* x);
  ast::Expr* check_expr_or_type(ast::Expr* x);
  ast::Expr* parse_primary_expr(ast::Expr* x);
  ast::Expr* parse_unary_expr();
  ast::Expr* parse_binary_expr(ast::Expr* x, int prec1, bool check);
  ast::Expr* parse_expr();
  ast::Expr* parse_rhs();
  ast::Expr* parse_rhs_or_type();
  ast::Expr* pack_index_expr(ast::Expr* x, Pos lbrack, size_t args_mark, Pos rbrack);

  // ---- parser_type.cpp
  ast::Expr* parse_type();
  ast::Expr* parse_qualified_ident(ast::Ident* ident);
  ast::Expr* parse_type_name(ast::Ident* ident);
  ast::ArrayType* parse_array_type(Pos lbrack, ast::Expr* len);
  ast::Expr* parse_array_field_or_type_instance(ast::Ident* x, ast::Ident** name_out);
  ast::Field* parse_field_decl();
  ast::StructType* parse_struct_type();
  ast::StarExpr* parse_pointer_type();
  ast::Ellipsis* parse_dots_type();
  struct ParField {
    ast::Ident* name;
    ast::Expr* type;
  };
  ParField parse_param_decl(ast::Ident* name, bool type_sets_ok);
  ast::List<ast::Field> parse_parameter_list(ast::Ident* name0, ast::Expr* typ0, Tok closing);
  void parse_parameters(bool accept_tparams, ast::FieldList** tparams, ast::FieldList** params);
  ast::FieldList* parse_result();
  ast::FuncType* parse_func_type();
  ast::Field* parse_method_spec();
  ast::Expr* embedded_elem(ast::Expr* x);
  ast::Expr* embedded_term();
  ast::InterfaceType* parse_interface_type();
  ast::MapType* parse_map_type();
  ast::ChanType* parse_chan_type();
  ast::Expr* parse_type_instance(ast::Expr* typ);
  ast::Expr* try_ident_or_type();

  // ---- parser_stmt.cpp
  void parse_stmt_list();  // pushes onto scratch
  ast::BlockStmt* parse_body();
  ast::BlockStmt* parse_block_stmt();
  ast::Stmt* parse_simple_stmt(int mode, bool* is_range);
  void check_assign_stmt(ast::AssignStmt* as);
  ast::CallExpr* parse_call_expr(std::string_view call_type);
  ast::Stmt* parse_go_stmt();
  ast::Stmt* parse_defer_stmt();
  ast::Stmt* parse_return_stmt();
  ast::Stmt* parse_branch_stmt(Tok tok);
  ast::Expr* make_expr(ast::Stmt* s, std::string_view want);
  void parse_if_header(ast::Stmt** init, ast::Expr** cond);
  ast::IfStmt* parse_if_stmt();
  ast::CaseClause* parse_case_clause(bool type_switch);
  bool is_type_switch_guard(ast::Stmt* s);
  ast::Stmt* parse_switch_stmt();
  ast::CommClause* parse_comm_clause();
  ast::Stmt* parse_select_stmt();
  ast::Stmt* parse_for_stmt();
  ast::Stmt* parse_stmt();

  // ---- parser_decl.cpp
  ast::Spec* parse_import_spec(ast::CommentGroup* doc, Tok keyword, int iota);
  ast::Spec* parse_value_spec(ast::CommentGroup* doc, Tok keyword, int iota);
  ast::Spec* parse_type_spec(ast::CommentGroup* doc, Tok keyword, int iota);
  void parse_generic_type(ast::TypeSpec* spec, Pos open, ast::Ident* name0, ast::Expr* typ0);
  ast::GenDecl* parse_gen_decl(Tok keyword);
  ast::FuncDecl* parse_func_decl();
  ast::Decl* parse_decl(TokSet sync);

  const ParseOptions& opts_;
  Arena* arena_;
  uint32_t src_size_;
  std::vector<ast::Node*> scratch_;
  std::vector<ParField> par_scratch_;

  ast::CommentGroup* lead_comment_ = nullptr;
  ast::CommentGroup* line_comment_ = nullptr;

  Token tk_;  // one token look-ahead: tk_.pos, tk_.line, tk_.tok, tk_.lit()

  Pos sync_pos_ = kNoPos;
  int sync_cnt_ = 0;
  int expr_lev_ = 0;
  bool in_rhs_ = false;
  int nest_lev_ = 0;
  const char* stack_limit_ = nullptr;  // parsing stops when the stack pointer goes below this
};

// RAII form of go/parser's `defer decNestLev(incNestLev(p))`.
struct NestGuard {
  explicit NestGuard(Parser* p) : p_(p) { p->inc_nest(); }
  ~NestGuard() { p_->dec_nest(); }
  NestGuard(const NestGuard&) = delete;
  NestGuard& operator=(const NestGuard&) = delete;

 private:
  Parser* p_;
};

enum { kBasic = 0, kLabelOk = 1, kRangeOk = 2 };

}  // namespace oomguard::go::detail
