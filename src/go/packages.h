// Package loading: expands go-tool patterns (./..., dir/..., a directory, single .go files)
// into packages the way `go list` would: a directory is a package (grouped by package clause),
// build constraints (//go:build, // +build, _GOOS/_GOARCH file suffixes) evaluated for
// linux/amd64 plus --tags, _test.go files included unless excluded, go.mod discovered.
// Walking skips vendor/, testdata/, and directories starting with '.' or '_', never follows a
// symlink loop, and reports unreadable, binary or non-UTF-8 files as diagnostics and skips them.
// cgo is off unless "cgo" is among the tags (like CGO_ENABLED=0): then `//go:build cgo` fails
// and non-test files that import "C" are excluded. Files named on the command line form one
// package group (split by package clause) and, as with the go tool, build constraints are not
// applied to them (cmd/go's GoFilesPackage sets UseAllFiles); include_tests still applies.
//
// Where we differ from the go tool, on purpose: patterns are file system paths only (no import
// paths such as `std`); `...` walks follow symlinked directories (once each, real paths first;
// the go tool never follows them) and do not stop at nested modules; an explicitly named
// directory is loaded even when its name starts with '.' or '_'; named files may come from
// several directories (the package's dir is the first file's); `//go:build` tags with non-ASCII
// characters treat every code point as a letter. Paths are shown relative to the working
// directory when below it ("." for itself, no "./" prefix), otherwise as written.
// Diagnostics: errors for unreadable/binary/non-UTF-8 files, malformed //go:build lines, missing
// package clauses, bad patterns and go.mod syntax; warnings for patterns matching no packages,
// directories whose files are all excluded, conflicting package clauses and symlink loops.
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
  // Release tags go1.1 … go1.<go_release> are satisfied. 0 derives it per package:
  // max(19, the minor version of the module's `go` line), so a `go 1.22` module sees go1.22.
  int go_release = 0;
  unsigned jobs = 0;  // threads reading files (0 = all cores)
};

struct GoModule {
  std::string dir;          // directory holding go.mod
  std::string module_path;  // the module line
  std::string go_version;   // the go line, e.g. "1.21" ("" when absent)
};

struct SourceFile {
  std::string path;  // as it should be displayed: relative to the working directory when below it
  std::string contents;  // whole file (validated UTF-8, no NUL bytes)
};

struct Package {
  std::string dir;
  std::string name;               // from the package clause
  std::vector<SourceFile> files;  // sorted by path
  std::optional<GoModule> module;
};

struct LoadResult {
  std::vector<Package> packages;      // sorted by dir, then name
  std::vector<Diagnostic> errors;     // unreadable / binary / non-UTF-8 files, bad patterns, loops
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
