#include <gtest/gtest.h>

#include "goroutines/load.h"
#include "goroutines/text_parser.h"

namespace oomguard::goroutines {
namespace {

Snapshot must_load(std::string_view text, Similarity sim = Similarity::kValue) {
  LoadOptions o;
  o.similarity = sim;
  auto r = load_bytes(text, "dump.txt", o);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error());
  if (!r.ok()) return Snapshot{};
  return std::move(r).value();
}

TEST(Header, PlainStatus) {
  Header h;
  ASSERT_TRUE(parse_header("goroutine 1 [running]:", h));
  EXPECT_EQ(h.id, 1u);
  EXPECT_EQ(h.status, "running");
  EXPECT_EQ(h.minutes, 0u);
  EXPECT_FALSE(h.locked);
}

TEST(Header, MinutesAndLockedToThread) {
  Header h;
  ASSERT_TRUE(parse_header("goroutine 42 [syscall, 17 minutes, locked to thread]:", h));
  EXPECT_EQ(h.id, 42u);
  EXPECT_EQ(h.status, "syscall");
  EXPECT_EQ(h.minutes, 17u);
  EXPECT_TRUE(h.locked);
}

TEST(Header, WaitReasonsWithParenthesesStayWhole) {
  Header h;
  ASSERT_TRUE(parse_header("goroutine 7 [chan receive (nil chan), 3 minutes]:", h));
  EXPECT_EQ(h.status, "chan receive (nil chan)");
  EXPECT_EQ(h.minutes, 3u);
  ASSERT_TRUE(parse_header("goroutine 8 [select (no cases)]:", h));
  EXPECT_EQ(h.status, "select (no cases)");
  ASSERT_TRUE(parse_header("goroutine 9 [sync.Mutex.Lock]:", h));
  EXPECT_EQ(h.status, "sync.Mutex.Lock");
  ASSERT_TRUE(parse_header("goroutine 10 [chan receive (durable), 1 minutes]:", h));
  EXPECT_EQ(h.status, "chan receive (durable)");
  ASSERT_TRUE(parse_header("goroutine 11 [GC worker (idle)]:", h));
  EXPECT_EQ(h.status, "GC worker (idle)");
}

TEST(Header, ScanAndLeakedFlagsAreStripped) {
  Header h;
  ASSERT_TRUE(parse_header("goroutine 5 [chan send (scan), 2 minutes]:", h));
  EXPECT_EQ(h.status, "chan send");
  EXPECT_TRUE(h.scan);
  ASSERT_TRUE(parse_header("goroutine 6 [chan send (leaked)]:", h));
  EXPECT_EQ(h.status, "chan send");
  EXPECT_TRUE(h.leaked);
}

TEST(Header, Go122CrashItems) {
  Header h;
  ASSERT_TRUE(parse_header("goroutine 1 gp=0xc000002380 m=0 mp=0x5a8f40 [running]:", h));
  EXPECT_EQ(h.id, 1u);
  EXPECT_EQ(h.status, "running");
  ASSERT_TRUE(parse_header("goroutine 21 gp=0xc000103180 m=nil [GC worker (idle)]:", h));
  EXPECT_EQ(h.status, "GC worker (idle)");
}

TEST(Header, SynctestBubbleExtraIsAccepted) {
  Header h;
  ASSERT_TRUE(parse_header("goroutine 12 [select, 4 minutes, synctest bubble 3]:", h));
  EXPECT_EQ(h.status, "select");
  EXPECT_EQ(h.minutes, 4u);
}

TEST(Header, LabelsInsideAndAfterTheBrackets) {
  Header h;
  ASSERT_TRUE(parse_header(R"(goroutine 3 [select, labels:{"job":"a]b", "k":"v"}]:)", h));
  EXPECT_EQ(h.status, "select");
  EXPECT_EQ(h.labels, R"({"job":"a]b", "k":"v"})");
  ASSERT_TRUE(parse_header(R"(goroutine 4 [running] {pattern: "GET /panic"}:)", h));
  EXPECT_EQ(h.status, "running");
  EXPECT_EQ(h.labels, R"({pattern: "GET /panic"})");
}

