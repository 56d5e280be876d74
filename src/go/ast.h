// The Go syntax tree, mirroring go/ast node for node and field for field (Go names in
// snake_case; `X` stays `x`). Nodes live in the parsed file's arena and are trivially
// destructible; identifiers and literals are views into the file's source. Interfaces of go/ast
// (Expr, Stmt, Decl, Spec) are plain `Node*` here, discriminated by `Node::kind`.
//
// Walking: `ast::for_each_child(n, f)` calls f(Node*) on each non-null child in go/ast.Walk
// order; `ast::inspect(n, f)` is ast.Inspect (pre-order, f returns false to skip children, and is
// called with nullptr after a node's children); `ast::walk(visitor, n)` offers enter/leave hooks.
// Positions are `Pos` (offset + 1, 0 = none); ParsedFile::position(pos) gives line:col.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "go/token.h"

namespace oomguard::go::ast {

enum class Kind : uint8_t {
  // expressions and types
  BadExpr,
  Ident,
  Ellipsis,
  BasicLit,
  FuncLit,
  CompositeLit,
  ParenExpr,
  SelectorExpr,
  IndexExpr,
  IndexListExpr,
  SliceExpr,
  TypeAssertExpr,
  CallExpr,
  StarExpr,
  UnaryExpr,
  BinaryExpr,
  KeyValueExpr,
  ArrayType,
  StructType,
  FuncType,
  InterfaceType,
  MapType,
  ChanType,
  // statements
  BadStmt,
  DeclStmt,
  EmptyStmt,
  LabeledStmt,
  ExprStmt,
  SendStmt,
  IncDecStmt,
  AssignStmt,
  GoStmt,
  DeferStmt,
  ReturnStmt,
  BranchStmt,
  BlockStmt,
  IfStmt,
  CaseClause,
  SwitchStmt,
  TypeSwitchStmt,
  CommClause,
  SelectStmt,
  ForStmt,
  RangeStmt,
  // specs and declarations
  ImportSpec,
  ValueSpec,
  TypeSpec,
  BadDecl,
  GenDecl,
  FuncDecl,
  // others
  Comment,
  CommentGroup,
  Field,
  FieldList,
  File,
};

std::string_view kind_name(Kind k);  // "CallExpr", ...

inline bool is_expr(Kind k) { return k <= Kind::ChanType; }
inline bool is_stmt(Kind k) { return k >= Kind::BadStmt && k <= Kind::RangeStmt; }
inline bool is_spec(Kind k) { return k >= Kind::ImportSpec && k <= Kind::TypeSpec; }
inline bool is_decl(Kind k) { return k >= Kind::BadDecl && k <= Kind::FuncDecl; }

struct Node {
  Kind kind;
};
using Expr = Node;  // any expression or type node
using Stmt = Node;
using Decl = Node;
using Spec = Node;

// An immutable list of node pointers in the arena (a nil and an empty go/ast slice are both
// empty here).
template <typename T>
struct List {
  T* const* items = nullptr;
  uint32_t count = 0;
  [[nodiscard]] uint32_t size() const { return count; }
  [[nodiscard]] bool empty() const { return count == 0; }
  T* operator[](uint32_t i) const { return items[i]; }
  T* const* begin() const { return items; }
  T* const* end() const { return items + count; }
  T* back() const { return items[count - 1]; }
};

// Checked downcasts: nullptr when n is null or of another kind.
template <typename T>
T* dyn_cast(Node* n) {
  return n != nullptr && n->kind == T::kKind ? static_cast<T*>(n) : nullptr;
}
template <typename T>
const T* dyn_cast(const Node* n) {
  return n != nullptr && n->kind == T::kKind ? static_cast<const T*>(n) : nullptr;
}
template <typename T>
bool isa(const Node* n) {
  return n != nullptr && n->kind == T::kKind;
}

#define OOMGUARD_AST_NODE(Name)             \
  static constexpr Kind kKind = Kind::Name; \
  Name() : Node{Kind::Name} {}

struct Comment : Node {
  OOMGUARD_AST_NODE(Comment)
  Pos slash = kNoPos;
  std::string_view text;  // "//..." or "/*...*/", carriage returns removed
};

struct CommentGroup : Node {
  OOMGUARD_AST_NODE(CommentGroup)
  List<Comment> list;  // never empty
};

struct Ident;
struct BasicLit;
struct BlockStmt;
struct CallExpr;

struct Field : Node {
  OOMGUARD_AST_NODE(Field)
  CommentGroup* doc = nullptr;
  List<Ident> names;
  Expr* type = nullptr;
  BasicLit* tag = nullptr;
  CommentGroup* comment = nullptr;
};

struct FieldList : Node {
  OOMGUARD_AST_NODE(FieldList)
  Pos opening = kNoPos;
  List<Field> list;
  Pos closing = kNoPos;
};

// ---- expressions

struct BadExpr : Node {
  OOMGUARD_AST_NODE(BadExpr)
  Pos from = kNoPos, to = kNoPos;
};
struct Ident : Node {
  OOMGUARD_AST_NODE(Ident)
  Pos name_pos = kNoPos;
  std::string_view name;
  // What the identifier denotes, filled in by a semantic analysis (lint::PackageInfo) as go/ast
  // fills Ident.Obj; opaque to the front end. sema_gen names the analysis that wrote it.
  mutable const void* sema = nullptr;
  mutable uint32_t sema_gen = 0;
};
struct Ellipsis : Node {
  OOMGUARD_AST_NODE(Ellipsis)
  Pos ellipsis = kNoPos;
  Expr* elt = nullptr;
};
struct BasicLit : Node {
  OOMGUARD_AST_NODE(BasicLit)
  Pos value_pos = kNoPos;
  Tok tok = Tok::ILLEGAL;  // INT, FLOAT, IMAG, CHAR or STRING (go/ast: Kind)
  std::string_view value;  // source text, e.g. `"a\n"`, 0x1p-2, 'x'
};
struct FuncType;
struct FuncLit : Node {
  OOMGUARD_AST_NODE(FuncLit)
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;
};
struct CompositeLit : Node {
  OOMGUARD_AST_NODE(CompositeLit)
  Expr* type = nullptr;
  Pos lbrace = kNoPos;
  List<Expr> elts;
  Pos rbrace = kNoPos;
  bool incomplete = false;
};
struct ParenExpr : Node {
  OOMGUARD_AST_NODE(ParenExpr)
  Pos lparen = kNoPos;
  Expr* x = nullptr;
  Pos rparen = kNoPos;
};
struct SelectorExpr : Node {
  OOMGUARD_AST_NODE(SelectorExpr)
  Expr* x = nullptr;
  Ident* sel = nullptr;
};
struct IndexExpr : Node {
  OOMGUARD_AST_NODE(IndexExpr)
  Expr* x = nullptr;
  Pos lbrack = kNoPos;
  Expr* index = nullptr;
  Pos rbrack = kNoPos;
};
struct IndexListExpr : Node {
  OOMGUARD_AST_NODE(IndexListExpr)
  Expr* x = nullptr;
  Pos lbrack = kNoPos;
  List<Expr> indices;
  Pos rbrack = kNoPos;
};
struct SliceExpr : Node {
  OOMGUARD_AST_NODE(SliceExpr)
  Expr* x = nullptr;
  Pos lbrack = kNoPos;
  Expr* low = nullptr;
  Expr* high = nullptr;
  Expr* max = nullptr;
  bool slice3 = false;
  Pos rbrack = kNoPos;
};
struct TypeAssertExpr : Node {
  OOMGUARD_AST_NODE(TypeAssertExpr)
  Expr* x = nullptr;
  Pos lparen = kNoPos;
  Expr* type = nullptr;  // nullptr means x.(type)
  Pos rparen = kNoPos;
};
struct CallExpr : Node {
  OOMGUARD_AST_NODE(CallExpr)
  Expr* fun = nullptr;
  Pos lparen = kNoPos;
  List<Expr> args;
  Pos ellipsis = kNoPos;
  Pos rparen = kNoPos;
};
struct StarExpr : Node {
  OOMGUARD_AST_NODE(StarExpr)
  Pos star = kNoPos;
  Expr* x = nullptr;
};
struct UnaryExpr : Node {
  OOMGUARD_AST_NODE(UnaryExpr)
  Pos op_pos = kNoPos;
  Tok op = Tok::ILLEGAL;
  Expr* x = nullptr;
};
struct BinaryExpr : Node {
  OOMGUARD_AST_NODE(BinaryExpr)
  Expr* x = nullptr;
  Pos op_pos = kNoPos;
  Tok op = Tok::ILLEGAL;
  Expr* y = nullptr;
};
struct KeyValueExpr : Node {
  OOMGUARD_AST_NODE(KeyValueExpr)
  Expr* key = nullptr;
  Pos colon = kNoPos;
  Expr* value = nullptr;
};
struct ArrayType : Node {
  OOMGUARD_AST_NODE(ArrayType)
  Pos lbrack = kNoPos;
  Expr* len = nullptr;  // nullptr: slice type; Ellipsis: [...]T
  Expr* elt = nullptr;
};
struct StructType : Node {
  OOMGUARD_AST_NODE(StructType)
  Pos struct_pos = kNoPos;
  FieldList* fields = nullptr;
  bool incomplete = false;
};
struct FuncType : Node {
  OOMGUARD_AST_NODE(FuncType)
  Pos func = kNoPos;
  FieldList* type_params = nullptr;
  FieldList* params = nullptr;
  FieldList* results = nullptr;
};
struct InterfaceType : Node {
  OOMGUARD_AST_NODE(InterfaceType)
  Pos interface_pos = kNoPos;
  FieldList* methods = nullptr;
  bool incomplete = false;
};
struct MapType : Node {
  OOMGUARD_AST_NODE(MapType)
  Pos map_pos = kNoPos;
  Expr* key = nullptr;
  Expr* value = nullptr;
};
enum ChanDir : uint8_t { kSend = 1, kRecv = 2 };
struct ChanType : Node {
  OOMGUARD_AST_NODE(ChanType)
  Pos begin = kNoPos;
  Pos arrow = kNoPos;
  uint8_t dir = kSend | kRecv;
  Expr* value = nullptr;
};

// ---- statements

struct BadStmt : Node {
  OOMGUARD_AST_NODE(BadStmt)
  Pos from = kNoPos, to = kNoPos;
};
struct DeclStmt : Node {
  OOMGUARD_AST_NODE(DeclStmt)
  Decl* decl = nullptr;
};
struct EmptyStmt : Node {
  OOMGUARD_AST_NODE(EmptyStmt)
  Pos semicolon = kNoPos;
  bool implicit = false;
};
struct LabeledStmt : Node {
  OOMGUARD_AST_NODE(LabeledStmt)
  Ident* label = nullptr;
  Pos colon = kNoPos;
  Stmt* stmt = nullptr;
};
struct ExprStmt : Node {
  OOMGUARD_AST_NODE(ExprStmt)
  Expr* x = nullptr;
};
struct SendStmt : Node {
  OOMGUARD_AST_NODE(SendStmt)
  Expr* chan = nullptr;
  Pos arrow = kNoPos;
  Expr* value = nullptr;
};
struct IncDecStmt : Node {
  OOMGUARD_AST_NODE(IncDecStmt)
  Expr* x = nullptr;
  Pos tok_pos = kNoPos;
  Tok tok = Tok::ILLEGAL;
};
struct AssignStmt : Node {
  OOMGUARD_AST_NODE(AssignStmt)
  List<Expr> lhs;
  Pos tok_pos = kNoPos;
  Tok tok = Tok::ILLEGAL;
  List<Expr> rhs;
};
struct GoStmt : Node {
  OOMGUARD_AST_NODE(GoStmt)
  Pos go = kNoPos;
  CallExpr* call = nullptr;
};
struct DeferStmt : Node {
  OOMGUARD_AST_NODE(DeferStmt)
  Pos defer = kNoPos;
  CallExpr* call = nullptr;
};
struct ReturnStmt : Node {
  OOMGUARD_AST_NODE(ReturnStmt)
  Pos return_pos = kNoPos;
  List<Expr> results;
};
struct BranchStmt : Node {
  OOMGUARD_AST_NODE(BranchStmt)
  Pos tok_pos = kNoPos;
  Tok tok = Tok::ILLEGAL;  // BREAK, CONTINUE, GOTO, FALLTHROUGH
  Ident* label = nullptr;
};
struct BlockStmt : Node {
  OOMGUARD_AST_NODE(BlockStmt)
  Pos lbrace = kNoPos;
  List<Stmt> list;
  Pos rbrace = kNoPos;
};
struct IfStmt : Node {
  OOMGUARD_AST_NODE(IfStmt)
  Pos if_pos = kNoPos;
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* body = nullptr;
  Stmt* else_ = nullptr;
};
struct CaseClause : Node {
  OOMGUARD_AST_NODE(CaseClause)
  Pos case_pos = kNoPos;
  List<Expr> list;  // empty: default
  Pos colon = kNoPos;
  List<Stmt> body;
};
struct SwitchStmt : Node {
  OOMGUARD_AST_NODE(SwitchStmt)
  Pos switch_pos = kNoPos;
  Stmt* init = nullptr;
  Expr* tag = nullptr;
  BlockStmt* body = nullptr;  // CaseClauses
};
struct TypeSwitchStmt : Node {
  OOMGUARD_AST_NODE(TypeSwitchStmt)
  Pos switch_pos = kNoPos;
  Stmt* init = nullptr;
  Stmt* assign = nullptr;  // x := y.(type) or y.(type)
  BlockStmt* body = nullptr;
};
struct CommClause : Node {
  OOMGUARD_AST_NODE(CommClause)
  Pos case_pos = kNoPos;
  Stmt* comm = nullptr;  // nullptr: default
  Pos colon = kNoPos;
  List<Stmt> body;
};
struct SelectStmt : Node {
  OOMGUARD_AST_NODE(SelectStmt)
  Pos select_pos = kNoPos;
  BlockStmt* body = nullptr;  // CommClauses
};
struct ForStmt : Node {
  OOMGUARD_AST_NODE(ForStmt)
  Pos for_pos = kNoPos;
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
};
struct RangeStmt : Node {
  OOMGUARD_AST_NODE(RangeStmt)
  Pos for_pos = kNoPos;
  Expr* key = nullptr;
  Expr* value = nullptr;
  Pos tok_pos = kNoPos;    // kNoPos when there is no key
  Tok tok = Tok::ILLEGAL;  // ILLEGAL when there is no key, else ASSIGN or DEFINE
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
};

// ---- specs and declarations

struct ImportSpec : Node {
  OOMGUARD_AST_NODE(ImportSpec)
  CommentGroup* doc = nullptr;
  Ident* name = nullptr;
  BasicLit* path = nullptr;
  CommentGroup* comment = nullptr;
  Pos end_pos = kNoPos;
};
struct ValueSpec : Node {
  OOMGUARD_AST_NODE(ValueSpec)
  CommentGroup* doc = nullptr;
  List<Ident> names;
  Expr* type = nullptr;
  List<Expr> values;
  CommentGroup* comment = nullptr;
};
struct TypeSpec : Node {
  OOMGUARD_AST_NODE(TypeSpec)
  CommentGroup* doc = nullptr;
  Ident* name = nullptr;
  FieldList* type_params = nullptr;
  Pos assign = kNoPos;  // set for aliases
  Expr* type = nullptr;
  CommentGroup* comment = nullptr;
};
struct BadDecl : Node {
  OOMGUARD_AST_NODE(BadDecl)
  Pos from = kNoPos, to = kNoPos;
};
struct GenDecl : Node {
  OOMGUARD_AST_NODE(GenDecl)
  CommentGroup* doc = nullptr;
  Pos tok_pos = kNoPos;
  Tok tok = Tok::ILLEGAL;  // IMPORT, CONST, TYPE or VAR
  Pos lparen = kNoPos;
  List<Spec> specs;
  Pos rparen = kNoPos;
};
struct FuncDecl : Node {
  OOMGUARD_AST_NODE(FuncDecl)
  CommentGroup* doc = nullptr;
  FieldList* recv = nullptr;
  Ident* name = nullptr;
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;  // nullptr for external (assembly) functions
};

struct File : Node {
  OOMGUARD_AST_NODE(File)
  CommentGroup* doc = nullptr;
  Pos package = kNoPos;
  Ident* name = nullptr;
  List<Decl> decls;
  List<ImportSpec> imports;
  List<CommentGroup> comments;  // every comment of the file, in order
};

#undef OOMGUARD_AST_NODE

// go/ast Pos() and End() (End is the position just after the node); kNoPos where go/ast would
// dereference a missing child.
Pos node_pos(const Node* n);
Pos node_end(const Node* n);

// Calls f(Node*) for each non-null direct child of n, in go/ast.Walk order (Doc and Comment
// groups included; File.Comments and File.Imports are not children, as in ast.Walk).
template <typename F>
void for_each_child(Node* n, F&& f);

struct Visitor {
  virtual ~Visitor() = default;
  // Return false to skip n's children (leave() is still called).
  virtual bool enter(Node* n) = 0;
  virtual void leave(Node* /*n*/) {}
};
void walk(Visitor& v, Node* n);

// ast.Inspect: f(n) for each node in depth-first order; if f returns true the children are
// visited, followed by f(nullptr). Iterative, so any tree the parser builds can be walked on any
// thread.
template <typename F>
void inspect(Node* n, F&& f) {
  if (n == nullptr) return;
  struct Item {
    Node* n;
    bool leave;
  };
  std::vector<Item> stack{{n, false}};
  std::vector<Node*> kids;
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    if (it.leave) {
      f(static_cast<Node*>(nullptr));
      continue;
    }
    if (!f(it.n)) continue;
    stack.push_back(Item{it.n, true});
    kids.clear();
    for_each_child(it.n, [&](Node* c) { kids.push_back(c); });
    for (size_t i = kids.size(); i-- > 0;) stack.push_back(Item{kids[i], false});
  }
}

}  // namespace oomguard::go::ast

#include "go/ast_children.h"
