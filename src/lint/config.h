// .oomguard.yml: which rules run, their settings, and which paths are excluded.
//   version: 1
//   rules:
//     enable: ["*"]            # globs over rule ids (default: every rule)
//     disable: ["alloc-*"]     # applied after enable
//   settings:
//     alloc-in-loop: {min-bytes: 65536}
//   exclude: ["gen/*", "*_pb.go"]   # globs over display paths ('*' also crosses '/')
// Found in the working directory or upward from the first target. Flags --enable/--disable
// apply on top of the file.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace oomguard::lint {

struct Config {
  std::string path;  // file it came from; "" for defaults
  int version = 1;
  std::vector<std::string> enable{"*"};
  std::vector<std::string> disable;
  std::map<std::string, std::map<std::string, std::string>> settings;
  std::vector<std::string> exclude;

  [[nodiscard]] bool rule_enabled(const std::string& id) const;
  [[nodiscard]] bool path_excluded(const std::string& display_path) const;
  // A rule's setting, or fallback when absent.
  [[nodiscard]] std::string setting(const std::string& rule, const std::string& key,
                                    const std::string& fallback) const;
  [[nodiscard]] long setting_int(const std::string& rule, const std::string& key,
                                 long fallback) const;
  // Flags: a glob list added to enable (and removed from disable) or to disable.
  void apply_flags(const std::vector<std::string>& enable_flags,
                   const std::vector<std::string>& disable_flags);
  // The effective configuration as YAML (--print-config).
  [[nodiscard]] std::string to_yaml() const;
};

bool glob_match(const std::string& pattern, const std::string& text);

// Parses YAML text; errors carry "path:line:col: message".
Result<Config> parse_config(const std::string& path, const std::string& text);
Result<Config> load_config(const std::string& path);
// .oomguard.yml (or .oomguard.yaml) in start_dir or its parents.
std::optional<std::string> find_config(const std::string& start_dir);

}  // namespace oomguard::lint
