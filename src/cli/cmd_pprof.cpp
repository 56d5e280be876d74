// oomguard pprof top|flame|growth: profile reports with go tool pprof's numbers.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/exit_codes.h"
#include "pprof/flame.h"
#include "pprof/growth.h"
#include "pprof/report.h"
#include "pprof/source.h"

namespace oomguard::cli {
namespace {

struct SourceFlags {
  uint64_t max_decompressed = kDefaultMaxInputBytes;
  uint64_t max_input = kDefaultMaxInputBytes;
  double timeout_s = 60;

  void add(CLI::App* c) {
    c->add_option("--max-decompressed", max_decompressed,
                  "limit on a profile's decompressed size in bytes (default 1 GiB)");
    c->add_option("--max-input", max_input, "limit on a file or HTTP response size in bytes");
    c->add_option("--timeout", timeout_s, "HTTP timeout in seconds (default 60)");
  }
  [[nodiscard]] pprof::SourceOptions options() const {
    pprof::SourceOptions o;
    o.limits.max_decompressed = max_decompressed;
    o.max_input = max_input;
    o.timeout_ms = static_cast<long>(timeout_s * 1000);
    return o;
  }
};

int fail(const std::string& msg) {
  std::fprintf(stderr, "oomguard pprof: %s\n", msg.c_str());
  return kExitUsage;
}

struct TopFlags {
  std::string source, base, diff_base, format = "text", granularity = "functions";
  pprof::ReportOptions report;
  SourceFlags src;
};

int run_top(const TopFlags& f) {
  pprof::ReportOptions o = f.report;
  if (f.granularity == "functions") {
    o.granularity = pprof::Granularity::kFunctions;
  } else if (f.granularity == "filefunctions") {
    o.granularity = pprof::Granularity::kFileFunctions;
  } else if (f.granularity == "files") {
    o.granularity = pprof::Granularity::kFiles;
  } else if (f.granularity == "lines") {
    o.granularity = pprof::Granularity::kLines;
  } else {
    return fail("--granularity must be functions, filefunctions, files or lines");
  }
  if (!f.base.empty() && !f.diff_base.empty()) return fail("use --base or --diff-base, not both");
  const std::string& base = f.base.empty() ? f.diff_base : f.base;
  auto p = pprof::load_for_report(f.source, base, !f.diff_base.empty(), f.src.options());
  if (!p) return fail(p.error());
  auto r = pprof::top_report(std::move(p.value()), o);
  if (!r) return fail(r.error());
  for (const auto& w : r->warnings) std::fprintf(stderr, "%s\n", w.c_str());
  std::string out = f.format == "json" ? pprof::format_top_json(*r) : pprof::format_top_text(*r);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

struct FlameFlags {
  std::string source, base, output;
  SourceFlags src;
};

int run_flame(const FlameFlags& f) {
  auto p = pprof::load_for_report(f.source, f.base, false, f.src.options());
  if (!p) return fail(p.error());
  std::string html = pprof::flame_html(*p, f.source);
  std::FILE* out = std::fopen(f.output.c_str(), "wb");
  if (out == nullptr) return fail(f.output + ": cannot create file");
  bool ok = std::fwrite(html.data(), 1, html.size(), out) == html.size();
  ok = std::fclose(out) == 0 && ok;
  if (!ok) return fail(f.output + ": write failed");
  return kExitOk;
}

struct GrowthFlags {
  std::vector<std::string> sources;
  std::string sample_index, format = "text";
  pprof::GrowthOptions growth;
  SourceFlags src;
};

int run_growth(const GrowthFlags& f) {
  std::vector<pprof::Snapshot> snaps;
  for (const auto& s : f.sources) {
    auto p = pprof::load_profile(s, f.src.options());
    if (!p) return fail(p.error());
    snaps.push_back({s, std::move(p.value())});
  }
  pprof::GrowthOptions o = f.growth;
  o.sample_index = f.sample_index;
  auto r = pprof::analyze_growth(std::move(snaps), o);
  if (!r) return fail(r.error());
  std::string out =
      f.format == "json" ? pprof::format_growth_json(*r) : pprof::format_growth_text(*r);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return r->suspects.empty() ? kExitOk : kExitFindings;
}

}  // namespace

void register_pprof(CLI::App& app, Runner& runner) {
  auto* pp = app.add_subcommand("pprof", "analyse Go pprof profiles (proto or debug=1 text)");
  pp->require_subcommand(1);

  auto tf = std::make_shared<TopFlags>();
  auto* top = pp->add_subcommand("top", "the go tool pprof -top view, with the same numbers");
  top->add_option("source", tf->source, "profile file or http(s) URL")->required();
  top->add_option("--sample-index", tf->report.sample_index, "sample type name or index");
  top->add_option("--nodecount", tf->report.node_count, "show at most N nodes (0 = all)");
  top->add_option("--nodefraction", tf->report.node_fraction,
                  "hide nodes below this fraction of the total (default 0.005)");
  top->add_option("--edgefraction", tf->report.edge_fraction,
                  "ignore edges below this fraction of the total (default 0.001)");
  top->add_option("--focus", tf->report.focus, "keep samples through frames matching regex");
  top->add_option("--ignore", tf->report.ignore, "drop samples through frames matching regex");
  top->add_option("--hide", tf->report.hide, "remove frames matching regex");
  top->add_option("--show", tf->report.show, "keep only frames matching regex");
  top->add_option("--base", tf->base, "subtract this profile (pprof -base)");
  top->add_option("--diff-base", tf->diff_base,
                  "compare with this profile; percentages of its total (pprof -diff_base)");
  top->add_option("--granularity", tf->granularity, "functions|filefunctions|files|lines");
  top->add_flag("--cum", tf->report.cum_sort, "sort by cumulative value");
  top->add_flag("--noinlines", tf->report.noinlines, "attribute inlined frames to their caller");
  top->add_option("--format", tf->format, "text|json")->check(CLI::IsMember({"text", "json"}));
  tf->src.add(top);
  top->callback([tf, &runner] { runner = [tf] { return run_top(*tf); }; });

  auto ff = std::make_shared<FlameFlags>();
  auto* flame = pp->add_subcommand("flame", "write a self-contained HTML flame graph");
  flame->add_option("source", ff->source, "profile file or http(s) URL")->required();
  flame->add_option("-o,--output", ff->output, "output HTML file")->required();
  flame->add_option("--base", ff->base, "subtract this profile first");
  ff->src.add(flame);
  flame->callback([ff, &runner] { runner = [ff] { return run_flame(*ff); }; });

  auto gf = std::make_shared<GrowthFlags>();
  auto* growth = pp->add_subcommand(
      "growth", "rank stacks that grow across snapshots of one process (heap or goroutine)");
  growth->add_option("snapshots", gf->sources, "two or more profiles (files or URLs)")->required();
  growth->add_option("--sample-index", gf->sample_index, "sample type (default inuse_space)");
  growth->add_option("--format", gf->format, "text|json")->check(CLI::IsMember({"text", "json"}));
  growth->add_option("--min-share", gf->growth.min_share,
                     "ignore stacks under this share of the total growth (default 0.01)");
  growth->add_option("--top", gf->growth.max_suspects, "print at most N suspects (default 20)");
  gf->src.add(growth);
  growth->callback([gf, &runner] { runner = [gf] { return run_growth(*gf); }; });
}

}  // namespace oomguard::cli
