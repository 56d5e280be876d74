// Parser tests: generics, comments and their associations, error recovery (expected error
// positions and messages were produced by go/parser through tests/oracle/goast), hostile inputs
// (empty, NUL, invalid UTF-8, a 10 MB line, 100k-deep nesting, small thread stacks), and the
// AST API (walk, inspect, node_pos/node_end, moves).
#include "go/parser.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <string>
#include <vector>

#include "go/ast_dump.h"

namespace oomguard::go {
namespace {

using namespace ast;  // NOLINT(google-build-using-namespace)

std::vector<std::string> errors_of(const ParsedFile& pf) {
  std::vector<std::string> out;
  for (const auto& d : pf.errors) out.push_back(format_diagnostic(d));
  return out;
}

template <typename T>
std::vector<T*> find_all(Node* root) {
  std::vector<T*> out;
  inspect(root, [&](Node* n) {
    if (auto* x = dyn_cast<T>(n)) out.push_back(x);
    return true;
  });
  return out;
}

std::string text_of(const ParsedFile& pf, const Node* n) {
  uint32_t b = pos_offset(node_pos(n));
  uint32_t e = pos_offset(node_end(n));
  return std::string(pf.source().substr(b, e - b));
}

TEST(Parser, SimpleFile) {
  ParsedFile pf =
      parse_file("a.go", "package p\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n");
  ASSERT_TRUE(pf.ok()) << errors_of(pf)[0];
  EXPECT_EQ(pf.file->name->name, "p");
  ASSERT_EQ(pf.file->decls.size(), 2u);
  ASSERT_EQ(pf.file->imports.size(), 1u);
  EXPECT_EQ(pf.file->imports[0]->path->value, "\"fmt\"");
  auto* fn = dyn_cast<FuncDecl>(pf.file->decls[1]);
  ASSERT_NE(fn, nullptr);
  EXPECT_EQ(fn->name->name, "main");
  Position p = pf.position(fn->body->lbrace);
  EXPECT_EQ(p.line, 5u);
  EXPECT_EQ(p.col, 13u);
  EXPECT_EQ(p.offset, 37u);
  auto calls = find_all<CallExpr>(pf.file);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(text_of(pf, calls[0]), "fmt.Println(1)");
}

TEST(Parser, Generics) {
  const char* src = R"(package p

type Number interface {
	~int | ~int64 | float64
}

type List[T any] struct {
	next *List[T]
	val  T
}

type Pair[K comparable, V any] struct{ k K; v V }

type Ptr[T interface{ *int }] *T

func (l *List[T]) Push(v T) *List[T] { return &List[T]{next: l, val: v} }

func Map[K comparable, V, R any](m map[K]V, f func(V) R) map[K]R {
	out := make(map[K]R, len(m))
	for k, v := range m {
		out[k] = f(v)
	}
	return out
}

func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

var _ = Sum[int](1, 2)
var _ = Map[string, int, bool]
var _ Pair[string, int]
)";
  ParsedFile pf = parse_file("g.go", src);
  ASSERT_TRUE(pf.ok()) << errors_of(pf)[0];
  auto specs = find_all<TypeSpec>(pf.file);
  ASSERT_EQ(specs.size(), 4u);
  // ~int | ~int64 | float64: ((~int | ~int64) | float64)
  auto* iface = dyn_cast<InterfaceType>(specs[0]->type);
  ASSERT_NE(iface, nullptr);
  ASSERT_EQ(iface->methods->list.size(), 1u);
  auto* u = dyn_cast<BinaryExpr>(iface->methods->list[0]->type);
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->op, Tok::OR);
  auto* left = dyn_cast<BinaryExpr>(u->x);
  ASSERT_NE(left, nullptr);
  auto* tilde = dyn_cast<UnaryExpr>(left->x);
  ASSERT_NE(tilde, nullptr);
  EXPECT_EQ(tilde->op, Tok::TILDE);
  // type parameter lists
  ASSERT_NE(specs[1]->type_params, nullptr);
  EXPECT_EQ(specs[1]->type_params->list.size(), 1u);
  ASSERT_NE(specs[2]->type_params, nullptr);
  EXPECT_EQ(specs[2]->type_params->list.size(), 2u);
  ASSERT_NE(specs[3]->type_params, nullptr);  // [T interface{ *int }] is not an array
  // generic method receiver *List[T]
  auto funcs = find_all<FuncDecl>(pf.file);
  ASSERT_EQ(funcs.size(), 3u);
  auto* recv = dyn_cast<StarExpr>(funcs[0]->recv->list[0]->type);
  ASSERT_NE(recv, nullptr);
  EXPECT_TRUE(isa<IndexExpr>(recv->x));
  // Map[K comparable, V, R any]: two fields, the second with two names
  ASSERT_NE(funcs[1]->type->type_params, nullptr);
  ASSERT_EQ(funcs[1]->type->type_params->list.size(), 2u);
  EXPECT_EQ(funcs[1]->type->type_params->list[1]->names.size(), 2u);
  // instantiations: Sum[int] is an IndexExpr, Map[string, int, bool] an IndexListExpr
  auto lists = find_all<IndexListExpr>(pf.file);
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_EQ(text_of(pf, lists[0]), "Map[string, int, bool]");
  EXPECT_EQ(text_of(pf, lists[1]), "Pair[string, int]");
  bool saw_sum_int = false;
  for (auto* ix : find_all<IndexExpr>(pf.file)) saw_sum_int |= text_of(pf, ix) == "Sum[int]";
  EXPECT_TRUE(saw_sum_int);
  // variadic parameter
  auto* ell = dyn_cast<Ellipsis>(funcs[2]->type->params->list[0]->type);
  ASSERT_NE(ell, nullptr);
}