TEST(Header, RejectsNonHeaders) {
  Header h;
  EXPECT_FALSE(parse_header("goroutine profile: total 5", h));
  EXPECT_FALSE(parse_header("goroutine x [running]:", h));
  EXPECT_FALSE(parse_header("goroutine 1 [running]", h));
  EXPECT_FALSE(parse_header("goroutine 1 []:", h));
  EXPECT_FALSE(parse_header("goroutine running on other thread; stack unavailable", h));
  EXPECT_FALSE(parse_header("goroutine 99999999999999999999999 [running]:", h));
}

TEST(Call, FunctionsAndArguments) {
  std::string_view fn, args;
  ASSERT_TRUE(
      parse_call("net/http.(*conn).serve(0xc0001a2000, {0x7b5e58, 0xc0000a4e40})", fn, args));
  EXPECT_EQ(fn, "net/http.(*conn).serve");
  EXPECT_EQ(args, "0xc0001a2000, {0x7b5e58, 0xc0000a4e40}");
  ASSERT_TRUE(parse_call("main.main.func1()", fn, args));
  EXPECT_EQ(fn, "main.main.func1");
  EXPECT_EQ(args, "");
  ASSERT_TRUE(parse_call("sync.(*Mutex).Lock(...)", fn, args));
  EXPECT_EQ(fn, "sync.(*Mutex).Lock");
  EXPECT_EQ(args, "...");
  ASSERT_TRUE(parse_call("example.com/m.Map[...](0x0?, 0x1?)", fn, args));
  EXPECT_EQ(fn, "example.com/m.Map[...]");
  ASSERT_TRUE(parse_call("panic({0x4a1b20, 0xc000012345})", fn, args));
  EXPECT_EQ(fn, "panic");
  ASSERT_TRUE(parse_call("main.cut(0x1, 0x", fn, args));  // truncated line
  EXPECT_EQ(fn, "main.cut");
}

TEST(Call, RejectsProse) {
  std::string_view fn, args;
  EXPECT_FALSE(parse_call("panic: something bad (really)", fn, args));
  EXPECT_FALSE(parse_call("exit status 2", fn, args));
  EXPECT_FALSE(parse_call("\tmain.go:12", fn, args));
  EXPECT_FALSE(parse_call("()", fn, args));
}

TEST(FileLine, Variants) {
  FileLine f;
  ASSERT_TRUE(parse_file_line("\t/src/app/main.go:42 +0x1f", f));
  EXPECT_EQ(f.file, "/src/app/main.go");
  EXPECT_EQ(f.line, 42u);
  EXPECT_EQ(f.offset, 0x1fu);
  ASSERT_TRUE(parse_file_line("        /src/app/main.go:7", f));  // spaces, inlined: no offset
  EXPECT_EQ(f.line, 7u);
  EXPECT_EQ(f.offset, 0u);
  ASSERT_TRUE(parse_file_line("\tC:/Users/x/main.go:9 +0x2 fp=0xc000 sp=0xc001 pc=0x45", f));
  EXPECT_EQ(f.file, "C:/Users/x/main.go");
  EXPECT_EQ(f.line, 9u);
  EXPECT_EQ(f.offset, 2u);
  ASSERT_TRUE(parse_file_line("\t<autogenerated>:1 +0x25", f));
  EXPECT_EQ(f.file, "<autogenerated>");
  EXPECT_FALSE(parse_file_line("/src/app/main.go:42", f));  // no indentation
  EXPECT_FALSE(parse_file_line("\t/src/app/main.go", f));
  EXPECT_FALSE(parse_file_line("\t/src/app/main.go:4x2", f));
}

constexpr std::string_view kDump =
    "goroutine 1 [running]:\n"
    "main.main()\n"
    "\t/app/main.go:10 +0x25\n"
    "\n"
    "goroutine 18 [chan send, 5 minutes]:\n"
    "main.worker(0xc000010000, 0x1)\n"
    "\t/app/main.go:30 +0x3a\n"
    "created by main.start in goroutine 1\n"
    "\t/app/main.go:25 +0x5b\n"
    "\n"
    "goroutine 19 [chan send, 9 minutes]:\n"
    "main.worker(0xc000010400, 0x2)\n"
    "\t/app/main.go:30 +0x3a\n"
    "created by main.start\n"
    "\t/app/main.go:25 +0x5b\n";

