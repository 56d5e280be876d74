#include "go/ast_dump.h"

#include <charconv>
#include <vector>

namespace oomguard::go {
namespace {

using namespace ast;  // NOLINT(google-build-using-namespace)

// Iterative: the tree may be as deep as the parser allows, and recursion here (with this
// function's large frame under sanitizers) could need more stack than the parser used.
class Dumper {
 public:
  Dumper(const ParsedFile& pf, std::string& out) : pf_(pf), out_(out) {}

  void run(const Node* root) {
    stack_.push_back(Item{0, "", -1, root});
    while (!stack_.empty()) {
      Item it = stack_.back();
      stack_.pop_back();
      std::string label(it.name);
      if (it.index >= 0) {
        label += '[';
        char buf[16];
        auto r = std::to_chars(buf, buf + sizeof buf, it.index);
        label.append(buf, r.ptr);
        label += ']';
      }
      pending_.clear();
      node(it.indent, label, it.n);
      // children were collected in order; the stack pops them in order
      for (size_t i = pending_.size(); i-- > 0;) stack_.push_back(pending_[i]);
    }
  }

 private:
  struct Item {
    int indent;
    std::string_view name;
    int64_t index;  // -1: not a list element
    const Node* n;
  };

  void node(int indent, std::string_view label, const Node* n);

  void head(int indent, std::string_view label, std::string_view type) {
    out_.append(static_cast<size_t>(indent) * 2, ' ');
    if (!label.empty()) {
      out_ += label;
      out_ += ": ";
    }
    out_ += type;
  }
  void num(uint32_t v) {
    char buf[16];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
  }
  void pos(std::string_view name, Pos p) {
    field(name);
    if (p == kNoPos) {
      out_ += '-';
      return;
    }
    Position q = pf_.position(p);
    num(q.line);
    out_ += ':';
    num(q.col);
  }
  void tok(std::string_view name, Tok t) {
    field(name);
    out_ += tok_string(t);
  }
  void str(std::string_view name, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    field(name);
    out_ += '"';
    for (char ch : s) {
      auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += ch;
      } else if (c < 0x20 || c == 0x7f) {
        out_ += "\\x";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 15];
      } else {
        out_ += ch;
      }
    }
    out_ += '"';
  }
  void boolean(std::string_view name, bool b) {
    field(name);
    out_ += b ? "true" : "false";
  }
  void field(std::string_view name) {
    out_ += ' ';
    out_ += name;
    out_ += '=';
  }
  void end() { out_ += '\n'; }
  void child(int indent, std::string_view label, const Node* n) {
    if (n != nullptr) pending_.push_back(Item{indent, label, -1, n});
  }
  template <typename T>
  void list(int indent, std::string_view name, List<T> l) {
    for (uint32_t i = 0; i < l.size(); i++) {
      if (l[i] != nullptr) pending_.push_back(Item{indent, name, i, l[i]});
    }
  }

  const ParsedFile& pf_;
  std::string& out_;
  std::vector<Item> stack_;
  std::vector<Item> pending_;
};

