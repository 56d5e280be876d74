// Attribution on real captures of examples/leakysvc -mode blocked-send (Go 1.19): the goroutine
// profiles at start and at the trigger, and three heap profiles.
#include "watch/attribution.h"

#include <gtest/gtest.h>

#include "fixture.h"

namespace oomguard::watch {
namespace {

TEST(DeclaredFunction, StripsClosureSuffixes) {
  EXPECT_EQ(declared_function("main.lookupWithTimeoutLeaky.func1"), "main.lookupWithTimeoutLeaky");
  EXPECT_EQ(declared_function("main.f.func1.2"), "main.f");
  EXPECT_EQ(declared_function("main.(*T).m-fm"), "main.(*T).m");
  EXPECT_EQ(declared_function("example.com/a.b/pkg.f.gowrap1"), "example.com/a.b/pkg.f");
  EXPECT_EQ(declared_function("main.main"), "main.main");
  EXPECT_EQ(declared_function("main.func1"), "main.func1");
  EXPECT_EQ(declared_function(""), "");
}

TEST(Attribution, GoroutineLeakNamesTheBlockedSend) {
  std::string why;
  auto l = attribute_goroutines(fixture("goroutine-baseline-debug1.txt"),
                                fixture("goroutine-leak-debug1.txt"), &why);
  ASSERT_TRUE(l.has_value()) << why;
  EXPECT_EQ(l->kind, "goroutine-leak");
  EXPECT_EQ(l->function, "main.lookupWithTimeoutLeaky");
  EXPECT_NE(l->file.find("examples/leakysvc/orders.go"), std::string::npos);
  EXPECT_EQ(l->line, 58);
  EXPECT_EQ(l->unit, "goroutines");
  EXPECT_GT(l->growth, 100);
  EXPECT_NE(l->message.find("main.lookupWithTimeoutLeaky.func1"), std::string::npos);
}

TEST(Attribution, NoGrowthNoSuspect) {
  std::string why;
  auto l = attribute_goroutines(fixture("goroutine-baseline-debug1.txt"),
                                fixture("goroutine-baseline-debug1.txt"), &why);
  EXPECT_FALSE(l.has_value());
  EXPECT_FALSE(why.empty());
  EXPECT_FALSE(attribute_goroutines("garbage", "garbage", &why).has_value());
}

TEST(Attribution, HeapGrowthOfLeakedGoroutinesIsRuntimeOnly) {
  std::string why;
  std::vector<HeapCapture> caps = {{"h1", fixture("heap-1.pb.gz")},
                                   {"h2", fixture("heap-2.pb.gz")},
                                   {"h3", fixture("heap-3.pb.gz")}};
  auto l = attribute_heap(caps, &why);
  ASSERT_TRUE(l.has_value()) << why;
  EXPECT_EQ(l->kind, "heap-growth");
  EXPECT_EQ(l->unit, "bytes");
  EXPECT_GT(l->growth, 0);
  EXPECT_FALSE(l->function.empty());
  EXPECT_FALSE(attribute_heap({caps[0]}, &why).has_value());
}

}  // namespace
}  // namespace oomguard::watch

namespace oomguard::watch {
namespace {

// leakysvc -mode body-buffer: the growing stack allocates in io.ReadAll, called by the logging
// middleware that keeps every body; the leak is the middleware, not the standard library.
TEST(Attribution, HeapGrowthBlamesTheFirstUserFrame) {
  std::string why;
  std::vector<HeapCapture> caps = {{"b1", fixture("heap-body-buffer-1.pb.gz")},
                                   {"b2", fixture("heap-body-buffer-2.pb.gz")}};
  auto l = attribute_heap(caps, &why);
  ASSERT_TRUE(l.has_value()) << why;
  EXPECT_EQ(l->function, "main.logBodies");
  EXPECT_NE(l->file.find("examples/leakysvc/middleware.go"), std::string::npos);
  EXPECT_EQ(l->line, 19);
  EXPECT_GT(l->growth, 10 << 20);
  EXPECT_NE(l->message.find("through io.ReadAll"), std::string::npos) << l->message;
}

}  // namespace
}  // namespace oomguard::watch

namespace oomguard::watch {
namespace {

std::string readloop_profile(int n) {
  return "goroutine profile: total " + std::to_string(n + 1) + "\n" + std::to_string(n) +
         " @ 0x1 0x2 0x3\n"
         "#\t0x1\tnet/http.(*persistConn).readLoop+0x1\t/usr/lib/go/src/net/http/"
         "transport.go:2227\n"
         "\n"
         "1 @ 0x4 0x5\n"
         "#\t0x4\tmain.main+0x1\t/src/main.go:10\n"
         "\n";
}

// Leaked HTTP connections (response bodies never closed) park in net/http's read loop, a wait
// the ranking calls benign one group at a time; when it is the only growth, it is named anyway.
TEST(Attribution, OnlyGrowthIsNamedEvenWhenUsuallyBenign) {
  std::string why;
  auto l = attribute_goroutines(readloop_profile(2), readloop_profile(300), &why);
  ASSERT_TRUE(l.has_value()) << why;
  EXPECT_EQ(l->function, "net/http.(*persistConn).readLoop");
  EXPECT_EQ(l->line, 2227);
  EXPECT_EQ(l->growth, 298);
}

}  // namespace
}  // namespace oomguard::watch
