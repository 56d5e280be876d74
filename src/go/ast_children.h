// for_each_child: the child order of go/ast.Walk, for every node kind. Included by ast.h.
#pragma once

namespace oomguard::go::ast {

template <typename F>
void for_each_child(Node* n, F&& f) {
  auto one = [&](Node* c) {
    if (c != nullptr) f(c);
  };
  auto all = [&](auto list) {
    for (Node* c : list) one(c);
  };
  switch (n->kind) {
    case Kind::Comment:
    case Kind::BadExpr:
    case Kind::Ident:
    case Kind::BasicLit:
    case Kind::BadStmt:
    case Kind::EmptyStmt:
    case Kind::BadDecl:
      return;
    case Kind::CommentGroup:
      all(static_cast<CommentGroup*>(n)->list);
      return;
    case Kind::Field: {
      auto* x = static_cast<Field*>(n);
      one(x->doc);
      all(x->names);
      one(x->type);
      one(x->tag);
      one(x->comment);
      return;
    }
    case Kind::FieldList:
      all(static_cast<FieldList*>(n)->list);
      return;
    case Kind::Ellipsis:
      one(static_cast<Ellipsis*>(n)->elt);
      return;
    case Kind::FuncLit:
      one(static_cast<FuncLit*>(n)->type);
      one(static_cast<FuncLit*>(n)->body);
      return;
    case Kind::CompositeLit:
      one(static_cast<CompositeLit*>(n)->type);
      all(static_cast<CompositeLit*>(n)->elts);
      return;
    case Kind::ParenExpr:
      one(static_cast<ParenExpr*>(n)->x);
      return;
    case Kind::SelectorExpr:
      one(static_cast<SelectorExpr*>(n)->x);
      one(static_cast<SelectorExpr*>(n)->sel);
      return;
    case Kind::IndexExpr:
      one(static_cast<IndexExpr*>(n)->x);
      one(static_cast<IndexExpr*>(n)->index);
      return;
    case Kind::IndexListExpr:
      one(static_cast<IndexListExpr*>(n)->x);
      all(static_cast<IndexListExpr*>(n)->indices);
      return;
    case Kind::SliceExpr: {
      auto* x = static_cast<SliceExpr*>(n);
      one(x->x);
      one(x->low);
      one(x->high);
      one(x->max);
      return;
    }
    case Kind::TypeAssertExpr:
      one(static_cast<TypeAssertExpr*>(n)->x);
      one(static_cast<TypeAssertExpr*>(n)->type);
      return;
    case Kind::CallExpr:
      one(static_cast<CallExpr*>(n)->fun);
      all(static_cast<CallExpr*>(n)->args);
      return;
    case Kind::StarExpr:
      one(static_cast<StarExpr*>(n)->x);
      return;
    case Kind::UnaryExpr:
      one(static_cast<UnaryExpr*>(n)->x);
      return;
    case Kind::BinaryExpr:
      one(static_cast<BinaryExpr*>(n)->x);
      one(static_cast<BinaryExpr*>(n)->y);
      return;
    case Kind::KeyValueExpr:
      one(static_cast<KeyValueExpr*>(n)->key);
      one(static_cast<KeyValueExpr*>(n)->value);
      return;
    case Kind::ArrayType:
      one(static_cast<ArrayType*>(n)->len);
      one(static_cast<ArrayType*>(n)->elt);
      return;
    case Kind::StructType:
      one(static_cast<StructType*>(n)->fields);
      return;
    case Kind::FuncType:
      one(static_cast<FuncType*>(n)->type_params);
      one(static_cast<FuncType*>(n)->params);
      one(static_cast<FuncType*>(n)->results);
      return;
    case Kind::InterfaceType:
      one(static_cast<InterfaceType*>(n)->methods);
      return;
    case Kind::MapType:
      one(static_cast<MapType*>(n)->key);
      one(static_cast<MapType*>(n)->value);
      return;
    case Kind::ChanType:
      one(static_cast<ChanType*>(n)->value);
      return;
    case Kind::DeclStmt:
      one(static_cast<DeclStmt*>(n)->decl);
      return;
    case Kind::LabeledStmt:
      one(static_cast<LabeledStmt*>(n)->label);
      one(static_cast<LabeledStmt*>(n)->stmt);
      return;
    case Kind::ExprStmt:
      one(static_cast<ExprStmt*>(n)->x);
      return;
    case Kind::SendStmt:
      one(static_cast<SendStmt*>(n)->chan);
      one(static_cast<SendStmt*>(n)->value);
      return;
    case Kind::IncDecStmt:
      one(static_cast<IncDecStmt*>(n)->x);
      return;
    case Kind::AssignStmt:
      all(static_cast<AssignStmt*>(n)->lhs);
      all(static_cast<AssignStmt*>(n)->rhs);
      return;
    case Kind::GoStmt:
      one(static_cast<GoStmt*>(n)->call);
      return;
    case Kind::DeferStmt:
      one(static_cast<DeferStmt*>(n)->call);
      return;
    case Kind::ReturnStmt:
      all(static_cast<ReturnStmt*>(n)->results);
      return;
    case Kind::BranchStmt:
      one(static_cast<BranchStmt*>(n)->label);
      return;
    case Kind::BlockStmt:
      all(static_cast<BlockStmt*>(n)->list);
      return;
    case Kind::IfStmt: {
      auto* x = static_cast<IfStmt*>(n);
      one(x->init);
      one(x->cond);
      one(x->body);
      one(x->else_);
      return;
    }
    case Kind::CaseClause:
      all(static_cast<CaseClause*>(n)->list);
      all(static_cast<CaseClause*>(n)->body);
      return;
    case Kind::SwitchStmt:
      one(static_cast<SwitchStmt*>(n)->init);
      one(static_cast<SwitchStmt*>(n)->tag);
      one(static_cast<SwitchStmt*>(n)->body);
      return;
    case Kind::TypeSwitchStmt:
      one(static_cast<TypeSwitchStmt*>(n)->init);
      one(static_cast<TypeSwitchStmt*>(n)->assign);
      one(static_cast<TypeSwitchStmt*>(n)->body);
      return;
    case Kind::CommClause:
      one(static_cast<CommClause*>(n)->comm);
      all(static_cast<CommClause*>(n)->body);
      return;
    case Kind::SelectStmt:
      one(static_cast<SelectStmt*>(n)->body);
      return;
    case Kind::ForStmt: {
      auto* x = static_cast<ForStmt*>(n);
      one(x->init);
      one(x->cond);
      one(x->post);
      one(x->body);
      return;
    }
    case Kind::RangeStmt: {
      auto* x = static_cast<RangeStmt*>(n);
      one(x->key);
      one(x->value);
      one(x->x);
      one(x->body);
      return;
    }
    case Kind::ImportSpec: {
      auto* x = static_cast<ImportSpec*>(n);
      one(x->doc);
      one(x->name);
      one(x->path);
      one(x->comment);
      return;
    }
    case Kind::ValueSpec: {
      auto* x = static_cast<ValueSpec*>(n);
      one(x->doc);
      all(x->names);
      one(x->type);
      all(x->values);
      one(x->comment);
      return;
    }
    case Kind::TypeSpec: {
      auto* x = static_cast<TypeSpec*>(n);
      one(x->doc);
      one(x->name);
      one(x->type_params);
      one(x->type);
      one(x->comment);
      return;
    }
    case Kind::GenDecl:
      one(static_cast<GenDecl*>(n)->doc);
      all(static_cast<GenDecl*>(n)->specs);
      return;
    case Kind::FuncDecl: {
      auto* x = static_cast<FuncDecl*>(n);
      one(x->doc);
      one(x->recv);
      one(x->name);
      one(x->type);
      one(x->body);
      return;
    }
    case Kind::File: {
      auto* x = static_cast<File*>(n);
      one(x->doc);
      one(x->name);
      all(x->decls);
      return;
    }
  }
}

}  // namespace oomguard::go::ast