TEST(Parser, ArrayVersusTypeParameterAmbiguity) {
  // go/parser's rules: a lone name before ']' is an array length; a type element or a comma
  // makes it a type parameter list.
  ParsedFile pf =
      parse_file("a.go",
                 "package p\nconst N = 4\ntype A [N]int\ntype B[P *C] int\ntype C[P *C,] "
                 "int\ntype D[P ~int] int\ntype E [N * 2]int\n");
  ASSERT_TRUE(pf.ok()) << errors_of(pf)[0];
  auto specs = find_all<TypeSpec>(pf.file);
  ASSERT_EQ(specs.size(), 5u);
  EXPECT_TRUE(isa<ArrayType>(specs[0]->type));
  EXPECT_EQ(specs[0]->type_params, nullptr);
  EXPECT_EQ(specs[1]->type_params, nullptr);  // B [P * C]int is an array (P*C an expression)
  EXPECT_TRUE(isa<ArrayType>(specs[1]->type));
  EXPECT_NE(specs[2]->type_params, nullptr);  // trailing comma: type parameter
  EXPECT_NE(specs[3]->type_params, nullptr);
  EXPECT_TRUE(isa<ArrayType>(specs[4]->type));
}

TEST(Parser, CommentsAndAssociations) {
  const char* src = R"(//go:build linux

// Package p does things.
package p

import (
	"fmt" // for printing
)

// T is a type.
type T struct {
	// A is a field.
	A int // trailing
}

//nolint:errcheck
func f() { //oomguard:ignore
	/* inside */
	fmt.Println()
}
)";
  ParsedFile pf = parse_file("c.go", src);
  ASSERT_TRUE(pf.ok());
  ASSERT_NE(pf.file->doc, nullptr);
  EXPECT_EQ(pf.file->doc->list[0]->text, "// Package p does things.");
  ASSERT_EQ(pf.comments.size(), 9u);
  EXPECT_EQ(pf.comments[0]->list[0]->text, "//go:build linux");
  EXPECT_EQ(pf.file->comments.size(), pf.comments.size());
  auto* imp = pf.file->imports[0];
  ASSERT_NE(imp->comment, nullptr);
  EXPECT_EQ(imp->comment->list[0]->text, "// for printing");
  auto* gd = dyn_cast<GenDecl>(pf.file->decls[1]);
  ASSERT_NE(gd, nullptr);
  ASSERT_NE(gd->doc, nullptr);
  EXPECT_EQ(gd->doc->list[0]->text, "// T is a type.");
  auto fields = find_all<Field>(pf.file);
  ASSERT_FALSE(fields.empty());
  ASSERT_NE(fields[0]->doc, nullptr);
  EXPECT_EQ(fields[0]->doc->list[0]->text, "// A is a field.");
  ASSERT_NE(fields[0]->comment, nullptr);
  EXPECT_EQ(fields[0]->comment->list[0]->text, "// trailing");
  auto* fn = dyn_cast<FuncDecl>(pf.file->decls[2]);
  ASSERT_NE(fn, nullptr);
  ASSERT_NE(fn->doc, nullptr);
  EXPECT_EQ(fn->doc->list[0]->text, "//nolint:errcheck");
  Position p = pf.position(pf.comments[7]->list[0]->slash);
  EXPECT_EQ(pf.comments[7]->list[0]->text, "//oomguard:ignore");
  EXPECT_EQ(p.line, 17u);
  EXPECT_EQ(p.col, 12u);
}

