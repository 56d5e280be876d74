#include "go/ast.h"

#include <array>

namespace oomguard::go::ast {

std::string_view kind_name(Kind k) {
  static constexpr std::array<std::string_view, static_cast<size_t>(Kind::File) + 1> kNames = {
      "BadExpr",       "Ident",          "Ellipsis",     "BasicLit",   "FuncLit",
      "CompositeLit",  "ParenExpr",      "SelectorExpr", "IndexExpr",  "IndexListExpr",
      "SliceExpr",     "TypeAssertExpr", "CallExpr",     "StarExpr",   "UnaryExpr",
      "BinaryExpr",    "KeyValueExpr",   "ArrayType",    "StructType", "FuncType",
      "InterfaceType", "MapType",        "ChanType",     "BadStmt",    "DeclStmt",
      "EmptyStmt",     "LabeledStmt",    "ExprStmt",     "SendStmt",   "IncDecStmt",
      "AssignStmt",    "GoStmt",         "DeferStmt",    "ReturnStmt", "BranchStmt",
      "BlockStmt",     "IfStmt",         "CaseClause",   "SwitchStmt", "TypeSwitchStmt",
      "CommClause",    "SelectStmt",     "ForStmt",      "RangeStmt",  "ImportSpec",
      "ValueSpec",     "TypeSpec",       "BadDecl",      "GenDecl",    "FuncDecl",
      "Comment",       "CommentGroup",   "Field",        "FieldList",  "File"};
  return kNames[static_cast<size_t>(k)];
}

namespace {

Pos plus(Pos p, size_t n) { return p == kNoPos ? kNoPos : static_cast<Pos>(p + n); }

}  // namespace

Pos node_pos(const Node* n) {
  // Loops down the left (right) spine so long chains such as a.b.c... or x+y+z... do not
  // recurse.
  for (;;) {
    if (n == nullptr) return kNoPos;
    switch (n->kind) {
      case Kind::Comment:
        return static_cast<const Comment*>(n)->slash;
      case Kind::CommentGroup: {
        auto* g = static_cast<const CommentGroup*>(n);
        return g->list.empty() ? kNoPos : node_pos(g->list[0]);
      }
      case Kind::Field: {
        auto* f = static_cast<const Field*>(n);
        if (!f->names.empty()) {
          n = f->names[0];
          continue;
        }
        {
          n = f->type;
          continue;
        }
      }
      case Kind::FieldList: {
        auto* f = static_cast<const FieldList*>(n);
        if (f->opening != kNoPos) return f->opening;
        return f->list.empty() ? kNoPos : node_pos(f->list[0]);
      }
      case Kind::BadExpr:
        return static_cast<const BadExpr*>(n)->from;
      case Kind::Ident:
        return static_cast<const Ident*>(n)->name_pos;
      case Kind::Ellipsis:
        return static_cast<const Ellipsis*>(n)->ellipsis;
      case Kind::BasicLit:
        return static_cast<const BasicLit*>(n)->value_pos;
      case Kind::FuncLit: {
        n = static_cast<const FuncLit*>(n)->type;
        continue;
      }
      case Kind::CompositeLit: {
        auto* x = static_cast<const CompositeLit*>(n);
        return x->type != nullptr ? node_pos(x->type) : x->lbrace;
      }
      case Kind::ParenExpr:
        return static_cast<const ParenExpr*>(n)->lparen;
      case Kind::SelectorExpr: {
        n = static_cast<const SelectorExpr*>(n)->x;
        continue;
      }
      case Kind::IndexExpr: {
        n = static_cast<const IndexExpr*>(n)->x;
        continue;
      }
      case Kind::IndexListExpr: {
        n = static_cast<const IndexListExpr*>(n)->x;
        continue;
      }
      case Kind::SliceExpr: {
        n = static_cast<const SliceExpr*>(n)->x;
        continue;
      }
      case Kind::TypeAssertExpr: {
        n = static_cast<const TypeAssertExpr*>(n)->x;
        continue;
      }
      case Kind::CallExpr: {
        n = static_cast<const CallExpr*>(n)->fun;
        continue;
      }
      case Kind::StarExpr:
        return static_cast<const StarExpr*>(n)->star;
      case Kind::UnaryExpr:
        return static_cast<const UnaryExpr*>(n)->op_pos;
      case Kind::BinaryExpr: {
        n = static_cast<const BinaryExpr*>(n)->x;
        continue;
      }
      case Kind::KeyValueExpr: {
        n = static_cast<const KeyValueExpr*>(n)->key;
        continue;
      }
      case Kind::ArrayType:
        return static_cast<const ArrayType*>(n)->lbrack;
      case Kind::StructType:
        return static_cast<const StructType*>(n)->struct_pos;
      case Kind::FuncType: {
        auto* x = static_cast<const FuncType*>(n);
        if (x->func != kNoPos || x->params == nullptr) return x->func;
        {
          n = x->params;
          continue;
        }
      }
      case Kind::InterfaceType:
        return static_cast<const InterfaceType*>(n)->interface_pos;
      case Kind::MapType:
        return static_cast<const MapType*>(n)->map_pos;
      case Kind::ChanType:
        return static_cast<const ChanType*>(n)->begin;
      case Kind::BadStmt:
        return static_cast<const BadStmt*>(n)->from;
      case Kind::DeclStmt: {
        n = static_cast<const DeclStmt*>(n)->decl;
        continue;
      }
      case Kind::EmptyStmt:
        return static_cast<const EmptyStmt*>(n)->semicolon;
      case Kind::LabeledStmt: {
        n = static_cast<const LabeledStmt*>(n)->label;
        continue;
      }
      case Kind::ExprStmt: {
        n = static_cast<const ExprStmt*>(n)->x;
        continue;
      }
      case Kind::SendStmt: {
        n = static_cast<const SendStmt*>(n)->chan;
        continue;
      }
      case Kind::IncDecStmt: {
        n = static_cast<const IncDecStmt*>(n)->x;
        continue;
      }
      case Kind::AssignStmt: {
        auto* x = static_cast<const AssignStmt*>(n);
        return x->lhs.empty() ? kNoPos : node_pos(x->lhs[0]);
      }
      case Kind::GoStmt:
        return static_cast<const GoStmt*>(n)->go;
      case Kind::DeferStmt:
        return static_cast<const DeferStmt*>(n)->defer;
      case Kind::ReturnStmt:
        return static_cast<const ReturnStmt*>(n)->return_pos;
      case Kind::BranchStmt:
        return static_cast<const BranchStmt*>(n)->tok_pos;
      case Kind::BlockStmt:
        return static_cast<const BlockStmt*>(n)->lbrace;
      case Kind::IfStmt:
        return static_cast<const IfStmt*>(n)->if_pos;
      case Kind::CaseClause:
        return static_cast<const CaseClause*>(n)->case_pos;
      case Kind::SwitchStmt:
        return static_cast<const SwitchStmt*>(n)->switch_pos;
      case Kind::TypeSwitchStmt:
        return static_cast<const TypeSwitchStmt*>(n)->switch_pos;
      case Kind::CommClause:
        return static_cast<const CommClause*>(n)->case_pos;
      case Kind::SelectStmt:
        return static_cast<const SelectStmt*>(n)->select_pos;
      case Kind::ForStmt:
        return static_cast<const ForStmt*>(n)->for_pos;
      case Kind::RangeStmt:
        return static_cast<const RangeStmt*>(n)->for_pos;
      case Kind::ImportSpec: {
        auto* x = static_cast<const ImportSpec*>(n);
        return x->name != nullptr ? node_pos(x->name) : node_pos(x->path);
      }
      case Kind::ValueSpec: {
        auto* x = static_cast<const ValueSpec*>(n);
        return x->names.empty() ? kNoPos : node_pos(x->names[0]);
      }
      case Kind::TypeSpec: {
        n = static_cast<const TypeSpec*>(n)->name;
        continue;
      }
      case Kind::BadDecl:
        return static_cast<const BadDecl*>(n)->from;
      case Kind::GenDecl:
        return static_cast<const GenDecl*>(n)->tok_pos;
      case Kind::FuncDecl: {
        n = static_cast<const FuncDecl*>(n)->type;
        continue;
      }
      case Kind::File:
        return static_cast<const File*>(n)->package;
    }
    return kNoPos;
  }
}

Pos node_end(const Node* n) {
  // Loops down the left (right) spine so long chains such as a.b.c... or x+y+z... do not
  // recurse.
  for (;;) {
    if (n == nullptr) return kNoPos;
    switch (n->kind) {
      case Kind::Comment: {
        auto* c = static_cast<const Comment*>(n);
        return plus(c->slash, c->text.size());
      }
      case Kind::CommentGroup: {
        auto* g = static_cast<const CommentGroup*>(n);
        return g->list.empty() ? kNoPos : node_end(g->list.back());
      }
      case Kind::Field: {
        auto* f = static_cast<const Field*>(n);
        if (f->tag != nullptr) {
          n = f->tag;
          continue;
        }
        if (f->type != nullptr) {
          n = f->type;
          continue;
        }
        return f->names.empty() ? kNoPos : node_end(f->names.back());
      }
      case Kind::FieldList: {
        auto* f = static_cast<const FieldList*>(n);
        if (f->closing != kNoPos) return f->closing + 1;
        return f->list.empty() ? kNoPos : node_end(f->list.back());
      }
      case Kind::BadExpr:
        return static_cast<const BadExpr*>(n)->to;
      case Kind::Ident: {
        auto* x = static_cast<const Ident*>(n);
        return plus(x->name_pos, x->name.size());
      }
      case Kind::Ellipsis: {
        auto* x = static_cast<const Ellipsis*>(n);
        return x->elt != nullptr ? node_end(x->elt) : plus(x->ellipsis, 3);
      }
      case Kind::BasicLit: {
        auto* x = static_cast<const BasicLit*>(n);
        return plus(x->value_pos, x->value.size());
      }
      case Kind::FuncLit: {
        n = static_cast<const FuncLit*>(n)->body;
        continue;
      }
      case Kind::CompositeLit:
        return static_cast<const CompositeLit*>(n)->rbrace + 1;
      case Kind::ParenExpr:
        return static_cast<const ParenExpr*>(n)->rparen + 1;
      case Kind::SelectorExpr: {
        n = static_cast<const SelectorExpr*>(n)->sel;
        continue;
      }
      case Kind::IndexExpr:
        return static_cast<const IndexExpr*>(n)->rbrack + 1;
      case Kind::IndexListExpr:
        return static_cast<const IndexListExpr*>(n)->rbrack + 1;
      case Kind::SliceExpr:
        return static_cast<const SliceExpr*>(n)->rbrack + 1;
      case Kind::TypeAssertExpr:
        return static_cast<const TypeAssertExpr*>(n)->rparen + 1;
      case Kind::CallExpr:
        return static_cast<const CallExpr*>(n)->rparen + 1;
      case Kind::StarExpr: {
        n = static_cast<const StarExpr*>(n)->x;
        continue;
      }
      case Kind::UnaryExpr: {
        n = static_cast<const UnaryExpr*>(n)->x;
        continue;
      }
      case Kind::BinaryExpr: {
        n = static_cast<const BinaryExpr*>(n)->y;
        continue;
      }
      case Kind::KeyValueExpr: {
        n = static_cast<const KeyValueExpr*>(n)->value;
        continue;
      }
      case Kind::ArrayType: {
        n = static_cast<const ArrayType*>(n)->elt;
        continue;
      }
      case Kind::StructType: {
        n = static_cast<const StructType*>(n)->fields;
        continue;
      }
      case Kind::FuncType: {
        auto* x = static_cast<const FuncType*>(n);
        return x->results != nullptr ? node_end(x->results) : node_end(x->params);
      }
      case Kind::InterfaceType: {
        n = static_cast<const InterfaceType*>(n)->methods;
        continue;
      }
      case Kind::MapType: {
        n = static_cast<const MapType*>(n)->value;
        continue;
      }
      case Kind::ChanType: {
        n = static_cast<const ChanType*>(n)->value;
        continue;
      }
      case Kind::BadStmt:
        return static_cast<const BadStmt*>(n)->to;
      case Kind::DeclStmt: {
        n = static_cast<const DeclStmt*>(n)->decl;
        continue;
      }
      case Kind::EmptyStmt: {
        auto* x = static_cast<const EmptyStmt*>(n);
        return x->implicit ? x->semicolon : x->semicolon + 1;
      }
      case Kind::LabeledStmt: {
        n = static_cast<const LabeledStmt*>(n)->stmt;
        continue;
      }
      case Kind::ExprStmt: {
        n = static_cast<const ExprStmt*>(n)->x;
        continue;
      }
      case Kind::SendStmt: {
        n = static_cast<const SendStmt*>(n)->value;
        continue;
      }
      case Kind::IncDecStmt:
        return static_cast<const IncDecStmt*>(n)->tok_pos + 2;
      case Kind::AssignStmt: {
        auto* x = static_cast<const AssignStmt*>(n);
        return x->rhs.empty() ? kNoPos : node_end(x->rhs.back());
      }
      case Kind::GoStmt: {
        n = static_cast<const GoStmt*>(n)->call;
        continue;
      }
      case Kind::DeferStmt: {
        n = static_cast<const DeferStmt*>(n)->call;
        continue;
      }
      case Kind::ReturnStmt: {
        auto* x = static_cast<const ReturnStmt*>(n);
        return x->results.empty() ? x->return_pos + 6 : node_end(x->results.back());
      }
      case Kind::BranchStmt: {
        auto* x = static_cast<const BranchStmt*>(n);
        return x->label != nullptr ? node_end(x->label)
                                   : plus(x->tok_pos, tok_string(x->tok).size());
      }
      case Kind::BlockStmt: {
        auto* x = static_cast<const BlockStmt*>(n);
        if (x->rbrace != kNoPos) return x->rbrace + 1;
        if (!x->list.empty()) {
          n = x->list.back();
          continue;
        }
        return x->lbrace + 1;
      }
      case Kind::IfStmt: {
        auto* x = static_cast<const IfStmt*>(n);
        return x->else_ != nullptr ? node_end(x->else_) : node_end(x->body);
      }
      case Kind::CaseClause: {
        auto* x = static_cast<const CaseClause*>(n);
        return x->body.empty() ? x->colon + 1 : node_end(x->body.back());
      }
      case Kind::SwitchStmt: {
        n = static_cast<const SwitchStmt*>(n)->body;
        continue;
      }
      case Kind::TypeSwitchStmt: {
        n = static_cast<const TypeSwitchStmt*>(n)->body;
        continue;
      }
      case Kind::CommClause: {
        auto* x = static_cast<const CommClause*>(n);
        return x->body.empty() ? x->colon + 1 : node_end(x->body.back());
      }
      case Kind::SelectStmt: {
        n = static_cast<const SelectStmt*>(n)->body;
        continue;
      }
      case Kind::ForStmt: {
        n = static_cast<const ForStmt*>(n)->body;
        continue;
      }
      case Kind::RangeStmt: {
        n = static_cast<const RangeStmt*>(n)->body;
        continue;
      }
      case Kind::ImportSpec: {
        auto* x = static_cast<const ImportSpec*>(n);
        return x->end_pos != kNoPos ? x->end_pos : node_end(x->path);
      }
      case Kind::ValueSpec: {
        auto* x = static_cast<const ValueSpec*>(n);
        if (!x->values.empty()) {
          n = x->values.back();
          continue;
        }
        if (x->type != nullptr) {
          n = x->type;
          continue;
        }
        return x->names.empty() ? kNoPos : node_end(x->names.back());
      }
      case Kind::TypeSpec: {
        n = static_cast<const TypeSpec*>(n)->type;
        continue;
      }
      case Kind::BadDecl:
        return static_cast<const BadDecl*>(n)->to;
      case Kind::GenDecl: {
        auto* x = static_cast<const GenDecl*>(n);
        if (x->rparen != kNoPos) return x->rparen + 1;
        return x->specs.empty() ? kNoPos : node_end(x->specs[0]);
      }
      case Kind::FuncDecl: {
        auto* x = static_cast<const FuncDecl*>(n);
        return x->body != nullptr ? node_end(x->body) : node_end(x->type);
      }
      case Kind::File: {
        auto* x = static_cast<const File*>(n);
        return x->decls.empty() ? node_end(x->name) : node_end(x->decls.back());
      }
    }
    return kNoPos;
  }
}

void walk(Visitor& v, Node* n) {
  // Iterative for the same reason as inspect().
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
      v.leave(it.n);
      continue;
    }
    stack.push_back(Item{it.n, true});
    if (!v.enter(it.n)) continue;
    kids.clear();
    for_each_child(it.n, [&](Node* c) { kids.push_back(c); });
    for (size_t i = kids.size(); i-- > 0;) stack.push_back(Item{kids[i], false});
  }
}

}  // namespace oomguard::go::ast
