// Parsing many files at once: a small parallel-for over worker threads, the file collection
// of `oomguard ast --stats --all-files` (every *.go file under a tree, no build constraints, the
// set gofmt -l visits), and parse statistics.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "go/parser.h"

namespace oomguard::go {

// Runs fn(i) for every i in [0, n) on up to `jobs` threads (0 = all cores). fn must be
// thread-safe; each index runs exactly once.
void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t)>& fn);

// Every regular file named *.go (not starting with '.') under each root, recursively, as gofmt
// walks a tree: testdata, vendor and hidden directories included, symlinks not followed. A root
// that is a file is taken as is. Sorted per root. Unreadable directories go to diags.
std::vector<std::string> find_all_go_files(const std::vector<std::string>& roots,
                                           std::vector<Diagnostic>* diags);

struct ParseStats {
  uint64_t files = 0;
  uint64_t bytes = 0;
  uint64_t lines = 0;
  uint64_t files_with_errors = 0;
  uint64_t syntax_errors = 0;
  uint64_t ast_nodes = 0;
  double parse_seconds = 0;  // wall clock of the parallel parse
};

struct SourceRef {
  const std::string* path;
  const std::string* contents;
};

// Parses every file (jobs threads), counting; syntax errors are appended to errors sorted by
// file then position.
ParseStats parse_for_stats(const std::vector<SourceRef>& files, const ParseOptions& opts,
                           unsigned jobs, std::vector<Diagnostic>* errors);

}  // namespace oomguard::go
