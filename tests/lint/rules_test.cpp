// The rule test driver (analysistest convention): every folder tests/lint/rules/<rule-id>/ holds
// Go files where each line that must be reported carries `// want "rule-id"` (several ids may
// follow). The rule runs alone over the folder (subfolders with their own go.mod test other Go
// versions); any missing or unexpected finding fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "lint/engine.h"
#include "lint/rule.h"

namespace oomguard::lint {
namespace {

namespace fs = std::filesystem;

const fs::path kRulesDir = fs::path(OOMGUARD_SOURCE_DIR) / "tests" / "lint" / "rules";

std::vector<std::string> rule_dirs() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kRulesDir, ec)) {
    if (e.is_directory()) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

using Key = std::tuple<std::string, uint32_t, std::string>;  // file, line, rule

// Negative cases are marked `// ok: why this must stay silent` on the line a naive rule would flag.
size_t ok_markers(const fs::path& dir) {
  size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".go") continue;
    std::ifstream in(e.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.find("// ok:") != std::string::npos) ++n;
    }
  }
  return n;
}

// The ids of a `// want "id" "id2"` annotation on a line (none when there is no annotation).
// Written by hand: GCC 12's <regex> trips -Wmaybe-uninitialized in the sanitizer build.
std::vector<std::string> want_ids(const std::string& line) {
  std::vector<std::string> ids;
  size_t c = line.find("//");
  while (c != std::string::npos) {
    size_t p = c + 2;
    while (p < line.size() && line[p] == ' ') ++p;
    if (line.compare(p, 5, "want ") == 0) {
      p += 5;
      for (;;) {
        while (p < line.size() && line[p] == ' ') ++p;
        if (p >= line.size() || line[p] != '"') break;
        size_t q = line.find('"', p + 1);
        if (q == std::string::npos) break;
        std::string id = line.substr(p + 1, q - p - 1);
        bool ok = !id.empty() && id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
                                     std::string::npos;
        if (!ok) break;
        ids.push_back(std::move(id));
        p = q + 1;
      }
      return ids;
    }
    c = line.find("//", c + 2);
  }
  return ids;
}

std::multiset<Key> wanted(const fs::path& dir) {
  std::multiset<Key> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".go") continue;
    std::ifstream in(e.path());
    std::string line;
    uint32_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      for (const auto& id : want_ids(line)) out.emplace(fs::canonical(e.path()).string(), n, id);
    }
  }
  return out;
}

class RuleFolder : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFolder, FindingsMatchWantAnnotations) {
  const std::string id = GetParam();
  Registry registry;
  register_builtin_rules(registry);
  ASSERT_NE(registry.find(id), nullptr) << "tests/lint/rules/" << id << " names no rule";

  LintOptions opts;
  opts.patterns = {(kRulesDir / id).string() + "/..."};
  opts.config.enable = {id};
  opts.jobs = 1;
  LintResult res = run_lint(opts, registry);
  for (const auto& e : res.errors) ADD_FAILURE() << "input error: " << format_diagnostic(e);
  ASSERT_GT(res.files, 0U);

  std::multiset<Key> got;
  std::map<Key, std::string> messages;
  for (const auto& f : res.findings) {
    Key k{fs::canonical(f.file).string(), f.pos.line, f.rule};
    got.insert(k);
    messages[k] = f.message;
  }
  std::multiset<Key> want = wanted(kRulesDir / id);
  std::vector<Key> missing;
  std::vector<Key> unexpected;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(),
                      std::back_inserter(missing));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(),
                      std::back_inserter(unexpected));
  for (const auto& [file, line, rule] : missing) {
    ADD_FAILURE() << file << ":" << line << ": missing finding of " << rule;
  }
  for (const auto& k : unexpected) {
    ADD_FAILURE() << std::get<0>(k) << ":" << std::get<1>(k) << ": unexpected finding of "
                  << std::get<2>(k) << ": " << messages[k];
  }
  // The analysistest bar for this suite: at least 8 positive and 8 negative cases per rule.
  EXPECT_GE(want.size(), 8U) << id << " needs at least 8 positive cases";
  EXPECT_GE(ok_markers(kRulesDir / id), 8U) << id << " needs at least 8 negative (// ok:) cases";
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFolder, ::testing::ValuesIn(rule_dirs()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           std::string n = p.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(RuleFolders, EveryRuleHasTestsAndADocPage) {
  Registry registry;
  register_builtin_rules(registry);
  auto dirs = rule_dirs();
  for (const auto& r : registry.rules()) {
    const std::string& id = r->info().id;
    EXPECT_TRUE(std::find(dirs.begin(), dirs.end(), id) != dirs.end())
        << "rule " << id << " has no tests/lint/rules/" << id << "/";
    EXPECT_FALSE(rule_doc(id).empty()) << "rule " << id << " has no docs/rules/" << id << ".md";
  }
}

}  // namespace
}  // namespace oomguard::lint
