#include "lint/cfg.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "go/parser.h"
#include "lint/semantic.h"

namespace oomguard::lint {
namespace {

using BK = CfgBlock::Kind;
using Exit = CfgBlock::Exit;

// One file; the graph of function `f` (or another named function).
struct Graph {
  go::ParsedFile pf;
  std::unique_ptr<PackageInfo> info;
  std::unique_ptr<Cfg> g;

  explicit Graph(std::string src, std::string_view func = "f", bool with_info = true) {
    pf = go::parse_file("x.go", std::move(src));
    for (const auto& e : pf.errors) ADD_FAILURE() << format_diagnostic(e);
    info = std::make_unique<PackageInfo>(std::vector<FileUnit>{{&pf, pf.filename}});
    for (ast::Node* d : pf.file->decls) {
      if (auto* fd = ast::dyn_cast<ast::FuncDecl>(d); fd != nullptr && fd->name->name == func) {
        g = Cfg::build(fd->body, with_info ? info.get() : nullptr);
      }
    }
    if (g == nullptr) ADD_FAILURE() << "no function " << func;
  }

  uint32_t line_of(const ast::Node* n) const { return pf.position(ast::node_pos(n)).line; }

  // The block holding the (first) node that starts on line `line`.
  const CfgBlock* at(uint32_t line) const {
    for (const auto& b : g->blocks()) {
      for (const ast::Node* n : b->nodes) {
        if (line_of(n) == line) return b.get();
      }
    }
    ADD_FAILURE() << "no node on line " << line << "\n" << g->dump(pf);
    static const CfgBlock kNone;
    return &kNone;
  }
  // The node starting on line `line` in its block.
  const ast::Node* node(uint32_t line) const {
    for (const auto& b : g->blocks()) {
      for (const ast::Node* n : b->nodes) {
        if (line_of(n) == line) return n;
      }
    }
    return nullptr;
  }
  std::string dump() const { return g->dump(pf); }
};

bool has_succ(const CfgBlock* from, const CfgBlock* to) {
  return std::find(from->succs.begin(), from->succs.end(), to) != from->succs.end();
}

// Is `to` reachable from `from` (following successors)?
bool reaches(const CfgBlock* from, const CfgBlock* to) {
  std::vector<const CfgBlock*> stack{from}, seen;
  while (!stack.empty()) {
    const CfgBlock* b = stack.back();
    stack.pop_back();
    if (b == to) return true;
    if (std::find(seen.begin(), seen.end(), b) != seen.end()) continue;
    seen.push_back(b);
    for (const CfgBlock* s : b->succs) stack.push_back(s);
  }
  return false;
}

TEST(Cfg, StraightLineFallsOffTheEnd) {
  Graph t(R"(package p
func f() {
	x := 1
	x++
	defer println(x)
	go func() { return }()
}
)");
  const CfgBlock* e = t.g->entry();
  EXPECT_EQ(e->kind, BK::kEntry);
  ASSERT_EQ(e->nodes.size(), 4u) << t.dump();
  EXPECT_TRUE(e->succs.empty());
  EXPECT_EQ(e->exit, Exit::kFallOffEnd);
  EXPECT_TRUE(e->live);
  auto rb = t.g->return_blocks();
  ASSERT_EQ(rb.size(), 1u);
  EXPECT_EQ(rb[0], e);
  // The return inside the func literal is not part of this graph.
  const ast::Node* ret = nullptr;
  ast::inspect(t.pf.file, [&](ast::Node* n) {
    if (ast::isa<ast::ReturnStmt>(n)) ret = n;
    return true;
  });
  ASSERT_NE(ret, nullptr);
  EXPECT_EQ(t.g->locate(ret).first, nullptr);
  EXPECT_EQ(t.g->locate(ret).second, -1);
  auto [b, i] = t.g->locate(e->nodes[2]);
  EXPECT_EQ(b, e);
  EXPECT_EQ(i, 2);
}

TEST(Cfg, EmptyBody) {
  Graph t("package p\nfunc f() {}\n");
  EXPECT_EQ(t.g->entry()->exit, Exit::kFallOffEnd);
  EXPECT_EQ(t.g->return_blocks().size(), 1u);
}

TEST(Cfg, IfElseChains) {
  Graph t(R"(package p
func f(a, b int) int {
	if x := a; x > 0 {
		return 1
	} else if b > 0 {
		a++
	} else {
		b++
	}
	return a + b
}
)");
  const CfgBlock* head = t.at(3);  // init and cond
  ASSERT_EQ(head->nodes.size(), 2u) << t.dump();
  EXPECT_EQ(head->nodes[0]->kind, ast::Kind::AssignStmt);
  EXPECT_EQ(head->nodes[1]->kind, ast::Kind::BinaryExpr);
  ASSERT_EQ(head->succs.size(), 2u);
  const CfgBlock* then = head->succs[0];
  const CfgBlock* els = head->succs[1];
  EXPECT_EQ(then->kind, BK::kIfThen);
  EXPECT_EQ(els->kind, BK::kIfElse);
  EXPECT_EQ(then, t.at(4));
  EXPECT_EQ(then->exit, Exit::kReturn);
  EXPECT_TRUE(then->succs.empty());
  EXPECT_EQ(then->exit_node, t.node(4));
  EXPECT_EQ(els, t.at(5));  // the else-if condition
  ASSERT_EQ(els->succs.size(), 2u);
  EXPECT_EQ(els->succs[0], t.at(6));
  EXPECT_EQ(els->succs[1], t.at(8));
  const CfgBlock* final_block = t.at(10);
  EXPECT_TRUE(reaches(t.at(6), final_block));
  EXPECT_TRUE(reaches(t.at(8), final_block));
  EXPECT_FALSE(reaches(then, final_block));
  EXPECT_EQ(final_block->exit, Exit::kReturn);
  auto rb = t.g->return_blocks();
  EXPECT_EQ(rb.size(), 2u);  // the two returns; the block after the last return is dead
}

TEST(Cfg, IfWithoutElse) {
  Graph t("package p\nfunc f(c bool) {\n\tif c {\n\t\tprintln()\n\t}\n\tprintln(1)\n}\n");
  const CfgBlock* head = t.at(3);
  ASSERT_EQ(head->succs.size(), 2u);
  EXPECT_EQ(head->succs[0], t.at(4));
  EXPECT_EQ(head->succs[1], t.at(6));
  EXPECT_EQ(head->succs[1]->kind, BK::kIfDone);
  EXPECT_TRUE(has_succ(t.at(4), t.at(6)));
}

TEST(Cfg, ForLoop) {
  Graph t(R"(package p
func f(n int) {
	for i := 0; i < n; i++ {
		if i == 3 {
			continue
		}
		println(i)
	}
	println()
}
)");
  const CfgBlock* init = t.at(3);  // entry holds the init; cond and post are on line 3 too
  EXPECT_EQ(init->kind, BK::kEntry);
  ASSERT_EQ(init->succs.size(), 1u);
  const CfgBlock* cond = init->succs[0];
  EXPECT_EQ(cond->kind, BK::kForCond);
  ASSERT_EQ(cond->nodes.size(), 1u);
  EXPECT_EQ(cond->nodes[0]->kind, ast::Kind::BinaryExpr);
  ASSERT_EQ(cond->succs.size(), 2u);
  const CfgBlock* body = cond->succs[0];
  const CfgBlock* done = cond->succs[1];
  EXPECT_EQ(body->kind, BK::kForBody);
  EXPECT_EQ(done->kind, BK::kForDone);
  EXPECT_EQ(done, t.at(9));
  const CfgBlock* post = nullptr;
  for (const auto& b : t.g->blocks()) {
    if (b->kind == BK::kForPost) post = b.get();
  }
  ASSERT_NE(post, nullptr);
  ASSERT_EQ(post->nodes.size(), 1u);
  EXPECT_EQ(post->nodes[0]->kind, ast::Kind::IncDecStmt);
  EXPECT_EQ(post->succs, std::vector<CfgBlock*>{const_cast<CfgBlock*>(cond)});
  // continue jumps to the post statement.
  const CfgBlock* cont = t.at(5);
  EXPECT_EQ(cont->nodes.back()->kind, ast::Kind::BranchStmt);
  EXPECT_TRUE(has_succ(cont, post));
  EXPECT_TRUE(has_succ(t.at(7), post));
  EXPECT_EQ(body->stmt->kind, ast::Kind::ForStmt);
}

TEST(Cfg, InfiniteLoopWithoutBreak) {
  Graph t(R"(package p
func f(c chan int) {
	for {
		<-c
	}
	println("never")
}
)");
  const CfgBlock* after = t.at(6);
  EXPECT_EQ(after->kind, BK::kForDone);
  EXPECT_FALSE(after->live);
  EXPECT_TRUE(after->preds.empty());
  EXPECT_TRUE(t.g->return_blocks().empty());
  const CfgBlock* body = t.at(4);
  EXPECT_TRUE(body->live);
  EXPECT_TRUE(reaches(body, body->succs[0]));
  EXPECT_TRUE(reaches(body->succs[0], body));  // back edge
}

TEST(Cfg, InfiniteLoopWithBreak) {
  Graph t(R"(package p
func f(c chan int) {
	for {
		if <-c == 0 {
			break
		}
	}
	println("after")
}
)");
  const CfgBlock* after = t.at(8);
  EXPECT_TRUE(after->live);
  EXPECT_TRUE(has_succ(t.at(5), after));
  EXPECT_EQ(t.g->return_blocks().size(), 1u);
}

TEST(Cfg, LabeledBreakAndContinue) {
  Graph t(R"(package p
func f(m [][]int) {
outer:
	for _, row := range m {
		for _, v := range row {
			if v < 0 {
				continue outer
			}
			if v == 0 {
				break outer
			}
		}
	}
	println()
}
)");
  const CfgBlock* cont = t.at(7);
  const CfgBlock* brk = t.at(10);
  ASSERT_EQ(cont->succs.size(), 1u);
  EXPECT_EQ(cont->succs[0]->kind, BK::kRangeHead);
  // The outer range's head: its stmt is the outer RangeStmt (whose x is on line 4).
  const auto* outer = ast::dyn_cast<ast::RangeStmt>(cont->succs[0]->stmt);
  ASSERT_NE(outer, nullptr);
  EXPECT_EQ(t.line_of(outer), 4u);
  ASSERT_EQ(brk->succs.size(), 1u);
  EXPECT_EQ(brk->succs[0], t.at(14));
  EXPECT_EQ(t.at(14)->kind, BK::kRangeDone);
  EXPECT_EQ(t.at(14)->stmt, outer);
  // The label's block comes before the loop.
  const CfgBlock* label = nullptr;
  for (const auto& b : t.g->blocks()) {
    if (b->kind == BK::kLabel) label = b.get();
  }
  ASSERT_NE(label, nullptr);
  EXPECT_TRUE(label->live);
  EXPECT_EQ(label->stmt->kind, ast::Kind::LabeledStmt);
  ASSERT_EQ(label->nodes.size(), 1u);  // the range expression m
  EXPECT_EQ(label->nodes[0]->kind, ast::Kind::Ident);
}

TEST(Cfg, RangeLoop) {
  Graph t(R"(package p
func f(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}
)");
  const CfgBlock* e = t.g->entry();
  ASSERT_EQ(e->nodes.size(), 2u) << t.dump();  // s := 0; xs
  EXPECT_EQ(e->nodes[1]->kind, ast::Kind::Ident);
  ASSERT_EQ(e->succs.size(), 1u);
  const CfgBlock* head = e->succs[0];
  EXPECT_EQ(head->kind, BK::kRangeHead);
  ASSERT_EQ(head->succs.size(), 2u);
  EXPECT_EQ(head->succs[0], t.at(5));
  EXPECT_EQ(head->succs[1], t.at(7));
  EXPECT_TRUE(has_succ(t.at(5), head));
}

TEST(Cfg, SwitchCasesDefaultAndFallthrough) {
  Graph t(R"(package p
func f(x int) {
	switch y := x; y {
	case 1, 2:
		println("a")
		fallthrough
	default:
		println("d")
	case 3:
		println("c")
	}
	println("end")
}
)");
  const CfgBlock* head = t.at(3);
  // init, tag, then the first case expression.
  ASSERT_EQ(head->nodes.size(), 3u) << t.dump();
  EXPECT_EQ(head->nodes[0]->kind, ast::Kind::AssignStmt);
  EXPECT_EQ(head->nodes[1]->kind, ast::Kind::Ident);
  EXPECT_EQ(head->nodes[2]->kind, ast::Kind::BasicLit);
  const CfgBlock* a = t.at(5);
  const CfgBlock* d = t.at(8);
  const CfgBlock* c = t.at(10);
  const CfgBlock* end = t.at(12);
  EXPECT_EQ(a->kind, BK::kSwitchCase);
  EXPECT_EQ(end->kind, BK::kSwitchDone);
  ASSERT_EQ(head->succs.size(), 2u);
  EXPECT_EQ(head->succs[0], a);
  // case 2 is tested next, then case 3, and only then the default.
  const CfgBlock* test2 = head->succs[1];
  ASSERT_EQ(test2->nodes.size(), 1u);
  ASSERT_EQ(test2->succs.size(), 2u);
  EXPECT_EQ(test2->succs[0], a);
  const CfgBlock* test3 = test2->succs[1];
  ASSERT_EQ(test3->nodes.size(), 1u);
  EXPECT_EQ(t.line_of(test3->nodes[0]), 9u);
  ASSERT_EQ(test3->succs.size(), 2u);
  EXPECT_EQ(test3->succs[0], c);
  const CfgBlock* no_match = test3->succs[1];
  EXPECT_EQ(no_match->succs, std::vector<CfgBlock*>{const_cast<CfgBlock*>(d)});
  // fallthrough goes to the next clause in source order (the default).
  EXPECT_TRUE(has_succ(a, d));
  EXPECT_FALSE(has_succ(a, end));
  EXPECT_TRUE(has_succ(d, end));
  EXPECT_TRUE(has_succ(c, end));
}

TEST(Cfg, SwitchWithoutDefault) {
  Graph t(R"(package p
func f(x int) {
	switch {
	case x > 1:
		return
	}
	println()
}
)");
  const CfgBlock* head = t.at(4);
  ASSERT_EQ(head->succs.size(), 2u);
  EXPECT_EQ(head->succs[0], t.at(5));
  EXPECT_TRUE(reaches(head->succs[1], t.at(7)));
  EXPECT_TRUE(t.at(7)->live);
}

TEST(Cfg, TypeSwitch) {
  Graph t(R"(package p
func f(v interface{}) int {
	switch x := v.(type) {
	case int:
		return x
	case string, []byte:
		return len(x)
	}
	return -1
}
)");
  const CfgBlock* head = t.at(3);
  ASSERT_EQ(head->nodes.size(), 1u);
  EXPECT_EQ(head->nodes[0]->kind, ast::Kind::AssignStmt);
  ASSERT_EQ(head->succs.size(), 2u);
  EXPECT_EQ(head->succs[0], t.at(5));
  const CfgBlock* next = head->succs[1];
  ASSERT_EQ(next->succs.size(), 2u);
  EXPECT_EQ(next->succs[0], t.at(7));
  EXPECT_TRUE(reaches(next->succs[1], t.at(9)));
  EXPECT_EQ(t.g->return_blocks().size(), 3u);
}

TEST(Cfg, Select) {
  Graph t(R"(package p
func f(a, b chan int, done chan struct{}) {
	select {
	case v := <-a:
		println(v)
	case b <- 1:
	case <-done:
		return
	default:
		println("idle")
	}
	println("after")
}
)");
  const CfgBlock* head = t.g->entry();
  ASSERT_EQ(head->succs.size(), 4u) << t.dump();
  for (const CfgBlock* s : head->succs) EXPECT_EQ(s->kind, BK::kSelectCase);
  EXPECT_EQ(head->succs[0], t.at(4));
  EXPECT_EQ(head->succs[0]->nodes[0]->kind, ast::Kind::AssignStmt);  // comm first
  EXPECT_EQ(head->succs[1], t.at(6));
  EXPECT_EQ(head->succs[2], t.at(7));
  EXPECT_EQ(head->succs[3], t.at(10));
  EXPECT_TRUE(head->succs[3]->stmt != nullptr);
  const CfgBlock* after = t.at(12);
  EXPECT_EQ(after->kind, BK::kSelectDone);
  // Three clauses reach it; the fourth returns (its dead continuation is a pred, not live).
  EXPECT_EQ(std::count_if(after->preds.begin(), after->preds.end(),
                          [](const CfgBlock* b) { return b->live; }),
            3);
  EXPECT_EQ(t.at(8)->exit, Exit::kReturn);
}

TEST(Cfg, EmptySelectBlocksForever) {
  Graph t("package p\nfunc f() {\n\tprintln()\n\tselect {}\n\tprintln(\"x\")\n}\n");
  EXPECT_TRUE(t.g->entry()->succs.empty());
  EXPECT_EQ(t.g->entry()->exit, Exit::kNone);
  EXPECT_FALSE(t.at(5)->live);
  EXPECT_TRUE(t.g->return_blocks().empty());
}

TEST(Cfg, SelectBreak) {
  Graph t(R"(package p
func f(c chan int) {
	for {
		select {
		case <-c:
			break
		}
		println("loop")
	}
}
)");
  // break inside select leaves the select, not the loop.
  EXPECT_TRUE(has_succ(t.at(6), t.at(8)));
  EXPECT_TRUE(t.g->return_blocks().empty());
}

TEST(Cfg, GotoForwardAndBackward) {
  Graph t(R"(package p
func f(n int) {
	i := 0
loop:
	if i < n {
		i++
		goto loop
	}
	goto end
	println("dead")
end:
	println("end")
}
)");
  const CfgBlock* loop_label = t.at(5);
  EXPECT_EQ(loop_label->kind, BK::kLabel);
  EXPECT_TRUE(has_succ(t.at(6), loop_label));  // backward
  const CfgBlock* end_label = t.at(12);
  EXPECT_EQ(end_label->kind, BK::kLabel);
  EXPECT_TRUE(has_succ(t.at(9), end_label));  // forward
  const CfgBlock* dead = t.at(10);
  EXPECT_FALSE(dead->live);
  EXPECT_EQ(dead->kind, BK::kUnreachable);
  EXPECT_TRUE(end_label->live);
  EXPECT_EQ(end_label->exit, Exit::kFallOffEnd);
}

TEST(Cfg, UnreachableAfterReturn) {
  Graph t("package p\nfunc f() int {\n\treturn 1\n\tprintln()\n\treturn 2\n}\n");
  EXPECT_EQ(t.at(3)->exit, Exit::kReturn);
  EXPECT_EQ(t.at(3)->exit_node->kind, ast::Kind::ReturnStmt);
  EXPECT_FALSE(t.at(4)->live);
  EXPECT_EQ(t.at(4)->kind, BK::kUnreachable);
  auto rb = t.g->return_blocks();
  ASSERT_EQ(rb.size(), 1u);
  EXPECT_EQ(rb[0], t.at(3));
}

TEST(Cfg, NoReturnCalls) {
  Graph t(R"(package p

import (
	"log"
	xos "os"
	"runtime"
	"testing"
)

func f(t *testing.T, c int) {
	switch c {
	case 0:
		panic("x")
	case 1:
		xos.Exit(1)
	case 2:
		t.Fatal("x")
	case 3:
		log.Fatalf("x")
	case 4:
		runtime.Goexit()
	case 5:
		(panic)("y")
	}
	println("after")
}
)");
  for (uint32_t line : {13u, 15u, 17u, 19u, 21u, 23u}) {
    const CfgBlock* b = t.at(line);
    EXPECT_EQ(b->exit, Exit::kNoReturnCall) << line << "\n" << t.dump();
    EXPECT_TRUE(b->succs.empty()) << line;
    ASSERT_NE(b->exit_node, nullptr);
    EXPECT_EQ(b->exit_node->kind, ast::Kind::CallExpr);
  }
  const CfgBlock* after = t.at(25);
  EXPECT_TRUE(after->live);  // through the implicit default
  ASSERT_EQ(t.g->return_blocks().size(), 1u);
}

TEST(Cfg, NotNoReturnWhenShadowed) {
  Graph t(R"(package p

import "os"

type logger struct{}

func (logger) Panic(string) {}
func (logger) Exit(int)     {}

func f() {
	panic := func(string) {}
	log := logger{}
	os := logger{}
	panic("x")
	log.Panic("y")
	os.Exit(1)
	println("reached")
}

func g() { os.Exit(2) }
)");
  EXPECT_TRUE(t.at(17)->live) << t.dump();
  EXPECT_EQ(t.g->entry(), t.at(17));
  Graph g2(std::string(t.pf.source()), "g");
  EXPECT_EQ(g2.g->entry()->exit, Exit::kNoReturnCall);
}

TEST(Cfg, NoReturnWithoutInfoByName) {
  Graph t("package p\nfunc f() {\n\tos.Exit(1)\n\tprintln()\n}\n", "f", /*with_info=*/false);
  EXPECT_EQ(t.g->entry()->exit, Exit::kNoReturnCall);
  EXPECT_FALSE(t.at(4)->live);
}

TEST(Cfg, IsNoReturnCallDirectly) {
  go::ParsedFile pf = go::parse_file("x.go", R"(package p
import l "log"
func f(b *testing.B) {
	l.Panicf("a")
	l.Print("b")
	b.SkipNow()
	b.Log()
	os.Exit(0)
	println()
}
)");
  PackageInfo info({{&pf, pf.filename}});
  std::vector<const ast::CallExpr*> calls;
  ast::inspect(pf.file, [&](ast::Node* n) {
    if (auto* c = ast::dyn_cast<ast::CallExpr>(n)) calls.push_back(c);
    return true;
  });
  ASSERT_EQ(calls.size(), 6u);
  EXPECT_TRUE(is_no_return_call(calls[0], &info));
  EXPECT_FALSE(is_no_return_call(calls[1], &info));
  EXPECT_TRUE(is_no_return_call(calls[2], &info));
  EXPECT_FALSE(is_no_return_call(calls[3], &info));
  EXPECT_FALSE(is_no_return_call(calls[4], &info));  // os is not imported in this file
  EXPECT_TRUE(is_no_return_call(calls[4], nullptr));
  EXPECT_FALSE(is_no_return_call(calls[5], &info));
}

TEST(Cfg, DeferAndGoArePlainNodes) {
  Graph t(R"(package p
func f() {
	defer panic("later")
	go panic("elsewhere")
	defer func() {
		recover()
	}()
	println()
}
)");
  const CfgBlock* e = t.g->entry();
  EXPECT_EQ(e->nodes.size(), 4u);
  EXPECT_EQ(e->exit, Exit::kFallOffEnd);
  EXPECT_EQ(t.g->blocks().size(), 1u);
}

TEST(Cfg, LocateStatementsAndConditions) {
  Graph t(R"(package p
func f(c bool) {
	a := 1
	if c {
		a = 2
	}
	_ = a
}
)");
  const ast::Node* assign = t.node(5);
  ASSERT_NE(assign, nullptr);
  auto [b, i] = t.g->locate(assign);
  EXPECT_EQ(b, t.at(5));
  EXPECT_EQ(i, 0);
  EXPECT_EQ(b->kind, BK::kIfThen);
  auto [cb, ci] = t.g->locate(t.node(4));  // the condition
  EXPECT_EQ(cb, t.g->entry());
  EXPECT_EQ(ci, 1);
  EXPECT_EQ(t.g->locate(nullptr).first, nullptr);
}

TEST(Cfg, DumpNamesBlocks) {
  Graph t("package p\nfunc f(c bool) {\n\tif c {\n\t\treturn\n\t}\n}\n");
  std::string d = t.dump();
  EXPECT_NE(d.find("Entry"), std::string::npos) << d;
  EXPECT_NE(d.find("IfThen"), std::string::npos) << d;
  EXPECT_NE(d.find("ReturnStmt@4"), std::string::npos) << d;
  EXPECT_NE(d.find("[return]"), std::string::npos) << d;
}

}  // namespace
}  // namespace oomguard::lint
