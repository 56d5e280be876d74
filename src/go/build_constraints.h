// Build constraints as go/build (Go 1.19) evaluates them: file name suffixes (_GOOS, _GOARCH,
// _GOOS_GOARCH), the //go:build expression in the file header, and the legacy // +build lines
// when there is no //go:build line. Used by the package loader and fuzzed directly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "go/packages.h"

namespace oomguard::go {

// The newest go1.N release tag the toolchain we model satisfies (Debian's Go 1.19).
inline constexpr int kDefaultGoRelease = 19;

// The set of satisfied tags for one configuration, like go/build's Context.matchTag:
// goos, goarch, "gc", "unix" on unix systems (and the android→linux, illumos→solaris,
// ios→darwin aliases), the goexperiment.* tags the toolchain enables by default for goarch,
// go1.1 … go1.<release>, "cgo" only when listed in tags, and every user tag.
class TagContext {
 public:
  TagContext(const LoadOptions& opts, int release);
  [[nodiscard]] bool match(std::string_view tag) const;
  [[nodiscard]] bool cgo_enabled() const { return cgo_; }
  [[nodiscard]] const std::string& goos() const { return goos_; }
  [[nodiscard]] const std::string& goarch() const { return goarch_; }

 private:
  std::string goos_;
  std::string goarch_;
  std::vector<std::string> tags_;  // user tags (split on commas and spaces) and tool tags
  int release_;
  bool cgo_ = false;
  bool unix_ = false;
};

bool is_known_os(std::string_view s);
bool is_known_arch(std::string_view s);

// go/build's goodOSArchFile: false when the base name has a _GOOS, _GOARCH or _GOOS_GOARCH
// suffix (before ".go", after stripping "_test") that ctx does not satisfy.
bool good_os_arch_file(std::string_view base_name, const TagContext& ctx);

struct ConstraintError {
  uint32_t offset = 0;  // byte offset of the problem in the file contents
  std::string message;
};

// Evaluates the header constraints (//go:build, else // +build) of a file's contents.
// Returns false and fills *err for a malformed //go:build line or several of them.
bool match_header(std::string_view contents, const TagContext& ctx, ConstraintError* err);

// Parses and evaluates one //go:build expression (the text after "//go:build").
// On a syntax error returns false and sets *err (offset relative to expr).
bool eval_go_build_expr(std::string_view expr, const TagContext& ctx, ConstraintError* err);

// Evaluates the text after "+build" of a legacy line: space-separated OR of comma-separated
// AND of possibly negated tags; invalid terms become the unsatisfied tag "ignore".
bool eval_plus_build_expr(std::string_view text, const TagContext& ctx);

}  // namespace oomguard::go
