// Filesystem side of package loading: lexical paths, how paths are displayed, directory
// listings, and the expansion of go-tool directory patterns (`./...`, `dir/...`, `a/.../b`,
// a plain directory). `...` walks skip vendor/, testdata/ and names starting with '.' or '_'
// below the walk root, visit every real directory once (dev+inode), and follow symlinked
// directories only after the real tree, so real paths win and symlink loops end.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"

namespace oomguard::go {

std::string clean_path(std::string_view path);  // like Go's filepath.Clean ("" → ".")
std::string join_path(std::string_view dir, std::string_view name);  // cleaned
std::string parent_dir(std::string_view clean_abs);                  // "/" stays "/"
bool has_suffix(std::string_view s, std::string_view suffix);

// Display rule: relative to the working directory when at or below it ("." for itself),
// otherwise as the user wrote it (relative like "../x", or absolute).
class PathDisplay {
 public:
  explicit PathDisplay(std::string cwd);
  [[nodiscard]] std::string abs(std::string_view path) const;  // clean absolute path
  [[nodiscard]] std::string show(const std::string& abs_path, const std::string& given) const;
  [[nodiscard]] const std::string& cwd() const { return cwd_; }

 private:
  std::string cwd_;
};

std::string current_dir();  // getcwd(), "/" when that fails

struct DirId {
  dev_t dev = 0;
  ino_t ino = 0;
  bool operator==(const DirId& o) const { return dev == o.dev && ino == o.ino; }
  bool operator<(const DirId& o) const { return dev != o.dev ? dev < o.dev : ino < o.ino; }
};

struct DirListing {
  DirId id;
  std::vector<std::string> go_files;   // non-directory entries named *.go, sorted
  std::vector<std::string> subdirs;    // real subdirectories, sorted
  std::vector<std::string> link_dirs;  // symlinks resolving to directories, sorted
};

Result<DirListing> list_dir(const std::string& path);

struct FoundDir {
  std::string abs;      // clean absolute path (through any symlinks followed)
  std::string display;  // as shown to the user
  DirListing listing;
};

// Does a path (cleaned, in the pattern's frame) match a pattern with `...` wildcards?
// `...` matches any string, and a trailing "/..." also matches the prefix itself.
bool match_dots_pattern(std::string_view pattern, std::string_view path);

// Expands a directory pattern: with `...` a walk, otherwise the named directory only.
// Problems (missing root, unreadable directories, symlink loops) are appended to diags.
std::vector<FoundDir> expand_dir_pattern(const std::string& pattern, const PathDisplay& paths,
                                         std::vector<Diagnostic>* diags);

}  // namespace oomguard::go
