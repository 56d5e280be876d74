// Package loading: expands go-tool patterns (./..., dir/..., a directory, single .go files)
// into packages the way `go list` would: a directory is a package (grouped by package clause),
// build constraints (//go:build, // +build, _GOOS/_GOARCH file suffixes) evaluated for
// linux/amd64 plus --tags, _test.go files included unless excluded, go.mod discovered.
// Walking skips vendor/, testdata/, and directories starting with '.' or '_', never follows a
// symlink loop, and reports unreadable, binary or non-UTF-8 files as diagnostics and skips them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace oomguard::go {

struct LoadOptions {
  bool include_tests = true;
  std::vector<std::string> tags;  // extra build tags (--tags), on top of goos, goarch, gc, go1.x
  std::string goos = "linux";
  std::string goarch = "amd64";
  uint64_t max_file_bytes = uint64_t{64} << 20;
};

struct GoModule {
  std::string dir;          // directory holding go.mod
  std::string module_path;  // the module line
  std::string go_version;   // the go line, e.g. "1.21" ("" when absent)
};

struct SourceFile {
  std::string path;      // as it should be displayed: relative to the working directory when below it
  std::string contents;  // whole file (validated UTF-8, no NUL bytes)
};

struct Package {
  std::string dir;
  std::string name;  // from the package clause
  std::vector<SourceFile> files;  // sorted by path
  std::optional<GoModule> module;
};

struct LoadResult {
  std::vector<Package> packages;     // sorted by dir, then name
  std::vector<Diagnostic> errors;    // unreadable / binary / non-UTF-8 files, bad patterns, loops
  std::vector<std::string> excluded;  // files excluded by build constraints or -tests
};

// Expands patterns and loads every matching package's files.
LoadResult load_packages(const std::vector<std::string>& patterns, const LoadOptions& opts);

// True when the file (name and header comments) satisfies the build constraints for opts.
// A malformed //go:build line sets *error and returns false.
bool match_build_constraints(std::string_view file_name, std::string_view contents,
                             const LoadOptions& opts, std::string* error = nullptr);

// Finds the nearest go.mod at or above dir.
std::optional<GoModule> find_module(const std::string& dir);

}  // namespace oomguard::go
