// The lint engine: walk → parse → analyse → suppress → sort. Loads packages from go-tool
// patterns, parses files in parallel, runs every enabled rule on every package in parallel,
// applies suppression directives, path exclusions and rule precedence, and returns findings
// sorted by file, line, column and rule. It never prints; src/cli renders the result.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "go/packages.h"
#include "lint/config.h"
#include "lint/rule.h"

namespace oomguard::lint {

struct LintOptions {
  std::vector<std::string> patterns;
  go::LoadOptions load;
  Config config;
  unsigned jobs = 0;      // 0 = all cores
  bool progress = false;  // a progress line on stderr for runs longer than a second
  int default_go_minor = kUnknownGoMinor;  // for files outside any module (--go)
};

struct LintResult {
  std::vector<Finding> findings;    // sorted
  std::vector<Diagnostic> errors;   // load and syntax errors (input problems)
  std::vector<RuleInfo> rules_run;  // enabled rules (SARIF metadata)
  size_t files = 0;
  size_t packages = 0;
};

LintResult run_lint(const LintOptions& opts, const Registry& registry);

// The Go minor version a file's //go:build line requires (max N over non-negated go1.N tags),
// or 0 when it names none.
int build_constraint_go_minor(std::string_view contents);

// Lints one in-memory file as a package of its own (fuzzing and tests).
LintResult lint_source(const std::string& path, std::string contents, const Registry& registry,
                       const Config& config, int go_minor);

}  // namespace oomguard::lint
