// Decoders on real captured inputs: expvar from leakysvc (Go 1.19), the Prometheus text that
// client_golang 1.14 writes (tests/watch/gen/metricsgen), the net/http/pprof index, and
// hand-written edge cases of the exposition format.
#include <gtest/gtest.h>

#include <cmath>

#include "fixture.h"
#include "watch/exposition.h"
#include "watch/expvar.h"
#include "watch/target.h"
#include "watch/units.h"

namespace oomguard::watch {
namespace {

TEST(Expvar, DecodesRealMemstats) {
  auto r = decode_expvar(fixture("expvar-go1.19.json"));
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_TRUE(r->heap_alloc && r->next_gc && r->num_gc && r->sys && r->heap_released);
  EXPECT_EQ(*r->heap_alloc, 926880);
  EXPECT_GT(*r->next_gc, 0);
  EXPECT_GT(*r->sys, *r->heap_alloc);
  EXPECT_TRUE(r->gc_cpu_fraction.has_value());
  EXPECT_FALSE(r->goroutines.has_value());  // expvar has no goroutine count
}

TEST(Expvar, RejectsGarbageAndMissingMemstats) {
  EXPECT_FALSE(decode_expvar("").ok());
  EXPECT_FALSE(decode_expvar("<html>").ok());
  EXPECT_FALSE(decode_expvar("[1,2]").ok());
  auto r = decode_expvar(R"({"cmdline":["x"]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("memstats"), std::string::npos);
  EXPECT_FALSE(decode_expvar(std::string(100, '[') + std::string(100, ']')).ok());
}

TEST(Expvar, NonNumericFieldsAreUnset) {
  auto r = decode_expvar(R"({"memstats":{"HeapAlloc":"x","NumGC":3}})");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->heap_alloc.has_value());
  EXPECT_EQ(*r->num_gc, 3);
}

TEST(Exposition, ParsesClientGolangOutput) {
  auto e = parse_exposition(fixture("metrics-client_golang-1.14.txt"));
  ASSERT_TRUE(e.ok()) << e.error();
  EXPECT_EQ(e->types.at("go_goroutines"), "gauge");
  EXPECT_EQ(e->types.at("go_gc_duration_seconds"), "summary");
  const MetricSample* esc = e->find("demo_escaped");
  ASSERT_NE(esc, nullptr);
  EXPECT_EQ(*esc->label("path"), "C:\\dir \"quoted\"\nline2");
  EXPECT_EQ(esc->value, 1.5);
  EXPECT_EQ(e->help.at("demo_escaped"), "Help with a backslash \\ and\nnewline.");
  RuntimeStats s = stats_from_exposition(*e);
  ASSERT_TRUE(s.goroutines && s.next_gc && s.rss && s.num_gc && s.heap_alloc);
  EXPECT_EQ(*s.goroutines, 4);
  EXPECT_EQ(*s.next_gc, 4194304);
  EXPECT_GT(*s.rss, 0);
  const MetricSample* q = e->find("go_gc_duration_seconds", {{"quantile", "0.5"}});
  ASSERT_NE(q, nullptr);
}

TEST(Exposition, SpecialValuesTimestampsAndComments) {
  auto e = parse_exposition(
      "# a comment\n\n"
      "# TYPE h histogram\n"
      "h_bucket{le=\"+Inf\"} 3 1700000000000\n"
      "a +Inf\nb -Inf\nc NaN\nd 1e3\ne{x=\"1\",} 2\n"
      "f{x=\"a\\\\b\", y = \"\"} -0.5\n"
      "\t g   7   \r\n"
      "{\"my.metric\",l=\"v\"} 9\n"
      "# EOF\n"
      "ignored after eof ~~~\n");
  ASSERT_TRUE(e.ok()) << e.error();
  ASSERT_EQ(e->samples.size(), 9u);
  EXPECT_EQ(*e->samples[0].timestamp_ms, 1700000000000);
  EXPECT_EQ(*e->samples[0].label("le"), "+Inf");
  EXPECT_TRUE(std::isinf(e->find("a")->value) && e->find("a")->value > 0);
  EXPECT_TRUE(std::isinf(e->find("b")->value) && e->find("b")->value < 0);
  EXPECT_TRUE(std::isnan(e->find("c")->value));
  EXPECT_EQ(e->find("d")->value, 1000);
  EXPECT_EQ(*e->find("e")->label("x"), "1");
  EXPECT_EQ(*e->find("f")->label("x"), "a\\b");
  EXPECT_EQ(*e->find("f")->label("y"), "");
  EXPECT_EQ(e->find("g")->value, 7);
  EXPECT_EQ(*e->find("my.metric")->label("l"), "v");
}

TEST(Exposition, ErrorsNameTheLine) {
  auto bad = [](const char* text) {
    auto e = parse_exposition(text);
    return e.ok() ? std::string() : e.error();
  };
  EXPECT_EQ(bad("ok 1\nbroken{x=\"1\" 2\n").rfind("line 2:", 0), 0u)
      << bad("ok 1\nbroken{x=\"1\" 2\n");
  EXPECT_FALSE(bad("x{y=1} 2\n").empty());
  EXPECT_FALSE(bad("x abc\n").empty());
  EXPECT_FALSE(bad("x 1 2 3\n").empty());
  EXPECT_FALSE(bad("x{y=\"unterminated} 1\n").empty());
  EXPECT_FALSE(bad("<html><body>Not Found</body></html>\n").empty());
}

TEST(Exposition, EscapesRoundTrip) {
  std::string v = "a\\b\"c\nd";
  std::string text =
      "m{l=\"" + escape_label_value(v) + "\"} " + format_metric_value(INFINITY) + "\n";
  auto e = parse_exposition(text);
  ASSERT_TRUE(e.ok()) << e.error();
  EXPECT_EQ(*e->samples[0].label("l"), v);
  EXPECT_TRUE(std::isinf(e->samples[0].value));
  EXPECT_EQ(format_metric_value(NAN), "NaN");
  EXPECT_EQ(format_metric_value(-INFINITY), "-Inf");
  EXPECT_EQ(format_metric_value(42), "42");
  EXPECT_EQ(escape_help("a\\b\nc"), "a\\\\b\\nc");
}

TEST(PprofIndex, GoroutineCountFromRealIndex) {
  auto n = goroutines_from_index(fixture("pprof-index-go1.19.html"));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(*n, 17);
  EXPECT_FALSE(goroutines_from_index("<html>nothing</html>").has_value());
  EXPECT_FALSE(goroutines_from_index("<td>x</td><a href='goroutine?debug=1'>").has_value());
}

TEST(PprofTotals, HeapInuseTotalsOfRealProfiles) {
  auto a = heap_totals(fixture("heap-1.pb.gz"));
  auto b = heap_totals(fixture("heap-3.pb.gz"));
  ASSERT_TRUE(a.ok()) << a.error();
  ASSERT_TRUE(b.ok()) << b.error();
  EXPECT_GT(a->first, 0);
  EXPECT_GT(b->first, a->first);    // leakysvc blocked-send: the live heap grew
  EXPECT_GE(b->second, a->second);  // alloc_space is cumulative
  EXPECT_FALSE(heap_totals("garbage").ok());
}

TEST(BaseUrl, StripsKnownEndpoints) {
  EXPECT_EQ(base_url("http://h:1/"), "http://h:1");
  EXPECT_EQ(base_url("http://h:1/debug/pprof/"), "http://h:1");
  EXPECT_EQ(base_url("http://h:1/metrics"), "http://h:1");
  EXPECT_EQ(base_url("127.0.0.1:6060"), "http://127.0.0.1:6060");
  EXPECT_EQ(base_url("http://h:1/app/debug/vars?x=1"), "http://h:1/app");
}

TEST(Units, GoDurations) {
  EXPECT_DOUBLE_EQ(*parse_duration("500ms"), 0.5);
  EXPECT_DOUBLE_EQ(*parse_duration("10s"), 10);
  EXPECT_DOUBLE_EQ(*parse_duration("2m"), 120);
  EXPECT_DOUBLE_EQ(*parse_duration("1h30m"), 5400);
  EXPECT_DOUBLE_EQ(*parse_duration("1.5s"), 1.5);
  EXPECT_DOUBLE_EQ(*parse_duration("0"), 0);
  EXPECT_NEAR(*parse_duration("250us"), 250e-6, 1e-12);
  EXPECT_FALSE(parse_duration("10").ok());
  EXPECT_FALSE(parse_duration("-1s").ok());
  EXPECT_FALSE(parse_duration("1x").ok());
  EXPECT_FALSE(parse_duration("").ok());
  EXPECT_FALSE(parse_duration("s").ok());
}

TEST(Units, Bytes) {
  EXPECT_EQ(*parse_bytes("64MiB"), 64u << 20);
  EXPECT_EQ(*parse_bytes("1GiB"), 1u << 30);
  EXPECT_EQ(*parse_bytes("2GB"), 2000000000u);
  EXPECT_EQ(*parse_bytes("123"), 123u);
  EXPECT_FALSE(parse_bytes("MiB").ok());
  EXPECT_FALSE(parse_bytes("12XB").ok());
  EXPECT_FALSE(parse_bytes("99999999999999999999").ok());
  EXPECT_FALSE(parse_bytes("99999999999TiB").ok());
}

}  // namespace
}  // namespace oomguard::watch
