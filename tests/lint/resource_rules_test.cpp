// End-to-end check of the path-sensitive resource rules on examples/leakysvc: each leaky
// function gets exactly its finding, pointing into the right function, and the correct versions
// stay silent. Also checks that the leaking path is named in the message and related info.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "lint/engine.h"
#include "lint/rule.h"

namespace oomguard::lint {
namespace {

namespace fs = std::filesystem;

LintResult lint_leakysvc() {
  Registry registry;
  register_builtin_rules(registry);
  LintOptions opts;
  opts.patterns = {(fs::path(OOMGUARD_SOURCE_DIR) / "examples" / "leakysvc").string() + "/..."};
  opts.config.enable = {"lost-cancel", "ticker-not-stopped", "body-not-closed", "rows-not-closed",
                        "file-not-closed"};
  opts.jobs = 1;
  return run_lint(opts, registry);
}

struct Expect {
  std::string rule;
  std::string file;  // file name
  std::string call;  // text the message must contain
};

TEST(ResourceRules, LeakysvcGetsExactlyTheLeakyFunctions) {
  LintResult res = lint_leakysvc();
  for (const auto& e : res.errors) ADD_FAILURE() << format_diagnostic(e);
  const std::vector<Expect> want = {
      {"lost-cancel", "orders.go", "context.WithTimeout"},
      {"body-not-closed", "batch.go", "c.Do(req)"},
      {"ticker-not-stopped", "janitor.go", "time.NewTicker"},
  };
  ASSERT_EQ(res.findings.size(), want.size());
  for (const Expect& w : want) {
    bool found = false;
    for (const Finding& f : res.findings) {
      if (f.rule == w.rule && fs::path(f.file).filename() == w.file &&
          f.message.find(w.call) != std::string::npos) {
        found = true;
      }
    }
    EXPECT_TRUE(found) << w.rule << " in " << w.file;
  }
}

TEST(ResourceRules, LeakingPathIsInMessageAndRelated) {
  LintResult res = lint_leakysvc();
  bool checked = false;
  for (const Finding& f : res.findings) {
    if (f.rule != "body-not-closed") continue;
    ASSERT_EQ(f.related.size(), 1U);
    // The related location is the return that leaks, after the call, and the message names it.
    EXPECT_GT(f.related[0].pos.line, f.pos.line);
    EXPECT_NE(f.message.find("return at line " + std::to_string(f.related[0].pos.line)),
              std::string::npos)
        << f.message;
    checked = true;
  }
  EXPECT_TRUE(checked);
}

}  // namespace
}  // namespace oomguard::lint
