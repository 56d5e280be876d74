// examples/leakysvc holds each classic leak next to its correct version. The server and
// global-state rules (pprof-exposed, server-no-timeouts, unbounded-cache,
// unbounded-global-append) must report exactly the leaky lines the example documents — found
// here by their source text — and stay silent on the correct versions.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <tuple>

#include "lint/engine.h"
#include "lint/rule.h"

namespace oomguard::lint {
namespace {

namespace fs = std::filesystem;

const fs::path kExample = fs::path(OOMGUARD_SOURCE_DIR) / "examples" / "leakysvc";

// The 1-based line of the only line of file containing needle (0 when absent or repeated).
uint32_t line_of(const std::string& file, const std::string& needle) {
  std::ifstream in(kExample / file);
  std::string line;
  uint32_t n = 0;
  uint32_t found = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find(needle) == std::string::npos) continue;
    if (found != 0) return 0;
    found = n;
  }
  return found;
}

using Key = std::tuple<std::string, uint32_t, std::string>;  // file name, line, rule

TEST(ExampleServerState, LeakysvcFindingsAreTheDocumentedLeaks) {
  Registry registry;
  register_builtin_rules(registry);
  LintOptions opts;
  opts.patterns = {kExample.string() + "/..."};
  opts.config.enable = {"pprof-exposed", "server-no-timeouts", "unbounded-cache",
                        "unbounded-global-append"};
  opts.jobs = 1;
  LintResult res = run_lint(opts, registry);
  for (const auto& e : res.errors) ADD_FAILURE() << format_diagnostic(e);

  const uint32_t public_debug = line_of("main.go", "http.ListenAndServe(\":6060\", nil)");
  const uint32_t audit = line_of("middleware.go", "auditLog = append(auditLog, body)");
  const uint32_t cache = line_of("orders.go", "cache[id] = o");
  ASSERT_NE(public_debug, 0U);
  ASSERT_NE(audit, 0U);
  ASSERT_NE(cache, 0U);
  const std::set<Key> want = {
      {"main.go", public_debug, "pprof-exposed"},
      {"main.go", public_debug, "server-no-timeouts"},
      {"middleware.go", audit, "unbounded-global-append"},
      {"orders.go", cache, "unbounded-cache"},
  };
  std::set<Key> got;
  for (const auto& f : res.findings) {
    got.emplace(fs::path(f.file).filename().string(), f.pos.line, f.rule);
    // The import of net/http/pprof, or the declaration of the growing global.
    if (f.rule != "server-no-timeouts") {
      EXPECT_FALSE(f.related.empty()) << f.file << ":" << f.pos.line << " " << f.rule;
    }
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(res.findings.size(), want.size());
}

}  // namespace
}  // namespace oomguard::lint
