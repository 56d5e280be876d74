// oomguard lint [PATTERN...]: static leak rules over Go packages (go vet / golangci-lint
// conventions for output, exit codes and suppression). oomguard rules [explain ID]: the rules.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/exit_codes.h"
#include "lint/config.h"
#include "lint/engine.h"
#include "lint/rule.h"
#include "report/printers.h"

#ifndef OOMGUARD_VERSION
#define OOMGUARD_VERSION "0.0.0"
#endif

namespace oomguard::cli {
namespace {

struct LintArgs {
  std::vector<std::string> patterns;
  std::string format = "text";
  std::vector<std::string> outputs;
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::vector<std::string> tags;
  std::string config_path;
  std::string go_version;
  bool tests = true;
  bool exit_zero = false;
  bool print_config = false;
  unsigned jobs = 0;
};

std::vector<std::string> split_commas(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const auto& s : in) {
    size_t start = 0;
    while (start <= s.size()) {
      size_t c = s.find(',', start);
      std::string part = s.substr(start, c == std::string::npos ? std::string::npos : c - start);
      if (!part.empty()) out.push_back(part);
      if (c == std::string::npos) break;
      start = c + 1;
    }
  }
  return out;
}

int run_lint_cmd(const LintArgs& a) {
  lint::Registry registry;
  lint::register_builtin_rules(registry);

  // Configuration: --config, else .oomguard.yml in the working directory or above the target.
  lint::Config config;
  std::string cfg_path = a.config_path;
  if (cfg_path.empty()) {
    std::string start = ".";
    if (!a.patterns.empty()) {
      std::string p = a.patterns[0];
      if (p.size() >= 4 && p.compare(p.size() - 4, 4, "/...") == 0) p.resize(p.size() - 4);
      if (p == "...") p = ".";
      start = p;
    }
    if (auto found = lint::find_config("."))
      cfg_path = *found;
    else if (auto up = lint::find_config(start))
      cfg_path = *up;
  }
  if (!cfg_path.empty()) {
    auto loaded = lint::load_config(cfg_path);
    if (!loaded.ok()) {
      std::fprintf(stderr, "oomguard lint: %s\n", loaded.error().c_str());
      return kExitUsage;
    }
    config = std::move(*loaded);
  }
  config.apply_flags(split_commas(a.enable), split_commas(a.disable));
  for (const auto& id : split_commas(a.enable)) {
    if (id.find_first_of("*?[") == std::string::npos && registry.find(id) == nullptr) {
      std::fprintf(stderr, "oomguard lint: unknown rule %s (see oomguard rules)\n", id.c_str());
      return kExitUsage;
    }
  }
  if (a.print_config) {
    std::fputs(config.to_yaml().c_str(), stdout);
    return kExitOk;
  }

  report::Format fmt_main{};
  if (!report::parse_format(a.format, &fmt_main)) {
    std::fprintf(stderr, "oomguard lint: unknown --format %s (text, json, sarif, github)\n",
                 a.format.c_str());
    return kExitUsage;
  }
  std::vector<std::pair<report::Format, std::string>> outputs;
  for (const auto& o : a.outputs) {
    size_t eq = o.find('=');
    report::Format f{};
    if (eq == std::string::npos || !report::parse_format(o.substr(0, eq), &f) ||
        eq + 1 == o.size()) {
      std::fprintf(stderr, "oomguard lint: --output wants FORMAT=PATH, got %s\n", o.c_str());
      return kExitUsage;
    }
    outputs.emplace_back(f, o.substr(eq + 1));
  }

  lint::LintOptions opts;
  opts.patterns = a.patterns.empty() ? std::vector<std::string>{"./..."} : a.patterns;
  opts.load.include_tests = a.tests;
  opts.load.tags = split_commas(a.tags);
  opts.config = config;
  opts.jobs = a.jobs;
  opts.load.jobs = a.jobs;
  opts.progress = isatty(2) != 0;
  if (!a.go_version.empty()) {
    unsigned minor = 0;
    if (std::sscanf(a.go_version.c_str(), "1.%u", &minor) != 1) {
      std::fprintf(stderr, "oomguard lint: --go wants a version like 1.21, got %s\n",
                   a.go_version.c_str());
      return kExitUsage;
    }
    opts.default_go_minor = static_cast<int>(minor);
  }
  lint::LintResult res = lint::run_lint(opts, registry);

  bool input_errors = false;
  for (const auto& e : res.errors) {
    std::fprintf(stderr, "%s\n", format_diagnostic(e).c_str());
    if (e.severity == Severity::kError) input_errors = true;
  }
  report::PrintContext ctx;
  ctx.rules = res.rules_run;
  ctx.tool_version = OOMGUARD_VERSION;
  std::string main_out = report::render(fmt_main, res.findings, ctx);
  std::fwrite(main_out.data(), 1, main_out.size(), stdout);
  std::fflush(stdout);
  for (const auto& [f, path] : outputs) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    std::string text = report::render(f, res.findings, ctx);
    out << text;
    if (!out) {
      std::fprintf(stderr, "oomguard lint: cannot write %s\n", path.c_str());
      return kExitUsage;
    }
  }
  if (input_errors) return kExitUsage;
  if (!res.findings.empty() && !a.exit_zero) return kExitFindings;
  return kExitOk;
}

