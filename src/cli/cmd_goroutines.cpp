// oomguard goroutines SOURCE: group a goroutine dump or profile and name the leak suspects.
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "core/exit_codes.h"
#include "goroutines/diff.h"
#include "goroutines/leaks.h"
#include "goroutines/load.h"
#include "goroutines/render.h"

namespace oomguard::cli {
namespace {

struct GoroutinesArgs {
  std::string source;
  std::string format = "text";
  std::string similarity = "value";
  std::string base;
  std::string html;
  uint64_t min_count = 10;
  size_t max_groups = 0;
  double timeout_s = 30;
  uint64_t max_bytes = uint64_t{1} << 30;
};

void print_warnings(const goroutines::Snapshot& s) {
  for (const Diagnostic& d : s.warnings) {
    std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
  }
}

int run(const GoroutinesArgs& a) {
  using namespace goroutines;
  LoadOptions lo;
  if (!parse_similarity(a.similarity, lo.similarity)) {
    std::fprintf(stderr,
                 "oomguard goroutines: unknown --similarity '%s' (exact|lines|pointer|value)\n",
                 a.similarity.c_str());
    return kExitUsage;
  }
  lo.max_bytes = a.max_bytes;
  lo.timeout_ms = static_cast<long>(a.timeout_s * 1000);
  auto cur = load(a.source, lo);
  if (!cur) {
    std::fprintf(stderr, "oomguard goroutines: %s\n", cur.error().c_str());
    return kExitUsage;
  }
  std::optional<Result<Snapshot>> base;
  if (!a.base.empty()) {
    base.emplace(load(a.base, lo));
    if (!base->ok()) {
      std::fprintf(stderr, "oomguard goroutines: %s\n", base->error().c_str());
      return kExitUsage;
    }
  }
  Report r;
  r.snapshot = &cur.value();
  LeakOptions leak;
  leak.min_count = a.min_count;
  r.suspects = find_suspects(*cur, leak);
  if (base) {
    r.base = &base->value();
    r.growth = compare(*r.base, *cur);
    if (r.base->format != cur->format) {
      std::fprintf(stderr,
                   "oomguard goroutines: warning: --base is %s and SOURCE is %s; groups only match "
                   "when their stacks print the same\n",
                   std::string(format_name(r.base->format)).c_str(),
                   std::string(format_name(cur->format)).c_str());
    }
  }
  if (!a.html.empty()) {
    std::ofstream out(a.html, std::ios::binary | std::ios::trunc);
    out << render_html(r);
    if (!out) {
      std::fprintf(stderr, "oomguard goroutines: cannot write %s\n", a.html.c_str());
      return kExitUsage;
    }
  }
  std::string text = a.format == "json" ? render_json(r) : render_text(r, {a.max_groups});
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  if (a.format != "json") print_warnings(*cur);
  return r.suspects.empty() ? kExitOk : kExitFindings;
}

}  // namespace

void register_goroutines(CLI::App& app, Runner& runner) {
  auto args = std::make_shared<GoroutinesArgs>();
  CLI::App* sub = app.add_subcommand(
      "goroutines",
      "Group a goroutine dump (debug=2, SIGQUIT or panic output), a debug=1 goroutine profile or "
      "a proto goroutine profile, and rank the groups that look like leaks. Exit 0: no suspects, "
      "1: suspects, 2: input error.");
  sub->add_option("source", args->source,
                  "file, http(s) URL (/debug/pprof/goroutine?debug=2) or - for stdin")
      ->required();
  sub->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->add_option("--similarity", args->similarity,
                  "grouping: exact (args, offsets, locked flag), lines (args), pointer (args "
                  "except pointers), value (ignore args)")
      ->capture_default_str();
  sub->add_option("--base", args->base,
                  "an older dump of the same process: show each group's growth");
  sub->add_option("--html", args->html, "also write a self-contained HTML report to this file");
  sub->add_option(
         "--min-count", args->min_count,
         "smallest group reported as a suspect (nil-channel and select{} waits always are)")
      ->capture_default_str();
  sub->add_option("--max-groups", args->max_groups,
                  "text: print at most this many groups (0 = all)");
  sub->add_option("--timeout", args->timeout_s, "URL timeout in seconds")->capture_default_str();
  sub->add_option("--max-bytes", args->max_bytes, "size limit for URL bodies and protos")
      ->capture_default_str();
  sub->callback([args, &runner] { runner = [args] { return run(*args); }; });
}

}  // namespace oomguard::cli
