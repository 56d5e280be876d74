// Single-threaded parse throughput (MB/s) over every .go file under a tree, all preloaded in
// memory, so only lexing + parsing + AST building is measured.
//   bench_parse [--root DIR] [--benchmark_* flags]      (DIR defaults to `go env GOROOT`/src)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/byte_source.h"
#include "go/lexer.h"
#include "go/parser.h"
#include "go/parser_batch.h"

namespace {

struct Corpus {
  std::vector<std::string> paths;
  std::vector<std::string> sources;
  size_t bytes = 0;
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

void BM_ParseTree(benchmark::State& state) {
  const Corpus& c = corpus();
  oomguard::go::ParseOptions opts;
  size_t errors = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < c.sources.size(); i++) {
      oomguard::go::ParsedFile pf = oomguard::go::parse_file(c.paths[i], c.sources[i], opts);
      errors += pf.errors.size();
      benchmark::DoNotOptimize(pf.file);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.counters["files"] = static_cast<double>(c.sources.size());
  state.counters["syntax_errors"] = static_cast<double>(errors / state.iterations());
}
BENCHMARK(BM_ParseTree)->Unit(benchmark::kMillisecond);

void BM_LexTree(benchmark::State& state) {
  const Corpus& c = corpus();
  for (auto _ : state) {
    for (const auto& src : c.sources) {
      oomguard::go::Arena arena(4096);
      oomguard::go::Lexer lx(src, true, &arena, nullptr);
      size_t n = 0;
      while (lx.scan().tok != oomguard::go::Tok::EOF_) n++;
      benchmark::DoNotOptimize(n);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_LexTree)->Unit(benchmark::kMillisecond);

std::string goroot_src() {
  FILE* p = popen("GOTOOLCHAIN=local go env GOROOT 2>/dev/null", "r");
  if (p == nullptr) return "/usr/lib/go/src";
  char buf[4096] = {0};
  size_t n = fread(buf, 1, sizeof buf - 1, p);
  pclose(p);
  std::string s(buf, n);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s + "/src";
}

}  // namespace

int main(int argc, char** argv) {
  std::string root;
  std::vector<char*> args;
  for (int i = 0; i < argc; i++) {
    if (std::strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
      root = argv[++i];
    } else {
      args.push_back(argv[i]);
    }
  }
  if (root.empty()) root = goroot_src();
  std::vector<oomguard::Diagnostic> diags;
  Corpus& c = corpus();
  c.paths = oomguard::go::find_all_go_files({root}, &diags);
  for (const auto& p : c.paths) {
    auto r = oomguard::read_file(p);
    c.sources.push_back(r.ok() ? std::move(*r) : std::string());
    c.bytes += c.sources.back().size();
  }
  std::fprintf(stderr, "corpus: %s: %zu files, %.1f MB\n", root.c_str(), c.paths.size(),
               static_cast<double>(c.bytes) / 1e6);
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