TEST(Parser, EmptyFile) {
  ParsedFile pf = parse_file("empty.go", "");
  EXPECT_EQ(errors_of(pf),
            std::vector<std::string>{"empty.go:1:1: expected 'package', found 'EOF'"});
  ASSERT_NE(pf.file, nullptr);
  ASSERT_NE(pf.file->name, nullptr);
  std::string out;
  dump_file(pf, out);
  EXPECT_EQ(out, "=== empty.go\nREJECTED\n");
}

TEST(Parser, ErrorRecoveryMatchesGoParser) {
  // Expected diagnostics: go/parser (tests/oracle/goast) on the same input.
  ParsedFile pf =
      parse_file("recover.go",
                 "package p\n\nfunc f() {\n\tx := 1 +\n}\n\nfunc g() {\n\tfor {\n\t\ty = "
                 "= 2\n\t}\n}\n\nfunc h() {}\n");
  EXPECT_EQ(errors_of(pf), (std::vector<std::string>{
                               "recover.go:5:1: expected operand, found '}'",
                               "recover.go:8:2: expected ';', found 'for'",
                               "recover.go:9:7: expected operand, found '='",
                               "recover.go:13:13: expected ';', found 'EOF'",
                           }));
  ParsedFile comma = parse_file("comma.go", "package p\n\nvar x = f(1,\n\t2\n)\n");
  EXPECT_EQ(errors_of(comma),
            std::vector<std::string>{"comma.go:4:3: missing ',' before newline in argument list"});
  ParsedFile tp = parse_file("tparams.go", "package p\n\ntype T[P any, Q] struct{}\n");
  EXPECT_EQ(errors_of(tp),
            std::vector<std::string>{"tparams.go:3:15: all type parameters must be named"});
  // AllErrors reports the follow-on errors go/parser reports with AllErrors.
  ParseOptions all;
  all.all_errors = true;
  ParsedFile e = parse_file("empty.go", "", all);
  EXPECT_EQ(errors_of(e), (std::vector<std::string>{
                              "empty.go:1:1: expected ';', found 'EOF'",
                              "empty.go:1:1: expected 'IDENT', found 'EOF'",
                              "empty.go:1:1: expected 'package', found 'EOF'",
                          }));
}