int run_rules_cmd(const std::string& explain) {
  lint::Registry registry;
  lint::register_builtin_rules(registry);
  if (!explain.empty()) {
    const lint::Rule* r = registry.find(explain);
    if (r == nullptr) {
      std::fprintf(stderr, "oomguard rules: unknown rule %s\n", explain.c_str());
      return kExitUsage;
    }
    std::string_view doc = lint::rule_doc(explain);
    if (doc.empty()) {
      std::printf("%s: %s\n", r->info().id.c_str(), r->info().summary.c_str());
    } else {
      std::fwrite(doc.data(), 1, doc.size(), stdout);
    }
    return kExitOk;
  }
  std::vector<const lint::Rule*> sorted;
  for (const auto& r : registry.rules()) sorted.push_back(r.get());
  std::sort(sorted.begin(), sorted.end(),
            [](const lint::Rule* a, const lint::Rule* b) { return a->info().id < b->info().id; });
  for (const lint::Rule* r : sorted) {
    const auto& i = r->info();
    std::string versions;
    if (i.min_go_minor != 0) versions += fmt::format(" go>=1.{}", i.min_go_minor);
    if (i.max_go_minor != 0) versions += fmt::format(" go<=1.{}", i.max_go_minor);
    std::printf("%-30s %-8s %s%s\n", i.id.c_str(), std::string(severity_name(i.severity)).c_str(),
                i.summary.c_str(), versions.c_str());
  }
  return kExitOk;
}

}  // namespace

void register_lint(CLI::App& app, Runner& runner) {
  auto a = std::make_shared<LintArgs>();
  CLI::App* sub = app.add_subcommand("lint", "Find Go leak patterns in source (go vet style)");
  sub->add_option("patterns", a->patterns,
                  "Packages: ./..., dir/..., a directory or .go files (default ./...)");
  sub->add_option("--format", a->format, "Output format: text, json, sarif, github")
      ->capture_default_str();
  sub->add_option("--output", a->outputs, "Also write FORMAT=PATH (repeatable)");
  sub->add_option("--enable", a->enable,
                  "Enable rules (ids or globs, repeatable, comma-separated)");
  sub->add_option("--disable", a->disable,
                  "Disable rules (ids or globs, repeatable, comma-separated)");
  sub->add_option("--tags", a->tags, "Extra build tags (comma-separated)");
  sub->add_option("--tests", a->tests, "Include _test.go files")->capture_default_str();
  sub->add_option("--config", a->config_path, "Config file (default: .oomguard.yml found upward)");
  sub->add_option("--go", a->go_version, "Go version of files outside any module, e.g. 1.21");
  sub->add_option("-j,--jobs", a->jobs, "Parallel workers (default: all cores)");
  sub->add_flag("--exit-zero", a->exit_zero, "Exit 0 even when there are findings");
  sub->add_flag("--print-config", a->print_config, "Print the effective configuration and exit");
  sub->callback([a, &runner] { runner = [a] { return run_lint_cmd(*a); }; });

  auto explain = std::make_shared<std::string>();
  CLI::App* rules = app.add_subcommand("rules", "List the lint rules, or explain one");
  CLI::App* ex = rules->add_subcommand("explain", "Print a rule's documentation page");
  ex->add_option("id", *explain, "Rule id")->required();
  rules->callback([explain, &runner] { runner = [explain] { return run_rules_cmd(*explain); }; });
}

}  // namespace oomguard::cli
