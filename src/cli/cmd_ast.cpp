// oomguard ast FILE...: print each file's syntax tree in the canonical form (the one
// tests/oracle/goast prints for go/parser), or with --stats parse whole packages and report
// throughput.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "core/byte_source.h"
#include "core/exit_codes.h"
#include "go/ast_dump.h"
#include "go/packages.h"
#include "go/parser.h"
#include "go/parser_batch.h"

namespace oomguard::cli {
namespace {

struct AstArgs {
  std::vector<std::string> inputs;
  std::string files_from;
  bool stats = false;
  bool all_files = false;
  bool all_errors = false;
  unsigned jobs = 0;
  std::vector<std::string> tags;
};

void print_diags(const std::vector<Diagnostic>& ds) {
  for (const auto& d : ds) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
}

bool read_list(const std::string& path, std::vector<std::string>& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(line);
  }
  return true;
}

int run_dump(const AstArgs& a) {
  std::vector<std::string> files = a.inputs;
  if (!a.files_from.empty() && !read_list(a.files_from, files)) {
    std::fprintf(stderr, "oomguard ast: cannot read %s\n", a.files_from.c_str());
    return kExitUsage;
  }
  go::ParseOptions po;
  po.all_errors = a.all_errors;
  struct Out {
    std::string text;
    std::vector<Diagnostic> errors;
  };
  std::vector<Out> outs(files.size());
  // Parse and render in parallel, print in input order.
  go::parallel_for(files.size(), a.jobs, [&](size_t i) {
    auto src = read_file(files[i], uint64_t{1} << 30);
    if (!src.ok()) {
      outs[i].text = "=== " + files[i] + "\nREJECTED\n";
      outs[i].errors.push_back(Diagnostic{files[i], {}, Severity::kError, src.error()});
      return;
    }
    go::ParsedFile pf = go::parse_file(files[i], std::move(*src), po);
    go::dump_file(pf, outs[i].text);
    outs[i].errors = std::move(pf.errors);
  });
  int rc = kExitOk;
  for (auto& o : outs) {
    std::fwrite(o.text.data(), 1, o.text.size(), stdout);
    if (!o.errors.empty()) {
      std::fflush(stdout);
      print_diags(o.errors);
      rc = kExitUsage;
    }
  }
  std::fflush(stdout);
  return rc;
}

int run_stats(const AstArgs& a) {
  std::vector<Diagnostic> load_errors;
  std::vector<std::string> paths;
  std::vector<std::string> contents;
  size_t packages = 0;
  go::LoadResult loaded;
  std::vector<go::SourceRef> refs;
  if (a.all_files) {
    // Every .go file under the trees, without build constraints: the set gofmt -l visits.
    paths = go::find_all_go_files(a.inputs, &load_errors);
    contents.resize(paths.size());
    std::vector<std::string> read_errors(paths.size());
    go::parallel_for(paths.size(), a.jobs, [&](size_t i) {
      auto r = read_file(paths[i], uint64_t{64} << 20);
      if (r.ok()) {
        contents[i] = std::move(*r);
      } else {
        read_errors[i] = r.error();
      }
    });
    std::vector<std::string> dirs;
    for (size_t i = 0; i < paths.size(); i++) {
      if (!read_errors[i].empty()) {
        load_errors.push_back(Diagnostic{paths[i], {}, Severity::kError, read_errors[i]});
        continue;
      }
      refs.push_back(go::SourceRef{&paths[i], &contents[i]});
      dirs.push_back(paths[i].substr(0, paths[i].rfind('/') + 1));
    }
    std::sort(dirs.begin(), dirs.end());
    packages = static_cast<size_t>(std::unique(dirs.begin(), dirs.end()) - dirs.begin());
  } else {
    go::LoadOptions lo;
    lo.tags = a.tags;
    loaded = go::load_packages(a.inputs, lo);
    load_errors = loaded.errors;
    packages = loaded.packages.size();
    for (const auto& p : loaded.packages) {
      for (const auto& f : p.files) refs.push_back(go::SourceRef{&f.path, &f.contents});
    }
  }
  go::ParseOptions po;
  po.all_errors = a.all_errors;
  std::vector<Diagnostic> syntax_errors;
  go::ParseStats s = go::parse_for_stats(refs, po, a.jobs, &syntax_errors);
  print_diags(load_errors);
  print_diags(syntax_errors);
  unsigned jobs = a.jobs != 0 ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  double mb = static_cast<double>(s.bytes) / 1e6;
  std::printf("files:          %llu\n", static_cast<unsigned long long>(s.files));
  std::printf("packages:       %zu%s\n", packages, a.all_files ? " (directories)" : "");
  std::printf("bytes:          %llu\n", static_cast<unsigned long long>(s.bytes));
  std::printf("lines:          %llu\n", static_cast<unsigned long long>(s.lines));
  std::printf("ast nodes:      %llu\n", static_cast<unsigned long long>(s.ast_nodes));
  std::printf("syntax errors:  %llu in %llu files\n",
              static_cast<unsigned long long>(s.syntax_errors),
              static_cast<unsigned long long>(s.files_with_errors));
  if (!a.all_files)
    std::printf("excluded files: %zu (build constraints)\n", loaded.excluded.size());
  std::printf("parse time:     %.3f s on %u threads (%.1f MB/s)\n", s.parse_seconds, jobs,
              s.parse_seconds > 0 ? mb / s.parse_seconds : 0.0);
  return s.syntax_errors != 0 || !load_errors.empty() ? kExitUsage : kExitOk;
}

}  // namespace

void register_ast(CLI::App& app, Runner& runner) {
  auto a = std::make_shared<AstArgs>();
  auto* cmd = app.add_subcommand(
      "ast", "Print the syntax tree of Go files (canonical go/ast form), or parse statistics");
  cmd->add_option("inputs", a->inputs,
                  "Go files to print; with --stats, package patterns (./..., dir, file.go)");
  cmd->add_option("--files-from", a->files_from,
                  "Read more file names from this file, one per line");
  cmd->add_flag("--stats", a->stats, "Parse the packages and print statistics instead of trees");
  cmd->add_flag("--all-files", a->all_files,
                "With --stats: every .go file under the given directories, without build "
                "constraints (the files gofmt -l visits)");
  cmd->add_flag("--all-errors", a->all_errors,
                "Report every syntax error (not one per line, 10 max)");
  cmd->add_option("-j,--jobs", a->jobs, "Parser threads (default: all cores)");
  cmd->add_option("--tags", a->tags, "Extra build tags for --stats")->delimiter(',');
  cmd->callback([a, &runner] { runner = [a] { return a->stats ? run_stats(*a) : run_dump(*a); }; });
}

}  // namespace oomguard::cli