void Dumper::node(int indent, std::string_view label, const Node* n) {
  const int c = indent + 1;
  head(indent, label, kind_name(n->kind));
  switch (n->kind) {
    case Kind::Comment: {
      auto* x = static_cast<const Comment*>(n);
      pos("Slash", x->slash);
      str("Text", x->text);
      end();
      return;
    }
    case Kind::CommentGroup:
      end();
      list(c, "List", static_cast<const CommentGroup*>(n)->list);
      return;
    case Kind::Field: {
      auto* x = static_cast<const Field*>(n);
      end();
      child(c, "Doc", x->doc);
      list(c, "Names", x->names);
      child(c, "Type", x->type);
      child(c, "Tag", x->tag);
      child(c, "Comment", x->comment);
      return;
    }
    case Kind::FieldList: {
      auto* x = static_cast<const FieldList*>(n);
      pos("Opening", x->opening);
      pos("Closing", x->closing);
      end();
      list(c, "List", x->list);
      return;
    }
    case Kind::File: {
      auto* x = static_cast<const File*>(n);
      pos("Package", x->package);
      end();
      child(c, "Doc", x->doc);
      child(c, "Name", x->name);
      list(c, "Decls", x->decls);
      list(c, "Imports", x->imports);
      list(c, "Comments", x->comments);
      return;
    }
    case Kind::BadExpr: {
      auto* x = static_cast<const BadExpr*>(n);
      pos("From", x->from);
      pos("To", x->to);
      end();
      return;
    }
    case Kind::Ident: {
      auto* x = static_cast<const Ident*>(n);
      pos("NamePos", x->name_pos);
      str("Name", x->name);
      end();
      return;
    }
    case Kind::Ellipsis: {
      auto* x = static_cast<const Ellipsis*>(n);
      pos("Ellipsis", x->ellipsis);
      end();
      child(c, "Elt", x->elt);
      return;
    }
    case Kind::BasicLit: {
      auto* x = static_cast<const BasicLit*>(n);
      pos("ValuePos", x->value_pos);
      tok("Kind", x->tok);
      str("Value", x->value);
      end();
      return;
    }
    case Kind::FuncLit: {
      auto* x = static_cast<const FuncLit*>(n);
      end();
      child(c, "Type", x->type);
      child(c, "Body", x->body);
      return;
    }
    case Kind::CompositeLit: {
      auto* x = static_cast<const CompositeLit*>(n);
      pos("Lbrace", x->lbrace);
      pos("Rbrace", x->rbrace);
      boolean("Incomplete", x->incomplete);
      end();
      child(c, "Type", x->type);
      list(c, "Elts", x->elts);
      return;
    }
    case Kind::ParenExpr: {
      auto* x = static_cast<const ParenExpr*>(n);
      pos("Lparen", x->lparen);
      pos("Rparen", x->rparen);
      end();
      child(c, "X", x->x);
      return;
    }
    case Kind::SelectorExpr: {
      auto* x = static_cast<const SelectorExpr*>(n);
      end();
      child(c, "X", x->x);
      child(c, "Sel", x->sel);
      return;
    }
    case Kind::IndexExpr: {
      auto* x = static_cast<const IndexExpr*>(n);
      pos("Lbrack", x->lbrack);
      pos("Rbrack", x->rbrack);
      end();
      child(c, "X", x->x);
      child(c, "Index", x->index);
      return;
    }
    case Kind::IndexListExpr: {
      auto* x = static_cast<const IndexListExpr*>(n);
      pos("Lbrack", x->lbrack);
      pos("Rbrack", x->rbrack);
      end();
      child(c, "X", x->x);
      list(c, "Indices", x->indices);
      return;
    }
    case Kind::SliceExpr: {
      auto* x = static_cast<const SliceExpr*>(n);
      pos("Lbrack", x->lbrack);
      boolean("Slice3", x->slice3);
      pos("Rbrack", x->rbrack);
      end();
      child(c, "X", x->x);
      child(c, "Low", x->low);
      child(c, "High", x->high);
      child(c, "Max", x->max);
      return;
    }
    case Kind::TypeAssertExpr: {
      auto* x = static_cast<const TypeAssertExpr*>(n);
      pos("Lparen", x->lparen);
      pos("Rparen", x->rparen);
      end();
      child(c, "X", x->x);
      child(c, "Type", x->type);
      return;
    }
    case Kind::CallExpr: {
      auto* x = static_cast<const CallExpr*>(n);
      pos("Lparen", x->lparen);
      pos("Ellipsis", x->ellipsis);
      pos("Rparen", x->rparen);
      end();
      child(c, "Fun", x->fun);
      list(c, "Args", x->args);
      return;
    }
    case Kind::StarExpr: {
      auto* x = static_cast<const StarExpr*>(n);
      pos("Star", x->star);
      end();
      child(c, "X", x->x);
      return;
    }
    case Kind::UnaryExpr: {
      auto* x = static_cast<const UnaryExpr*>(n);
      pos("OpPos", x->op_pos);
      tok("Op", x->op);
      end();
      child(c, "X", x->x);
      return;
    }
    case Kind::BinaryExpr: {
      auto* x = static_cast<const BinaryExpr*>(n);
      pos("OpPos", x->op_pos);
      tok("Op", x->op);
      end();
      child(c, "X", x->x);
      child(c, "Y", x->y);
      return;
    }
    case Kind::KeyValueExpr: {
      auto* x = static_cast<const KeyValueExpr*>(n);
      pos("Colon", x->colon);
      end();
      child(c, "Key", x->key);
      child(c, "Value", x->value);
      return;
    }
    case Kind::ArrayType: {
      auto* x = static_cast<const ArrayType*>(n);
      pos("Lbrack", x->lbrack);
      end();
      child(c, "Len", x->len);
      child(c, "Elt", x->elt);
      return;
    }
    case Kind::StructType: {
      auto* x = static_cast<const StructType*>(n);
      pos("Struct", x->struct_pos);
      boolean("Incomplete", x->incomplete);
      end();
      child(c, "Fields", x->fields);
      return;
    }
    case Kind::FuncType: {
      auto* x = static_cast<const FuncType*>(n);
      pos("Func", x->func);
      end();
      child(c, "TypeParams", x->type_params);
      child(c, "Params", x->params);
      child(c, "Results", x->results);
      return;
    }
    case Kind::InterfaceType: {
      auto* x = static_cast<const InterfaceType*>(n);
      pos("Interface", x->interface_pos);
      boolean("Incomplete", x->incomplete);
      end();
      child(c, "Methods", x->methods);
      return;
    }
    case Kind::MapType: {
      auto* x = static_cast<const MapType*>(n);
      pos("Map", x->map_pos);
      end();
      child(c, "Key", x->key);
      child(c, "Value", x->value);
      return;
    }
    case Kind::ChanType: {
      auto* x = static_cast<const ChanType*>(n);
      pos("Begin", x->begin);
      pos("Arrow", x->arrow);
      field("Dir");
      num(x->dir);
      end();
      child(c, "Value", x->value);
      return;
    }
    case Kind::BadStmt: {
      auto* x = static_cast<const BadStmt*>(n);
      pos("From", x->from);
      pos("To", x->to);
      end();
      return;
    }
    case Kind::DeclStmt:
      end();
      child(c, "Decl", static_cast<const DeclStmt*>(n)->decl);
      return;
    case Kind::EmptyStmt: {
      auto* x = static_cast<const EmptyStmt*>(n);
      pos("Semicolon", x->semicolon);
      boolean("Implicit", x->implicit);
      end();
      return;
    }
    case Kind::LabeledStmt: {
      auto* x = static_cast<const LabeledStmt*>(n);
      pos("Colon", x->colon);
      end();
      child(c, "Label", x->label);
      child(c, "Stmt", x->stmt);
      return;
    }
    case Kind::ExprStmt:
      end();
      child(c, "X", static_cast<const ExprStmt*>(n)->x);
      return;
    case Kind::SendStmt: {
      auto* x = static_cast<const SendStmt*>(n);
      pos("Arrow", x->arrow);
      end();
      child(c, "Chan", x->chan);
      child(c, "Value", x->value);
      return;
    }
    case Kind::IncDecStmt: {
      auto* x = static_cast<const IncDecStmt*>(n);
      pos("TokPos", x->tok_pos);
      tok("Tok", x->tok);
      end();
      child(c, "X", x->x);
      return;
    }
    case Kind::AssignStmt: {
      auto* x = static_cast<const AssignStmt*>(n);
      pos("TokPos", x->tok_pos);
      tok("Tok", x->tok);
      end();
      list(c, "Lhs", x->lhs);
      list(c, "Rhs", x->rhs);
      return;
    }
    case Kind::GoStmt: {
      auto* x = static_cast<const GoStmt*>(n);
      pos("Go", x->go);
      end();
      child(c, "Call", x->call);
      return;
    }
    case Kind::DeferStmt: {
      auto* x = static_cast<const DeferStmt*>(n);
      pos("Defer", x->defer);
      end();
      child(c, "Call", x->call);
      return;
    }
    case Kind::ReturnStmt: {
      auto* x = static_cast<const ReturnStmt*>(n);
      pos("Return", x->return_pos);
      end();
      list(c, "Results", x->results);
      return;
    }
    case Kind::BranchStmt: {
      auto* x = static_cast<const BranchStmt*>(n);
      pos("TokPos", x->tok_pos);
      tok("Tok", x->tok);
      end();
      child(c, "Label", x->label);
      return;
    }
    case Kind::BlockStmt: {
      auto* x = static_cast<const BlockStmt*>(n);
      pos("Lbrace", x->lbrace);
      pos("Rbrace", x->rbrace);
      end();
      list(c, "List", x->list);
      return;
    }
    case Kind::IfStmt: {
      auto* x = static_cast<const IfStmt*>(n);
      pos("If", x->if_pos);
      end();
      child(c, "Init", x->init);
      child(c, "Cond", x->cond);
      child(c, "Body", x->body);
      child(c, "Else", x->else_);
      return;
    }
    case Kind::CaseClause: {
      auto* x = static_cast<const CaseClause*>(n);
      pos("Case", x->case_pos);
      pos("Colon", x->colon);
      end();
      list(c, "List", x->list);
      list(c, "Body", x->body);
      return;
    }
    case Kind::SwitchStmt: {
      auto* x = static_cast<const SwitchStmt*>(n);
      pos("Switch", x->switch_pos);
      end();
      child(c, "Init", x->init);
      child(c, "Tag", x->tag);
      child(c, "Body", x->body);
      return;
    }
    case Kind::TypeSwitchStmt: {
      auto* x = static_cast<const TypeSwitchStmt*>(n);
      pos("Switch", x->switch_pos);
      end();
      child(c, "Init", x->init);
      child(c, "Assign", x->assign);
      child(c, "Body", x->body);
      return;
    }
    case Kind::CommClause: {
      auto* x = static_cast<const CommClause*>(n);
      pos("Case", x->case_pos);
      pos("Colon", x->colon);
      end();
      child(c, "Comm", x->comm);
      list(c, "Body", x->body);
      return;
    }
    case Kind::SelectStmt: {
      auto* x = static_cast<const SelectStmt*>(n);
      pos("Select", x->select_pos);
      end();
      child(c, "Body", x->body);
      return;
    }
    case Kind::ForStmt: {
      auto* x = static_cast<const ForStmt*>(n);
      pos("For", x->for_pos);
      end();
      child(c, "Init", x->init);
      child(c, "Cond", x->cond);
      child(c, "Post", x->post);
      child(c, "Body", x->body);
      return;
    }
    case Kind::RangeStmt: {
      auto* x = static_cast<const RangeStmt*>(n);
      pos("For", x->for_pos);
      pos("TokPos", x->tok_pos);
      tok("Tok", x->tok);
      end();
      child(c, "Key", x->key);
      child(c, "Value", x->value);
      child(c, "X", x->x);
      child(c, "Body", x->body);
      return;
    }
    case Kind::ImportSpec: {
      auto* x = static_cast<const ImportSpec*>(n);
      pos("EndPos", x->end_pos);
      end();
      child(c, "Doc", x->doc);
      child(c, "Name", x->name);
      child(c, "Path", x->path);
      child(c, "Comment", x->comment);
      return;
    }
    case Kind::ValueSpec: {
      auto* x = static_cast<const ValueSpec*>(n);
      end();
      child(c, "Doc", x->doc);
      list(c, "Names", x->names);
      child(c, "Type", x->type);
      list(c, "Values", x->values);
      child(c, "Comment", x->comment);
      return;
    }
    case Kind::TypeSpec: {
      auto* x = static_cast<const TypeSpec*>(n);
      pos("Assign", x->assign);
      end();
      child(c, "Doc", x->doc);
      child(c, "Name", x->name);
      child(c, "TypeParams", x->type_params);
      child(c, "Type", x->type);
      child(c, "Comment", x->comment);
      return;
    }
    case Kind::BadDecl: {
      auto* x = static_cast<const BadDecl*>(n);
      pos("From", x->from);
      pos("To", x->to);
      end();
      return;
    }
    case Kind::GenDecl: {
      auto* x = static_cast<const GenDecl*>(n);
      pos("TokPos", x->tok_pos);
      tok("Tok", x->tok);
      pos("Lparen", x->lparen);
      pos("Rparen", x->rparen);
      end();
      child(c, "Doc", x->doc);
      list(c, "Specs", x->specs);
      return;
    }
    case Kind::FuncDecl: {
      auto* x = static_cast<const FuncDecl*>(n);
      end();
      child(c, "Doc", x->doc);
      child(c, "Recv", x->recv);
      child(c, "Name", x->name);
      child(c, "Type", x->type);
      child(c, "Body", x->body);
      return;
    }
  }
  end();
}

}  // namespace

void dump_node(const ParsedFile& pf, const ast::Node* n, std::string& out) {
  if (n == nullptr) return;
  Dumper d(pf, out);
  d.run(n);
}

void dump_file(const ParsedFile& pf, std::string& out) {
  out += "=== ";
  out += pf.filename;
  out += '\n';
  if (!pf.ok()) {
    out += "REJECTED\n";
    return;
  }
  dump_node(pf, pf.file, out);
}

}  // namespace oomguard::go
