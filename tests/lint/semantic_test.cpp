#include "lint/semantic.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "core/byte_source.h"
#include "go/parser.h"
#include "go/parser_batch.h"
#include "lint/cfg.h"

namespace oomguard::lint {
namespace {

using ast::Ident;
using Kind = Object::Kind;

// One package parsed from in-memory sources.
struct Pkg {
  std::vector<go::ParsedFile> files;
  std::unique_ptr<PackageInfo> info;

  explicit Pkg(std::vector<std::string> sources) {
    int i = 0;
    for (auto& s : sources) {
      files.push_back(go::parse_file("f" + std::to_string(i++) + ".go", std::move(s)));
      for (const auto& e : files.back().errors) ADD_FAILURE() << format_diagnostic(e);
    }
    std::vector<FileUnit> units;
    for (const auto& f : files) units.push_back({&f, f.filename});
    info = std::make_unique<PackageInfo>(std::move(units));
  }

  // Every identifier named name in file f, in source order.
  std::vector<const Ident*> ids(std::string_view name, size_t f = 0) const {
    std::vector<const Ident*> out;
    ast::inspect(files[f].file, [&](ast::Node* n) {
      if (auto* id = ast::dyn_cast<Ident>(n); id != nullptr && id->name == name) out.push_back(id);
      return true;
    });
    std::sort(out.begin(), out.end(),
              [](const Ident* a, const Ident* b) { return a->name_pos < b->name_pos; });
    return out;
  }
  const Object* obj(const Ident* id) const { return info->object_of(id); }
  // The object of the i-th identifier named name.
  const Object* obj(std::string_view name, size_t i, size_t f = 0) const {
    auto v = ids(name, f);
    if (i >= v.size()) {
      ADD_FAILURE() << "no identifier " << name << " #" << i;
      return nullptr;
    }
    return info->object_of(v[i]);
  }
  int line(const Ident* id, size_t f = 0) const {
    return static_cast<int>(files[f].position(id->name_pos).line);
  }
};

TEST(Semantic, UniverseObjects) {
  ASSERT_NE(universe_object("len"), nullptr);
  EXPECT_EQ(universe_object("len")->kind, Kind::kBuiltin);
  EXPECT_EQ(universe_object("nil")->kind, Kind::kNil);
  EXPECT_EQ(universe_object("iota")->kind, Kind::kConst);
  EXPECT_EQ(universe_object("any")->kind, Kind::kType);
  EXPECT_EQ(universe_object("comparable")->kind, Kind::kType);
  EXPECT_EQ(universe_object("fmt"), nullptr);
  EXPECT_EQ(universe_object("unsafe"), nullptr);
}

TEST(Semantic, ImportNamesAliasesDotAndBlank) {
  Pkg p({R"(package p

import (
	"context"
	ctx2 "context"
	"gopkg.in/yaml.v3"
	"github.com/mattn/go-isatty"
	"github.com/foo/bar/v2"
	"example.com/x/v2/pkg"
	. "os"
	_ "net/http/pprof"
)

func f() {
	_ = context.Background
	_ = ctx2.TODO
	_ = yaml.Marshal
	_ = isatty.IsTerminal
	_ = bar.X
	_ = pkg.Y
	Exit(1)
	_ = pprof.Index
}
)"});
  const Object* c = p.obj("context", 0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, Kind::kPackage);
  EXPECT_EQ(c->import_path, "context");
  EXPECT_EQ(c->ident, nullptr);
  EXPECT_TRUE(c->package_level);
  const Object* alias = p.obj("ctx2", 1);
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->import_path, "context");
  EXPECT_EQ(alias, p.obj("ctx2", 0));  // the declaring identifier
  EXPECT_EQ(p.obj("yaml", 0)->import_path, "gopkg.in/yaml.v3");
  EXPECT_EQ(p.obj("isatty", 0)->import_path, "github.com/mattn/go-isatty");
  EXPECT_EQ(p.obj("bar", 0)->import_path, "github.com/foo/bar/v2");
  EXPECT_EQ(p.obj("pkg", 0)->import_path, "example.com/x/v2/pkg");
  EXPECT_EQ(p.obj("pprof", 0), nullptr);  // blank import declares nothing
  EXPECT_EQ(p.obj("Exit", 0), nullptr);

  // Calls through any local name.
  std::vector<const ast::CallExpr*> calls;
  ast::inspect(p.files[0].file, [&](ast::Node* n) {
    if (auto* c2 = ast::dyn_cast<ast::CallExpr>(n)) calls.push_back(c2);
    return true;
  });
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_TRUE(p.info->is_qualified(calls[0]->fun, "os", "Exit"));
  EXPECT_FALSE(p.info->is_qualified(calls[0]->fun, "os", "Getenv"));
  std::string_view path, name;
  ASSERT_TRUE(p.info->qualified_name(calls[0]->fun, &path, &name));
  EXPECT_EQ(path, "os");
  EXPECT_EQ(name, "Exit");

  std::vector<const ast::SelectorExpr*> sels;
  ast::inspect(p.files[0].file, [&](ast::Node* n) {
    if (auto* s = ast::dyn_cast<ast::SelectorExpr>(n)) sels.push_back(s);
    return true;
  });
  ASSERT_EQ(sels.size(), 7u);
  EXPECT_TRUE(p.info->is_qualified(sels[0], "context", "Background"));
  EXPECT_TRUE(p.info->is_qualified(sels[1], "context", "TODO"));
  EXPECT_FALSE(p.info->is_qualified(sels[1], "context", "Background"));
  EXPECT_FALSE(p.info->is_qualified(sels[6], "net/http/pprof", "Index"));
  EXPECT_EQ(p.obj("Background", 0), nullptr);  // selector names stay unresolved

  EXPECT_TRUE(p.info->imports(0, "os"));
  EXPECT_TRUE(p.info->imports(0, "net/http/pprof"));
  EXPECT_TRUE(p.info->imports(0, "context"));
  EXPECT_FALSE(p.info->imports(0, "fmt"));
  EXPECT_FALSE(p.info->imports(1, "os"));
}

TEST(Semantic, ImportsAreFileScoped) {
  Pkg p(
      {"package p\nimport \"fmt\"\nvar A = fmt.Sprint\n", "package p\nvar fmt = 1\nvar B = fmt\n"});
  EXPECT_EQ(p.obj("fmt", 0, 0)->kind, Kind::kPackage);
  const Object* v = p.obj("fmt", 1, 1);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->kind, Kind::kVar);
  EXPECT_EQ(v->file, 1);
  EXPECT_FALSE(p.info->imports(1, "fmt"));
}

TEST(Semantic, LocalShadowsImport) {
  Pkg p({R"(package p

import "context"

func f(context context.Context) {
	_ = context
}

func g() {
	_ = context.Background()
	{
		context := 1
		_ = context
	}
	_ = context.TODO()
}
)"});
  // f: the parameter's type is resolved before the parameter is declared.
  EXPECT_EQ(p.obj("context", 1)->kind, Kind::kPackage);
  const Object* param = p.obj("context", 0);
  ASSERT_NE(param, nullptr);
  EXPECT_TRUE(param->param);
  EXPECT_EQ(p.obj("context", 2), param);
  EXPECT_EQ(p.obj("context", 3)->kind, Kind::kPackage);
  const Object* local = p.obj("context", 4);
  EXPECT_EQ(local->kind, Kind::kVar);
  EXPECT_EQ(p.obj("context", 5), local);
  EXPECT_EQ(p.obj("context", 6)->kind, Kind::kPackage);
}

TEST(Semantic, ShortVarDeclSeesOuterOnTheRight) {
  Pkg p({R"(package p

import "context"

func f(ctx context.Context) {
	if true {
		ctx := ctx
		_ = ctx
	}
	x := 1
	x, y := 2, x
	_ = y
}
)"});
  auto ctx = p.ids("ctx");
  ASSERT_EQ(ctx.size(), 4u);
  const Object* param = p.obj(ctx[0]);
  const Object* inner = p.obj(ctx[1]);
  EXPECT_NE(param, inner);
  EXPECT_EQ(p.obj(ctx[2]), param);  // right side of ctx := ctx
  EXPECT_EQ(p.obj(ctx[3]), inner);
  EXPECT_EQ(inner->decl->kind, ast::Kind::AssignStmt);
  EXPECT_EQ(inner->loop, nullptr);
  // x, y := 2, x: x is reused (same scope), the right-hand x is the first x.
  auto x = p.ids("x");
  ASSERT_EQ(x.size(), 3u);
  EXPECT_EQ(p.obj(x[1]), p.obj(x[0]));
  EXPECT_EQ(p.obj(x[2]), p.obj(x[0]));
  const auto& uses = p.info->uses(p.obj(x[0]));
  ASSERT_EQ(uses.size(), 2u);
  EXPECT_EQ(uses[0], x[1]);
  EXPECT_EQ(uses[1], x[2]);
}

TEST(Semantic, RedeclarationReusesParamsInFunctionBody) {
  Pkg p({R"(package p

func f() (err error) {
	v, err := g()
	_ = v
	return err
}

func g() (int, error) { return 0, nil }
)"});
  auto err = p.ids("err");
  ASSERT_EQ(err.size(), 3u);
  const Object* res = p.obj(err[0]);
  ASSERT_NE(res, nullptr);
  EXPECT_TRUE(res->result);
  EXPECT_TRUE(res->param);
  EXPECT_EQ(p.obj(err[1]), res);  // := in the body's top level reuses the named result
  EXPECT_EQ(p.obj(err[2]), res);
}

TEST(Semantic, PackageLevelAndLocal) {
  Pkg p({R"(package p

var global = helper()

const K = 2

type T struct{ n int }

func helper() int { return K }

func (t *T) Method() int {
	local := global
	return local + t.n
}
)",
         "package p\nfunc other() *T { return nil }\nfunc init() {}\nfunc init() {}\n"});
  const Object* g = p.obj("global", 0);
  ASSERT_NE(g, nullptr);
  EXPECT_TRUE(g->package_level);
  EXPECT_EQ(g->func, nullptr);
  EXPECT_EQ(g->decl->kind, ast::Kind::ValueSpec);
  EXPECT_EQ(p.obj("global", 1), g);
  EXPECT_EQ(p.info->package_object("global"), g);
  // helper is used before its declaration.
  EXPECT_EQ(p.obj("helper", 0), p.obj("helper", 1));
  EXPECT_EQ(p.obj("helper", 0)->kind, Kind::kFunc);
  EXPECT_EQ(p.obj("K", 1)->kind, Kind::kConst);
  // T across files.
  EXPECT_EQ(p.obj("T", 0, 1), p.obj("T", 0, 0));
  EXPECT_EQ(p.obj("T", 0, 1)->file, 0);
  EXPECT_EQ(p.info->package_object("other")->file, 1);
  // Methods and init are not in the package scope.
  EXPECT_EQ(p.info->package_object("Method"), nullptr);
  EXPECT_EQ(p.info->package_object("init"), nullptr);
  EXPECT_EQ(p.obj("Method", 0), nullptr);
  // Receiver.
  const Object* t = p.obj("t", 0);
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->param);
  EXPECT_FALSE(t->package_level);
  EXPECT_EQ(t->decl->kind, ast::Kind::Field);
  EXPECT_EQ(p.obj("t", 1), t);
  EXPECT_EQ(p.obj("n", 1), nullptr);  // t.n: selector
  const Object* local = p.obj("local", 0);
  EXPECT_FALSE(local->package_level);
  ASSERT_NE(local->func, nullptr);
  EXPECT_EQ(local->func->kind, ast::Kind::FuncDecl);
  // Universe names resolve to the universe objects.
  EXPECT_EQ(p.obj("int", 0), universe_object("int"));
  EXPECT_EQ(p.obj("nil", 0, 1), universe_object("nil"));
}

TEST(Semantic, PackageLevelShadowsUniverse) {
  Pkg p({"package p\nfunc len(x string) int { return 0 }\nvar n = len(\"\")\n"});
  const Object* o = p.obj("len", 1);
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->kind, Kind::kFunc);
  EXPECT_NE(o, universe_object("len"));
}

TEST(Semantic, LoopVariables) {
  Pkg p({R"(package p

func f(xs []int) {
	for i := 0; i < len(xs); i++ {
		i := i
		_ = i
	}
	for k, v := range xs {
		_, _ = k, v
	}
	var j int
	for j = range xs {
	}
	for xs := range xs {
		_ = xs
	}
}
)"});
  auto i = p.ids("i");
  ASSERT_EQ(i.size(), 6u);
  const Object* outer = p.obj(i[0]);
  ASSERT_NE(outer, nullptr);
  ASSERT_NE(outer->loop, nullptr);
  EXPECT_EQ(outer->loop->kind, ast::Kind::ForStmt);
  EXPECT_EQ(p.obj(i[1]), outer);
  EXPECT_EQ(p.obj(i[2]), outer);
  const Object* inner = p.obj(i[3]);
  EXPECT_NE(inner, outer);
  EXPECT_EQ(inner->loop, nullptr);  // declared in the body, not by the for clause
  EXPECT_EQ(p.obj(i[4]), outer);
  EXPECT_EQ(p.obj(i[5]), inner);

  const Object* k = p.obj("k", 0);
  const Object* v = p.obj("v", 0);
  ASSERT_NE(k->loop, nullptr);
  EXPECT_EQ(k->loop->kind, ast::Kind::RangeStmt);
  EXPECT_EQ(k->loop, v->loop);
  EXPECT_EQ(k->decl, k->loop);
  EXPECT_NE(k->loop, outer->loop);
  EXPECT_EQ(p.obj("k", 1), k);

  const Object* j = p.obj("j", 0);
  EXPECT_EQ(j->loop, nullptr);
  EXPECT_EQ(p.obj("j", 1), j);  // for j = range: assignment, not a declaration

  // for xs := range xs: the range expression is the parameter.
  auto xs = p.ids("xs");
  ASSERT_EQ(xs.size(), 7u);
  const Object* param = p.obj(xs[0]);
  EXPECT_EQ(p.obj(xs[5]), param);
  const Object* rv = p.obj(xs[4]);
  EXPECT_NE(rv, param);
  EXPECT_EQ(p.obj(xs[6]), rv);
  EXPECT_NE(rv->loop, nullptr);
}

TEST(Semantic, TypeSwitchAndSwitchScopes) {
  Pkg p({R"(package p

func f(y interface{}) int {
	switch x := y.(type) {
	case int:
		return x
	case string:
		return len(x)
	default:
		_ = x
	}
	switch z := 1; z {
	case 1:
		z := 2
		_ = z
	}
	return 0
}
)"});
  auto x = p.ids("x");
  ASSERT_EQ(x.size(), 4u);
  const Object* sym = p.obj(x[0]);
  ASSERT_NE(sym, nullptr);
  EXPECT_EQ(sym->decl->kind, ast::Kind::TypeSwitchStmt);
  EXPECT_EQ(p.obj(x[1]), sym);
  EXPECT_EQ(p.obj(x[2]), sym);
  EXPECT_EQ(p.obj(x[3]), sym);
  EXPECT_EQ(p.info->uses(sym).size(), 3u);
  auto z = p.ids("z");
  ASSERT_EQ(z.size(), 4u);
  EXPECT_EQ(p.obj(z[1]), p.obj(z[0]));
  EXPECT_NE(p.obj(z[2]), p.obj(z[0]));  // the case clause is its own block
  EXPECT_EQ(p.obj(z[3]), p.obj(z[2]));
}

TEST(Semantic, IfElseScopes) {
  Pkg p({R"(package p

func f() {
	if v := g(); v > 0 {
		_ = v
	} else if w := v; w > 0 {
		_ = w
	} else {
		_ = v + w
	}
	_ = v
}

func g() int { return 0 }
var v = 1
)"});
  auto v = p.ids("v");
  ASSERT_EQ(v.size(), 7u);
  const Object* local = p.obj(v[0]);
  EXPECT_FALSE(local->package_level);
  for (int i = 1; i <= 4; i++) EXPECT_EQ(p.obj(v[i]), local) << i;
  EXPECT_TRUE(p.obj(v[5])->package_level);  // after the if statement
  EXPECT_EQ(p.obj(v[6]), p.obj(v[5]));
  auto w = p.ids("w");
  EXPECT_EQ(p.obj(w[2]), p.obj(w[0]));
}

TEST(Semantic, SelectClauses) {
  Pkg p({R"(package p

func f(c chan int, d chan string) {
	select {
	case v := <-c:
		_ = v
	case v, ok := <-d:
		_, _ = v, ok
	case c <- 1:
	default:
	}
}
)"});
  auto v = p.ids("v");
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(p.obj(v[1]), p.obj(v[0]));
  EXPECT_EQ(p.obj(v[3]), p.obj(v[2]));
  EXPECT_NE(p.obj(v[0]), p.obj(v[2]));
}

TEST(Semantic, VarDeclVisibleAfterSpec) {
  Pkg p({R"(package p

var a = 1

func f() {
	var a = a + 1
	const c, d = iota, c
	type T struct{ next *T }
	var t T
	_, _ = a, t
}
)"});
  auto a = p.ids("a");
  ASSERT_EQ(a.size(), 4u);
  EXPECT_TRUE(p.obj(a[2])->package_level);  // var a = a + 1: the right side is the global
  EXPECT_FALSE(p.obj(a[1])->package_level);
  EXPECT_EQ(p.obj(a[3]), p.obj(a[1]));
  auto c = p.ids("c");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(p.obj(c[1]), nullptr);  // not yet declared inside its own spec
  auto t = p.ids("T");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(p.obj(t[1]), p.obj(t[0]));  // recursive local type
  EXPECT_EQ(p.obj(t[2]), p.obj(t[0]));
  EXPECT_EQ(p.obj(t[0])->kind, Kind::kType);
  EXPECT_EQ(p.obj("iota", 0), universe_object("iota"));
}

TEST(Semantic, Labels) {
  Pkg p({R"(package p

func f() {
	goto done
outer:
	for {
		for {
			continue outer
		}
		break outer
	}
done:
	func() {
	done:
		goto done
	}()
}
)"});
  auto done = p.ids("done");
  ASSERT_EQ(done.size(), 4u);
  const Object* l = p.obj(done[1]);
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->kind, Kind::kLabel);
  EXPECT_EQ(l->decl->kind, ast::Kind::LabeledStmt);
  EXPECT_EQ(p.obj(done[0]), l);  // forward goto
  const Object* inner = p.obj(done[2]);
  EXPECT_NE(inner, l);  // a function literal has its own labels
  EXPECT_EQ(p.obj(done[3]), inner);
  auto outer = p.ids("outer");
  EXPECT_EQ(p.obj(outer[1]), p.obj(outer[0]));
  EXPECT_EQ(p.obj(outer[2]), p.obj(outer[0]));
  EXPECT_EQ(p.info->uses(p.obj(outer[0])).size(), 2u);
}

TEST(Semantic, LabelsAndVariablesAreSeparateNamespaces) {
  Pkg p({"package p\nfunc f() {\n\tx := 1\nx:\n\tfor {\n\t\t_ = x\n\t\tbreak x\n\t}\n}\n"});
  auto x = p.ids("x");
  ASSERT_EQ(x.size(), 4u);
  EXPECT_EQ(p.obj(x[0])->kind, Kind::kVar);
  EXPECT_EQ(p.obj(x[1])->kind, Kind::kLabel);
  EXPECT_EQ(p.obj(x[2]), p.obj(x[0]));
  EXPECT_EQ(p.obj(x[3]), p.obj(x[1]));
}

TEST(Semantic, ClosuresReferToOuterVariables) {
  Pkg p({R"(package p

func f() func() int {
	n := 0
	g := func(m int) (r int) {
		n++
		r = n + m
		return
	}
	_ = g
	return func() int { return n }
}
)"});
  auto n = p.ids("n");
  ASSERT_EQ(n.size(), 4u);
  const Object* obj = p.obj(n[0]);
  EXPECT_EQ(obj->func->kind, ast::Kind::FuncDecl);
  for (int i = 1; i < 4; i++) EXPECT_EQ(p.obj(n[i]), obj);
  const Object* m = p.obj("m", 0);
  EXPECT_TRUE(m->param);
  ASSERT_NE(m->func, nullptr);
  EXPECT_EQ(m->func->kind, ast::Kind::FuncLit);
  EXPECT_EQ(p.obj("m", 1), m);
  const Object* r = p.obj("r", 0);
  EXPECT_TRUE(r->result);
  EXPECT_EQ(p.obj("r", 1), r);
  EXPECT_EQ(p.obj("m", 0, 0)->func, p.obj("r", 0)->func);
  const auto& uses = p.info->uses(obj);
  ASSERT_EQ(uses.size(), 3u);
  EXPECT_LT(uses[0]->name_pos, uses[1]->name_pos);
  EXPECT_LT(uses[1]->name_pos, uses[2]->name_pos);
}

TEST(Semantic, Generics) {
  Pkg p({R"(package p

type List[T any] struct {
	items []T
}

func (l *List[E]) Push(v E) { l.items = append(l.items, v) }

func Map[S ~[]E, E any, R any](s S, f func(E) R) []R {
	var out []R
	for _, e := range s {
		out = append(out, f(e))
	}
	return out
}

var T = 1
)"});
  auto t = p.ids("T");
  ASSERT_EQ(t.size(), 3u);
  const Object* tp = p.obj(t[0]);
  ASSERT_NE(tp, nullptr);
  EXPECT_EQ(tp->kind, Kind::kType);
  EXPECT_FALSE(tp->package_level);
  EXPECT_EQ(p.obj(t[1]), tp);
  EXPECT_TRUE(p.obj(t[2])->package_level);
  // Receiver type parameter E.
  auto e = p.ids("E");
  ASSERT_GE(e.size(), 2u);
  const Object* re = p.obj(e[0]);
  ASSERT_NE(re, nullptr);
  EXPECT_EQ(re->kind, Kind::kType);
  EXPECT_EQ(re->decl->kind, ast::Kind::Field);
  EXPECT_EQ(p.obj(e[1]), re);
  // Map's E is used in S's constraint before it is declared in the list.
  ASSERT_EQ(e.size(), 5u);
  const Object* me = p.obj(e[3]);
  EXPECT_NE(me, re);
  EXPECT_EQ(p.obj(e[2]), me);
  EXPECT_EQ(p.obj(e[4]), me);
  EXPECT_EQ(p.obj("List", 1), p.obj("List", 0));
  auto r = p.ids("R");
  for (size_t i = 1; i < r.size(); i++) EXPECT_EQ(p.obj(r[i]), p.obj(r[0]));
}

TEST(Semantic, CompositeLiteralKeys) {
  Pkg p({R"(package p

import "net/http"

type S struct{ Name, ctx int }

const key = "k"

func f(ctx int) {
	Name := 1
	_ = S{Name: Name, ctx: ctx}
	_ = []S{{Name: 2}}
	_ = map[string]int{key: 1}
	_ = [...]string{key2: "x"}
	_ = http.Server{Addr: key}
	_ = struct{ a int }{a: 1}
	_ = map[S]int{{Name: 1}: 2}
}

const key2 = 3
)"});
  auto name = p.ids("Name");
  ASSERT_EQ(name.size(), 6u);
  EXPECT_EQ(p.obj(name[0]), nullptr);  // field declaration
  const Object* local = p.obj(name[1]);
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(p.obj(name[2]), nullptr);  // struct literal key
  EXPECT_EQ(p.obj(name[3]), local);
  EXPECT_EQ(p.obj(name[4]), nullptr);  // elided element type []S
  EXPECT_EQ(p.obj(name[5]), nullptr);  // elided map key type S
  auto ctx = p.ids("ctx");
  ASSERT_EQ(ctx.size(), 4u);
  EXPECT_EQ(p.obj(ctx[2]), nullptr);
  EXPECT_EQ(p.obj(ctx[3]), p.obj(ctx[1]));
  EXPECT_EQ(p.info->uses(p.obj(ctx[1])).size(), 1u);
  auto key = p.ids("key");
  ASSERT_EQ(key.size(), 3u);
  EXPECT_EQ(p.obj(key[1]), p.obj(key[0]));  // map key: an expression
  EXPECT_EQ(p.obj(key[2]), p.obj(key[0]));
  EXPECT_EQ(p.obj("key2", 0), p.obj("key2", 1));  // array index
  EXPECT_EQ(p.obj("Addr", 0), nullptr);
  EXPECT_EQ(p.obj("a", 1), nullptr);
}

TEST(Semantic, UsesInSourceOrderAcrossFiles) {
  Pkg p({"package p\nvar X int\nfunc a() { _ = X; _ = X }\n", "package p\nfunc b() { X = 2 }\n"});
  const Object* x = p.info->package_object("X");
  ASSERT_NE(x, nullptr);
  const auto& uses = p.info->uses(x);
  ASSERT_EQ(uses.size(), 3u);
  EXPECT_EQ(uses[0], p.ids("X", 0)[1]);
  EXPECT_EQ(uses[1], p.ids("X", 0)[2]);
  EXPECT_EQ(uses[2], p.ids("X", 1)[0]);
  EXPECT_TRUE(p.info->uses(p.info->package_object("a")).empty());
}

TEST(Semantic, FileOf) {
  Pkg p({"package p\nfunc a() { x := 1; _ = x }\n",
         "package p\nfunc b() { y := 2; _ = y; for { break } }\n", "package p\n"});
  EXPECT_EQ(p.info->file_of(p.files[0].file), 0);
  EXPECT_EQ(p.info->file_of(p.files[1].file->decls[0]), 1);
  EXPECT_EQ(p.info->file_of(p.ids("x", 0)[1]), 0);
  EXPECT_EQ(p.info->file_of(p.ids("y", 1)[1]), 1);
  EXPECT_EQ(p.info->file_of(p.files[2].file->name), 2);
  EXPECT_EQ(p.obj("y", 0, 1)->file, 1);
  // No text below a bare `break`: the arena-page fallback.
  const ast::Node* brk = nullptr;
  ast::inspect(p.files[1].file, [&](ast::Node* n) {
    if (ast::isa<ast::BranchStmt>(n)) brk = n;
    return true;
  });
  ASSERT_NE(brk, nullptr);
  EXPECT_EQ(p.info->file_of(brk), 1);
  go::ParsedFile other = go::parse_file("o.go", "package q\n");
  EXPECT_EQ(p.info->file_of(other.file), -1);
}

TEST(Semantic, DotImportsAmbiguous) {
  Pkg p({"package p\nimport (\n\t. \"os\"\n\t. \"log\"\n)\nfunc f() { Exit(1); Fatal(2) }\n"});
  std::vector<const ast::CallExpr*> calls;
  ast::inspect(p.files[0].file, [&](ast::Node* n) {
    if (auto* c = ast::dyn_cast<ast::CallExpr>(n)) calls.push_back(c);
    return true;
  });
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_TRUE(p.info->is_qualified(calls[0]->fun, "os", "Exit"));
  EXPECT_TRUE(p.info->is_qualified(calls[1]->fun, "log", "Fatal"));
  std::string_view path, name;
  EXPECT_FALSE(p.info->qualified_name(calls[0]->fun, &path, &name));
}

TEST(Semantic, FuncTypeParamsAreTheirOwnScope) {
  Pkg p({R"(package p

type I interface {
	Read(p []byte) (n int, err error)
}

var cb func(x int) int

func f(x string) {
	var g func(x bool)
	_, _ = g, x
}
)"});
  auto x = p.ids("x");
  ASSERT_EQ(x.size(), 4u);
  EXPECT_EQ(p.obj(x[3]), p.obj(x[1]));  // f's parameter, not g's type's
  EXPECT_NE(p.obj(x[2]), p.obj(x[1]));
  EXPECT_EQ(p.obj("Read", 0), nullptr);
}

TEST(Semantic, DeepTreesDoNotOverflowTheStack) {
  // A long operator chain is parsed in a loop but is a very deep tree.
  std::string src = "package p\nvar y = 1\nvar x = y";
  for (int i = 0; i < 90000; i++) src += " + y";
  src += "\nfunc f() {\n";
  for (int i = 0; i < 3000; i++) src += "{\n";
  src += "z := y\n_ = z\n";
  for (int i = 0; i < 3000; i++) src += "}\n";
  src += "}\n";
  go::ParsedFile pf = go::parse_file("deep.go", std::move(src));
  for (const auto& e : pf.errors) ADD_FAILURE() << format_diagnostic(e);
  PackageInfo info({{&pf, pf.filename}});
  const Object* y = info.package_object("y");
  ASSERT_NE(y, nullptr);
  EXPECT_GT(info.uses(y).size(), 0u);
  for (ast::Node* d : pf.file->decls) {
    if (auto* fd = ast::dyn_cast<ast::FuncDecl>(d)) {
      auto g = Cfg::build(fd->body, &info);
      EXPECT_FALSE(g->blocks().empty());
    }
  }
}

// ---------------------------------------------------------------- GOROOT sweep

// Parses every *.go file under GOROOT/src, groups files by directory and package clause,
// resolves each package and builds the graph of every function body, checking invariants on
// the way. Disabled by default (a few seconds); run with --gtest_also_run_disabled_tests.
TEST(SemanticSweep, DISABLED_GorootSrc) {
  const char* env = std::getenv("OOMGUARD_GOROOT_SRC");
  std::string root = env != nullptr ? env : "/usr/lib/go-1.19/src";
  std::vector<Diagnostic> diags;
  auto paths = go::find_all_go_files({root}, &diags);
  ASSERT_GT(paths.size(), 1000u);
  std::vector<std::string> sources;
  for (const auto& p : paths) {
    auto r = read_file(p);
    sources.push_back(r.ok() ? std::move(r.value()) : std::string());
  }
  // Thread CPU time: the machine may be shared, and wall time would mostly measure that.
  struct Clock {
    static timespec now() {
      timespec t{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
      return t;
    }
  };
  auto secs = [](timespec a, timespec b) {
    return static_cast<double>(b.tv_sec - a.tv_sec) +
           1e-9 * static_cast<double>(b.tv_nsec - a.tv_nsec);
  };
  auto t0 = Clock::now();
  std::vector<go::ParsedFile> parsed;
  parsed.reserve(paths.size());
  for (size_t i = 0; i < paths.size(); i++) parsed.push_back(go::parse_file(paths[i], sources[i]));
  auto t1 = Clock::now();
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> groups;
  for (size_t i = 0; i < paths.size(); i++) {
    std::string dir = paths[i].substr(0, paths[i].rfind('/'));
    std::string name =
        parsed[i].file->name != nullptr ? std::string(parsed[i].file->name->name) : "";
    groups[{dir, name}].push_back(i);
  }
  double resolve_s = 0, cfg_s = 0, uses_s = 0;
  size_t idents = 0, resolved = 0, funcs = 0, blocks = 0;
  for (const auto& group : groups) {
    const auto& members = group.second;  // not a structured binding: clang 14 cannot capture one
    std::vector<FileUnit> units;
    for (size_t i : members) units.push_back({&parsed[i], parsed[i].filename});
    auto a = Clock::now();
    PackageInfo info(units);
    auto b = Clock::now();
    resolve_s += secs(a, b);
    std::vector<const ast::BlockStmt*> bodies;
    for (size_t k = 0; k < members.size(); k++) {
      ast::inspect(parsed[members[k]].file, [&](ast::Node* n) {
        if (n == nullptr) return true;
        if (auto* fd = ast::dyn_cast<ast::FuncDecl>(n); fd != nullptr && fd->body != nullptr) {
          bodies.push_back(fd->body);
        } else if (auto* fl = ast::dyn_cast<ast::FuncLit>(n)) {
          bodies.push_back(fl->body);
        } else if (auto* id = ast::dyn_cast<Ident>(n)) {
          idents++;
          const Object* o = info.object_of(id);
          if (o != nullptr) {
            resolved++;
            if (o->ident == id && o->file != static_cast<int>(k)) {
              ADD_FAILURE() << parsed[members[k]].filename << ": declaration in wrong file";
            }
          }
        }
        return true;
      });
    }
    auto c = Clock::now();
    for (const ast::BlockStmt* body : bodies) {
      auto g = Cfg::build(body, &info);
      funcs++;
      blocks += g->blocks().size();
      for (const auto& blk : g->blocks()) {
        for (const CfgBlock* s : blk->succs) {
          if (std::find(s->preds.begin(), s->preds.end(), blk.get()) == s->preds.end()) {
            ADD_FAILURE() << "succ without pred";
          }
        }
        for (size_t i = 0; i < blk->nodes.size(); i++) {
          auto [lb, li] = g->locate(blk->nodes[i]);
          if (lb != blk.get() || li != static_cast<int>(i)) ADD_FAILURE() << "locate mismatch";
        }
      }
    }
    cfg_s += secs(c, Clock::now());
    // Use lists: a few objects (scans), then enough to build every list; each list must hold
    // exactly the identifiers object_of maps to the object, in order.
    auto u = Clock::now();
    std::vector<const Object*> objs;
    for (size_t k = 0; k < members.size(); k++) {
      for (const ast::Node* d : parsed[members[k]].file->decls) {
        if (auto* fd = ast::dyn_cast<ast::FuncDecl>(d); fd != nullptr && objs.size() < 40) {
          if (const Object* o = info.object_of(fd->name)) objs.push_back(o);
        }
      }
    }
    for (const Object* o : objs) (void)info.uses(o);
    uses_s += secs(u, Clock::now());
    for (const Object* o : objs) {
      const auto& list = info.uses(o);
      for (size_t j = 0; j < list.size(); j++) {
        if (info.object_of(list[j]) != o) ADD_FAILURE() << "use of another object";
        if (j > 0 && info.file_of(list[j - 1]) == info.file_of(list[j]) &&
            list[j - 1]->name_pos >= list[j]->name_pos) {
          ADD_FAILURE() << "uses out of order";
        }
      }
    }
    // file_of on a sample: each file's first declaration.
    for (size_t k = 0; k < members.size(); k++) {
      const ast::File* f = parsed[members[k]].file;
      for (const ast::Node* d : f->decls) EXPECT_EQ(info.file_of(d), static_cast<int>(k));
    }
  }
  double parse_s = secs(t0, t1);
  std::printf(
      "GOROOT/src (thread CPU time): %zu files, %zu packages; parse %.3fs, resolve %.3fs, cfg "
      "%.3fs (%zu functions, %zu blocks), uses() of up to 40 functions per package %.3fs; %zu "
      "identifiers, %zu resolved\n",
      paths.size(), groups.size(), parse_s, resolve_s, cfg_s, funcs, blocks, uses_s, idents,
      resolved);
}

}  // namespace
}  // namespace oomguard::lint
