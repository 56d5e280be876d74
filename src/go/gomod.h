// go.mod discovery and the two directives the loader needs: `module` and `go`.
// A ModuleCache remembers the answer for every directory it has looked at, so loading a big tree
// reads and stats each go.mod location once.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "go/packages.h"

namespace oomguard::go {

inline constexpr uint64_t kMaxGoModBytes = uint64_t{16} << 20;

struct GoModFields {
  std::string module_path;  // unquoted; "" when there is no module directive
  std::string go_version;   // as written, e.g. "1.21.3"; "" when absent
  std::string error;        // first syntax problem, "" when none
  uint32_t error_line = 0;  // its 1-based line
};

// Parses the module and go directives of go.mod text: quoted ("..." or `...`) or bare tokens,
// // comments, and the block form `module ( path )`. Other directives are skipped.
GoModFields parse_go_mod(std::string_view text);

// The minor version of a go directive ("1.21.3" → 21), or -1 when it is not 1.N[...].
int go_minor_version(std::string_view go_version);

class ModuleCache {
 public:
  struct Entry {
    std::string abs_dir;  // absolute directory holding go.mod
    GoModFields fields;
    std::string read_error;  // go.mod exists but could not be read
  };

  // The nearest go.mod at or above abs_dir (an absolute, clean path), or nullptr.
  const Entry* find(const std::string& abs_dir);

 private:
  std::unordered_map<std::string, int> by_dir_;  // directory → index in modules_, or -1
  std::deque<Entry> modules_;                    // stable addresses
};

}  // namespace oomguard::go