TEST(Debug2, GroupsSameStateAndStack) {
  Snapshot s = must_load(kDump);
  EXPECT_EQ(s.format, Format::kDebug2);
  EXPECT_EQ(s.total, 3u);
  ASSERT_EQ(s.groups.size(), 2u);
  const Group& g = s.groups[0];
  EXPECT_EQ(g.count, 2u);
  EXPECT_EQ(s.str(g.state), "chan send");
  EXPECT_EQ(g.min_minutes, 5u);
  EXPECT_EQ(g.max_minutes, 9u);
  ASSERT_EQ(g.frames.size(), 1u);
  EXPECT_EQ(s.str(g.frames[0].function), "main.worker");
  EXPECT_EQ(s.str(g.frames[0].file), "/app/main.go");
  EXPECT_EQ(g.frames[0].line, 30u);
  EXPECT_EQ(s.str(g.created_by.function), "main.start");  // " in goroutine 1" stripped
  EXPECT_EQ(g.created_by.line, 25u);
  EXPECT_EQ(g.ids, (std::vector<uint64_t>{18, 19}));
  EXPECT_EQ(g.args[0], "0xc000010000, 0x1");
}

TEST(Debug2, CrlfLineEndings) {
  std::string crlf;
  for (char c : kDump) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  Snapshot s = must_load(crlf);
  ASSERT_EQ(s.groups.size(), 2u);
  EXPECT_EQ(s.groups[0].count, 2u);
  EXPECT_EQ(s.str(s.groups[0].frames[0].file), "/app/main.go");
  EXPECT_EQ(s.groups[0].frames[0].line, 30u);
}

TEST(Debug2, PanicPreambleAndGarbageBetweenGoroutines) {
  std::string text = "panic: runtime error: index out of range [5] with length 3\n\n";
  text += "goroutine 1 [running]:\nmain.main()\n\t/app/main.go:10 +0x25\n";
  text += "exit status 2\n\n";
  text += "some log line: hello (world)\n\n";
  text += std::string(kDump.substr(kDump.find("goroutine 18")));
  Snapshot s = must_load(text);
  EXPECT_EQ(s.total, 3u);
  EXPECT_EQ(s.groups[0].count, 2u);
  EXPECT_GE(s.skipped_lines, 3u);
}