TEST(Parser, RecoveryKeepsLaterDeclarations) {
  // go/parser on this input: 2 errors, 3 declarations of which 2 functions.
  ParsedFile pf = parse_file("r.go",
                             "package p\nfunc a() {\n\tx := 1 +\n}\n\nfunc b() {\n\tif "
                             "{\n\t}\n}\n\nfunc c() {}\nvar d = 1\n");
  EXPECT_EQ(pf.errors.size(), 2u);
  EXPECT_EQ(pf.file->decls.size(), 3u);
  EXPECT_EQ(find_all<FuncDecl>(pf.file).size(), 2u);
  EXPECT_EQ(find_all<ValueSpec>(pf.file).size(), 1u);
}

TEST(Parser, ManyErrorsStopAfterTen) {
  std::string src = "package p\n";
  for (int i = 0; i < 100; i++) src += "var = \n";
  ParsedFile pf = parse_file("many.go", src);
  EXPECT_FALSE(pf.ok());
  EXPECT_LE(pf.errors.size(), 11u);
  ParseOptions all;
  all.all_errors = true;
  ParsedFile pf2 = parse_file("many.go", src, all);
  EXPECT_GT(pf2.errors.size(), 100u);
}

TEST(Parser, NulBytesAndInvalidUtf8AreRejectedWithoutCrashing) {
  using namespace std::string_literals;
  ParsedFile a = parse_file("nul.go", "package p\nvar x = 1\x00\n"s);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(format_diagnostic(a.errors[0]), "nul.go:2:10: illegal character NUL");
  ParsedFile b = parse_file("utf8.go", "package p\n// caf\xe9\nvar x = 1\n");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(format_diagnostic(b.errors[0]), "utf8.go:2:7: illegal UTF-8 encoding");
  std::string garbage;
  for (int i = 0; i < 4096; i++) garbage += static_cast<char>((i * 7919) & 0xff);
  ParsedFile c = parse_file("garbage.go", garbage);
  EXPECT_FALSE(c.ok());
}

TEST(Parser, TenMegabyteSingleLine) {
  std::string src = "package p; var x = []int{";
  while (src.size() < 10'000'000) src += "12345678, ";
  src += "9}";
  ParsedFile pf = parse_file("long.go", src);
  ASSERT_TRUE(pf.ok());
  auto lits = find_all<CompositeLit>(pf.file);
  ASSERT_EQ(lits.size(), 1u);
  EXPECT_GT(lits[0]->elts.size(), 900'000u);
  Position end = pf.position(lits[0]->rbrace);
  EXPECT_EQ(end.line, 1u);
  EXPECT_EQ(end.col, src.size());
}

std::string nested(const std::string& open, const std::string& mid, const std::string& close,
                   int n) {
  std::string s;
  s.reserve((open.size() + close.size()) * static_cast<size_t>(n) + mid.size());
  for (int i = 0; i < n; i++) s += open;
  s += mid;
  for (int i = 0; i < n; i++) s += close;
  return s;
}

void expect_depth_error(const std::string& src) {
  ParsedFile pf = parse_file("deep.go", src);
  ASSERT_FALSE(pf.ok());
  bool found = false;
  for (const auto& d : pf.errors) found |= d.message == "exceeded max nesting depth";
  EXPECT_TRUE(found) << format_diagnostic(pf.errors[0]);
  std::string out;
  dump_file(pf, out);  // must not crash either
}

TEST(Parser, HundredThousandDeepNestingIsAClearError) {
  const int n = 100'000;
  expect_depth_error("package p\nvar x = " + nested("(", "1", ")", n) + "\n");
  expect_depth_error("package p\nfunc f() " + nested("{", "", "}", n) + "\n");
  expect_depth_error("package p\nvar x " + nested("[]", "int", "", n) + "\n");
  expect_depth_error("package p\nvar x = " + nested("!", "x", "", n) + "\n");
  expect_depth_error("package p\nvar x = " + nested("func() {", "", "}", n) + "\n");
  expect_depth_error("package p\nvar x = " + nested("[]any{", "", "}", n) + "\n");
  expect_depth_error("package p\nfunc f() {" + nested("if x {", "", "}", n) + "}\n");
  expect_depth_error("package p\nvar x " + nested("*", "int", "", n) + "\n");
  expect_depth_error("package p\nvar x " + nested("map[int]", "int", "", n) + "\n");
  expect_depth_error("package p\nvar x " + nested("struct{f ", "int", "}", n) + "\n");
}

TEST(Parser, ModerateNestingIsFine) {
  ParsedFile pf = parse_file("ok.go", "package p\nvar x = " + nested("(", "1", ")", 500) + "\n");
  EXPECT_TRUE(pf.ok());
  // long flat chains are not nesting
  std::string chain = "package p\nvar x = 1";
  for (int i = 0; i < 20000; i++) chain += " + 1";
  ParsedFile c = parse_file("chain.go", chain + "\n");
  EXPECT_TRUE(c.ok()) << format_diagnostic(c.errors[0]);
  // The tree is 20000 deep on its left spine: dumping, walking and positions must not recurse.
  std::string out;
  dump_file(c, out);
  EXPECT_GT(out.size(), 20000u * 10);
  auto bins = find_all<BinaryExpr>(c.file);
  ASSERT_EQ(bins.size(), 20000u);
  Position p = c.position(node_pos(bins[0]));
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.col, 9u);
  EXPECT_EQ(node_end(bins[0]) - 1, static_cast<Pos>(chain.size()));
}

