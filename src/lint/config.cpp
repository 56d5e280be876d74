#include "lint/config.h"

#include <fmt/format.h>
#include <fnmatch.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "core/byte_source.h"

namespace oomguard::lint {
namespace {

std::string where(const std::string& path, const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  if (m.line < 0) return path;
  return fmt::format("{}:{}:{}", path, m.line + 1, m.column + 1);
}

Result<std::vector<std::string>> string_list(const std::string& path, const YAML::Node& n,
                                             const char* what) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n.IsScalar()) {
    out.push_back(n.as<std::string>());
    return out;
  }
  if (!n.IsSequence())
    return Error{fmt::format("{}: {} must be a list of strings", where(path, n), what)};
  for (const auto& e : n) {
    if (!e.IsScalar())
      return Error{fmt::format("{}: {} must be a list of strings", where(path, e), what)};
    out.push_back(e.as<std::string>());
  }
  return out;
}

}  // namespace

bool glob_match(const std::string& pattern, const std::string& text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

bool Config::rule_enabled(const std::string& id) const {
  bool on = false;
  for (const auto& g : enable) on = on || glob_match(g, id);
  if (!on) return false;
  for (const auto& g : disable) {
    if (glob_match(g, id)) return false;
  }
  return true;
}

bool Config::path_excluded(const std::string& display_path) const {
  for (const auto& g : exclude) {
    if (glob_match(g, display_path)) return true;
  }
  return false;
}

std::string Config::setting(const std::string& rule, const std::string& key,
                            const std::string& fallback) const {
  auto r = settings.find(rule);
  if (r == settings.end()) return fallback;
  auto k = r->second.find(key);
  return k == r->second.end() ? fallback : k->second;
}

long Config::setting_int(const std::string& rule, const std::string& key, long fallback) const {
  std::string v = setting(rule, key, "");
  if (v.empty()) return fallback;
  try {
    size_t used = 0;
    long n = std::stol(v, &used, 0);
    return used == v.size() ? n : fallback;
  } catch (...) {
    return fallback;
  }
}

void Config::apply_flags(const std::vector<std::string>& enable_flags,
                         const std::vector<std::string>& disable_flags) {
  for (const auto& e : enable_flags) {
    std::erase(disable, e);
    if (!rule_enabled(e)) enable.push_back(e);
  }
  for (const auto& d : disable_flags) disable.push_back(d);
}

std::string Config::to_yaml() const {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "version" << YAML::Value << version;
  out << YAML::Key << "rules" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "enable" << YAML::Value << YAML::Flow << enable;
  out << YAML::Key << "disable" << YAML::Value << YAML::Flow << disable;
  out << YAML::EndMap;
  out << YAML::Key << "settings" << YAML::Value << YAML::BeginMap;
  for (const auto& [rule, kv] : settings) {
    out << YAML::Key << rule << YAML::Value << YAML::BeginMap;
    for (const auto& [k, v] : kv) out << YAML::Key << k << YAML::Value << v;
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  out << YAML::Key << "exclude" << YAML::Value << YAML::Flow << exclude;
  out << YAML::EndMap;
  std::string s = out.c_str();
  if (!path.empty()) s = "# from " + path + "\n" + s;
  return s + "\n";
}

Result<Config> parse_config(const std::string& path, const std::string& text) {
  Config c;
  c.path = path;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return Error{fmt::format("{}:{}:{}: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg)};
  }
  if (!root || root.IsNull()) return c;
  if (!root.IsMap())
    return Error{fmt::format("{}: top level must be a mapping", where(path, root))};
  try {
    for (const auto& kv : root) {
      auto key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "version") {
        c.version = v.as<int>();
        if (c.version != 1) {
          return Error{fmt::format("{}: unsupported version {} (this oomguard reads version 1)",
                                   where(path, v), c.version)};
        }
      } else if (key == "rules") {
        if (!v.IsMap()) return Error{fmt::format("{}: rules must be a mapping", where(path, v))};
        for (const auto& rk : v) {
          auto rkey = rk.first.as<std::string>();
          if (rkey != "enable" && rkey != "disable") {
            return Error{fmt::format("{}: unknown key rules.{} (enable, disable)",
                                     where(path, rk.first), rkey)};
          }
          auto list = string_list(path, rk.second, rkey.c_str());
          if (!list.ok()) return Error{list.error()};
          (rkey == "enable" ? c.enable : c.disable) = *list;
        }
      } else if (key == "settings") {
        if (!v.IsMap()) return Error{fmt::format("{}: settings must be a mapping", where(path, v))};
        for (const auto& rule : v) {
          if (!rule.second.IsMap()) {
            return Error{fmt::format("{}: settings.{} must be a mapping", where(path, rule.second),
                                     rule.first.as<std::string>())};
          }
          auto& dst = c.settings[rule.first.as<std::string>()];
          for (const auto& s : rule.second) {
            if (!s.second.IsScalar()) {
              return Error{
                  fmt::format("{}: setting values must be scalars", where(path, s.second))};
            }
            dst[s.first.as<std::string>()] = s.second.as<std::string>();
          }
        }
      } else if (key == "exclude") {
        auto list = string_list(path, v, "exclude");
        if (!list.ok()) return Error{list.error()};
        c.exclude = *list;
      } else {
        return Error{fmt::format("{}: unknown key {} (version, rules, settings, exclude)",
                                 where(path, kv.first), key)};
      }
    }
  } catch (const YAML::Exception& e) {
    return Error{fmt::format("{}:{}:{}: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg)};
  }
  return c;
}

Result<Config> load_config(const std::string& path) {
  auto text = read_file(path, 1 << 20);
  if (!text.ok()) return Error{text.error()};
  return parse_config(path, *text);
}

std::optional<std::string> find_config(const std::string& start_dir) {
  std::error_code ec;
  auto dir = std::filesystem::absolute(start_dir, ec);
  if (ec) return std::nullopt;
  if (!std::filesystem::is_directory(dir, ec)) dir = dir.parent_path();
  for (;;) {
    for (const char* name : {".oomguard.yml", ".oomguard.yaml"}) {
      auto p = dir / name;
      if (std::filesystem::is_regular_file(p, ec)) return p.string();
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

}  // namespace oomguard::lint