TEST(Debug2, TruncatedDumpCountsTheLastGoroutineAndWarns) {
  std::string text(kDump);
  text += "\ngoroutine 20 [chan send]:\nmain.worker(0xc000010800, 0x3)\n\t/app/ma";
  Snapshot s = must_load(text);
  EXPECT_EQ(s.total, 4u);
  bool warned = false;
  for (const auto& d : s.warnings) warned |= d.message.find("truncated") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(Debug2, TruncatedInsideACallLine) {
  std::string text(kDump);
  text += "\ngoroutine 21 [select]:\nmain.sel(0xc0";
  Snapshot s = must_load(text);
  EXPECT_EQ(s.total, 4u);
}

TEST(Debug2, ElisionStackUnavailableAndAncestors) {
  std::string text =
      "goroutine 5 [running]:\n"
      "\tgoroutine running on other thread; stack unavailable\n"
      "created by main.main\n\t/app/main.go:3 +0x1\n\n"
      "goroutine 6 [chan receive]:\n"
      "main.rec(...)\n\t/app/a.go:1\n"
      "...additional frames elided...\n"
      "created by main.main\n\t/app/main.go:4 +0x1\n"
      "[originating from goroutine 1]:\n"
      "main.main(...)\n\t/app/main.go:4 +0x1\n\n"
      "goroutine 7 [chan receive]:\n"
      "main.rec(...)\n\t/app/a.go:1\n"
      "...12 frames elided...\n"
      "main.root()\n\t/app/a.go:90 +0x4\n";
  Snapshot s = must_load(text);
  ASSERT_EQ(s.groups.size(), 3u);
  EXPECT_TRUE(s.groups[0].stack_unavailable);
  EXPECT_TRUE(s.groups[0].frames.empty());
  ASSERT_EQ(s.groups[1].frames.size(), 2u);
  EXPECT_EQ(s.str(s.groups[1].frames[1].function), "...additional frames elided...");
  EXPECT_EQ(s.str(s.groups[1].created_by.function), "main.main");  // ancestors not mixed in
  ASSERT_EQ(s.groups[2].frames.size(), 3u);
  EXPECT_EQ(s.str(s.groups[2].frames[1].function), "...12 frames elided...");
}

TEST(Debug2, CallLineWithoutFileLineIsKept) {
  Snapshot s = must_load("goroutine 3 [select]:\nmain.a()\nmain.b()\n\t/x.go:2 +0x1\n");
  ASSERT_EQ(s.groups.size(), 1u);
  ASSERT_EQ(s.groups[0].frames.size(), 2u);
  EXPECT_EQ(s.groups[0].frames[0].file, 0u);
  EXPECT_EQ(s.groups[0].frames[1].line, 2u);
}

TEST(Debug2, SpacesInsteadOfTabsFromCopyPaste) {
  Snapshot s = must_load("goroutine 3 [select]:\nmain.a()\n    /x.go:2 +0x1\n");
  ASSERT_EQ(s.groups.size(), 1u);
  EXPECT_EQ(s.groups[0].frames[0].line, 2u);
}

TEST(Debug2, NoGoroutineIsAnError) {
  auto r = load_bytes("hello\nworld\n", "notes.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("notes.txt"), std::string::npos);
  EXPECT_FALSE(load_bytes("", "empty.txt").ok());
}

std::string two_goroutines(std::string_view args1, std::string_view args2, std::string_view off1,
                           std::string_view off2, bool locked2 = false) {
  return "goroutine 1 [select]:\nmain.f(" + std::string(args1) + ")\n\t/a.go:5 +" +
         std::string(off1) + "\n\ngoroutine 2 [select" + (locked2 ? ", locked to thread" : "") +
         "]:\nmain.f(" + std::string(args2) + ")\n\t/a.go:5 +" + std::string(off2) + "\n";
}

TEST(Similarity, ValueIgnoresArguments) {
  Snapshot s = must_load(two_goroutines("0x1", "0x2", "0x10", "0x10"), Similarity::kValue);
  EXPECT_EQ(s.groups.size(), 1u);
}

TEST(Similarity, LinesSplitsOnArguments) {
  Snapshot s = must_load(two_goroutines("0x1", "0x2", "0x10", "0x10"), Similarity::kLines);
  EXPECT_EQ(s.groups.size(), 2u);
  Snapshot t = must_load(two_goroutines("0x1", "0x1", "0x10", "0x20", true), Similarity::kLines);
  EXPECT_EQ(t.groups.size(), 1u);  // offsets and the locked flag do not count
}

TEST(Similarity, PointerMergesOnlyPointerLookingArguments) {
  Snapshot s = must_load(two_goroutines("0xc000010000, 0x3", "0xc000020000, 0x3", "0x1", "0x1"),
                         Similarity::kPointer);
  EXPECT_EQ(s.groups.size(), 1u);
  Snapshot t = must_load(two_goroutines("0xc000010000, 0x3", "0xc000010000, 0x4", "0x1", "0x1"),
                         Similarity::kPointer);
  EXPECT_EQ(t.groups.size(), 2u);
}

TEST(Similarity, ExactSplitsOnOffsetsAndLockedFlag) {
  EXPECT_EQ(
      must_load(two_goroutines("0x1", "0x1", "0x10", "0x20"), Similarity::kExact).groups.size(),
      2u);
  EXPECT_EQ(must_load(two_goroutines("0x1", "0x1", "0x10", "0x10", true), Similarity::kExact)
                .groups.size(),
            2u);
  EXPECT_EQ(
      must_load(two_goroutines("0x1", "0x1", "0x10", "0x10"), Similarity::kExact).groups.size(),
      1u);
}

TEST(Similarity, ParseNames) {
  Similarity s;
  EXPECT_TRUE(parse_similarity("exact", s));
  EXPECT_EQ(s, Similarity::kExact);
  EXPECT_TRUE(parse_similarity("args", s));
  EXPECT_EQ(s, Similarity::kLines);
  EXPECT_TRUE(parse_similarity("pointer", s));
  EXPECT_EQ(s, Similarity::kPointer);
  EXPECT_TRUE(parse_similarity("any", s));
  EXPECT_EQ(s, Similarity::kValue);
  EXPECT_FALSE(parse_similarity("fuzzy", s));
}

TEST(Grouping, DifferentCreatorsAreDifferentGroups) {
  Snapshot s = must_load(
      "goroutine 1 [select]:\nmain.f()\n\t/a.go:5 +0x1\ncreated by main.a\n\t/a.go:1 +0x1\n\n"
      "goroutine 2 [select]:\nmain.f()\n\t/a.go:5 +0x1\ncreated by main.b\n\t/a.go:2 +0x1\n");
  EXPECT_EQ(s.groups.size(), 2u);
}

TEST(Grouping, DifferentStatesAreDifferentGroups) {
  Snapshot s = must_load(
      "goroutine 1 [select]:\nmain.f()\n\t/a.go:5 +0x1\n\n"
      "goroutine 2 [runnable]:\nmain.f()\n\t/a.go:5 +0x1\n");
  EXPECT_EQ(s.groups.size(), 2u);
}

TEST(Limits, FramesPerGoroutineAreCapped) {
  std::string text = "goroutine 1 [select]:\n";
  for (int i = 0; i < 3000; ++i) text += "main.f" + std::to_string(i) + "(0x1)\n\t/a.go:1 +0x1\n";
  text += "\ngoroutine 2 [select]:\nmain.g()\n\t/a.go:2 +0x1\n";
  Snapshot s = must_load(text);
  ASSERT_EQ(s.groups.size(), 2u);
  ASSERT_EQ(s.groups[0].frames.size(), kMaxFrames + 1);
  EXPECT_EQ(s.str(s.groups[0].frames.back().function), "...frames past the first 1024 not kept...");
  EXPECT_EQ(s.groups[1].frames.size(), 1u);
}

constexpr std::string_view kDebug1 =
    "goroutine profile: total 7\n"
    "5 @ 0x43a1b6 0x406f0c 0x4069f8 0x4a9c85 0x46cfa1\n"
    "#\t0x4a9c84\tmain.sendLeak.func1+0x24\t/app/main.go:42\n"
    "\n"
    "1 @ 0x43a1b6 0x44b4f3 0x4aa2e5 0x46cfa1\n"
    "# labels: {\"job\":\"x\"}\n"
    "#\t0x44b4f2\tsync.(*WaitGroup).Wait+0x72\t\t/usr/lib/go/src/sync/waitgroup.go:136\n"
    "#\t0x4aa2e4\tmain.wait+0x44\t\t\t\t/app/main.go:60\n"
    "\n"
    "1 @ 0x46cfa1\n"
    "#\t0x46cfa0\n"
    "\n";

TEST(Debug1, CountsFramesAndLabels) {
  Snapshot s = must_load(kDebug1);
  EXPECT_EQ(s.format, Format::kDebug1);
  EXPECT_EQ(s.declared_total, 7u);
  EXPECT_EQ(s.total, 7u);
  ASSERT_EQ(s.groups.size(), 3u);
  EXPECT_EQ(s.groups[0].count, 5u);
  EXPECT_EQ(s.str(s.groups[0].frames[0].function), "main.sendLeak.func1");
  EXPECT_EQ(s.groups[0].frames[0].line, 42u);
  EXPECT_EQ(s.groups[0].frames[0].offset, 0x24u);
  EXPECT_EQ(s.str(s.groups[0].state), "");
  const Group& wg = s.groups[1];
  ASSERT_EQ(wg.frames.size(), 2u);  // tabwriter padding (runs of tabs) is one separator
  EXPECT_EQ(s.str(wg.frames[1].file), "/app/main.go");
  EXPECT_EQ(wg.frames[1].line, 60u);
  EXPECT_EQ(s.str(wg.labels), "{\"job\":\"x\"}");
  EXPECT_EQ(s.str(s.groups[2].frames[0].function), "0x46cfa0");  // unsymbolized
}

TEST(Debug1, RecordsWithTheSameFramesMerge) {
  std::string text =
      "goroutine profile: total 3\n"
      "2 @ 0x1 0x2\n#\t0x1\tmain.f+0x1\t/a.go:3\n\n"
      "1 @ 0x1 0x3\n#\t0x1\tmain.f+0x1\t/a.go:3\n\n";
  Snapshot s = must_load(text);
  ASSERT_EQ(s.groups.size(), 1u);
  EXPECT_EQ(s.groups[0].count, 3u);
}

TEST(Debug1, CrlfAndGarbage) {
  std::string text =
      "goroutine profile: total 2\r\n"
      "2 @ 0x1 0x2\r\n#\t0x1\tmain.f+0x1\t/a.go:3\r\n\r\n"
      "random words\r\n";
  Snapshot s = must_load(text);
  ASSERT_EQ(s.groups.size(), 1u);
  EXPECT_EQ(s.str(s.groups[0].frames[0].file), "/a.go");
  EXPECT_EQ(s.skipped_lines, 1u);
}

}  // namespace
}  // namespace oomguard::goroutines