void* dump_deepest_accepted(void* arg) {
  // Nest as deep as the parser accepts on this thread, then dump and walk the result here too.
  auto* ok = static_cast<bool*>(arg);
  int lo = 1;
  int hi = 200'000;
  while (lo < hi) {
    int mid = (lo + hi + 1) / 2;
    ParsedFile pf = parse_file("d.go", "package p\nvar x = " + nested("(", "1", ")", mid) + "\n");
    if (pf.ok()) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  ParsedFile pf = parse_file("d.go", "package p\nvar x = " + nested("(", "1", ")", lo) + "\n");
  std::string out;
  dump_file(pf, out);
  size_t n = 0;
  inspect(pf.file, [&](Node* x) {
    n += x != nullptr;
    return true;
  });
  *ok = pf.ok() && lo > 100 && n > static_cast<size_t>(lo);
  return nullptr;
}

TEST(Parser, DeepestAcceptedTreeCanBeDumpedOnTheSameStack) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, 1024 * 1024), 0);
  pthread_t t;
  bool ok = false;
  ASSERT_EQ(pthread_create(&t, &attr, dump_deepest_accepted, &ok), 0);
  pthread_join(t, nullptr);
  pthread_attr_destroy(&attr);
  EXPECT_TRUE(ok);
}

void* parse_on_small_stack(void* arg) {
  auto* ok = static_cast<bool*>(arg);
  ParsedFile pf =
      parse_file("deep.go", "package p\nvar x = " + nested("(", "1", ")", 100'000) + "\n");
  *ok = !pf.ok() && pf.errors[0].message == "exceeded max nesting depth";
  return nullptr;
}

TEST(Parser, DepthLimitFollowsTheThreadStack) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, 512 * 1024), 0);
  pthread_t t;
  bool ok = false;
  ASSERT_EQ(pthread_create(&t, &attr, parse_on_small_stack, &ok), 0);
  pthread_join(t, nullptr);
  pthread_attr_destroy(&attr);
  EXPECT_TRUE(ok);
}

TEST(Parser, WalkInspectAndPositions) {
  ParsedFile pf = parse_file("w.go", "package p\n\nfunc f(a, b int) int {\n\treturn a + b*2\n}\n");
  ASSERT_TRUE(pf.ok());
  // inspect visits every node once; f(nullptr) after each visited node's children
  int enter = 0;
  int leave = 0;
  inspect(pf.file, [&](Node* n) {
    (n != nullptr ? enter : leave)++;
    return true;
  });
  EXPECT_EQ(enter, leave);
  struct Counter : Visitor {
    std::vector<Kind> kinds;
    bool enter(Node* n) override {
      kinds.push_back(n->kind);
      return n->kind != Kind::BlockStmt;  // skip function bodies
    }
  } v;
  walk(v, pf.file);
  EXPECT_EQ(v.kinds.front(), Kind::File);
  for (Kind k : v.kinds) EXPECT_NE(k, Kind::ReturnStmt);
  auto bins = find_all<BinaryExpr>(pf.file);
  ASSERT_EQ(bins.size(), 2u);
  EXPECT_EQ(text_of(pf, bins[0]), "a + b*2");
  EXPECT_EQ(text_of(pf, bins[1]), "b*2");
  Position p = pf.position(bins[1]->op_pos);
  EXPECT_EQ(p.line, 4u);
  EXPECT_EQ(p.col, 14u);
  EXPECT_EQ(kind_name(Kind::IndexListExpr), "IndexListExpr");
  EXPECT_TRUE(is_expr(Kind::ChanType));
  EXPECT_TRUE(is_stmt(Kind::RangeStmt));
  EXPECT_TRUE(is_decl(Kind::FuncDecl));
  EXPECT_TRUE(is_spec(Kind::TypeSpec));
}

TEST(Parser, ParsedFileOwnsItsSourceAcrossMoves) {
  std::vector<ParsedFile> files;
  for (int i = 0; i < 50; i++) {
    files.push_back(parse_file("m.go", "package p\nvar v" + std::to_string(i) + " = \"s\"\n"));
  }
  for (int i = 0; i < 50; i++) {
    auto specs = find_all<ValueSpec>(files[static_cast<size_t>(i)].file);
    ASSERT_EQ(specs.size(), 1u);
    EXPECT_EQ(specs[0]->names[0]->name, "v" + std::to_string(i));
    EXPECT_EQ(dyn_cast<BasicLit>(specs[0]->values[0])->value, "\"s\"");
  }
}

TEST(Parser, StatementsOfEveryKind) {
  const char* src = R"(package p

func f(ch chan int, m map[string]int) {
L:
	for i := 0; i < 10; i++ {
		switch {
		case i > 5:
			break L
		default:
			continue
		}
	}
	for range ch {
	}
	select {
	case v := <-ch:
		_ = v
	case ch <- 1:
	default:
	}
	switch x := any(m).(type) {
	case nil, int:
		_ = x
	}
	go func() {}()
	defer close(ch)
	var s []int
	s = s[1:2:3]
	goto L
}
)";
  ParsedFile pf = parse_file("s.go", src);
  ASSERT_TRUE(pf.ok()) << errors_of(pf)[0];
  EXPECT_EQ(find_all<LabeledStmt>(pf.file).size(), 1u);
  EXPECT_EQ(find_all<ForStmt>(pf.file).size(), 1u);
  auto ranges = find_all<RangeStmt>(pf.file);
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_EQ(ranges[0]->key, nullptr);
  EXPECT_EQ(ranges[0]->tok, Tok::ILLEGAL);
  EXPECT_EQ(find_all<SelectStmt>(pf.file).size(), 1u);
  EXPECT_EQ(find_all<CommClause>(pf.file).size(), 3u);
  EXPECT_EQ(find_all<TypeSwitchStmt>(pf.file).size(), 1u);
  EXPECT_EQ(find_all<GoStmt>(pf.file).size(), 1u);
  EXPECT_EQ(find_all<DeferStmt>(pf.file).size(), 1u);
  auto slices = find_all<SliceExpr>(pf.file);
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_TRUE(slices[0]->slice3);
  EXPECT_EQ(find_all<BranchStmt>(pf.file).size(), 3u);
}

}  // namespace
}  // namespace oomguard::go
