#include "lint/rules/unbounded_cache.h"

#include <fmt/format.h>

#include "lint/rules/common/package_globals.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {

const RuleInfo& UnboundedCacheRule::info() const {
  static const RuleInfo kInfo{
      "unbounded-cache",
      "package-level map that is only ever inserted into grows for the life of the process",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void UnboundedCacheRule::run(Pass& pass) const {
  const PackageGlobals& globals = pass.shared<PackageGlobals>();
  for (const auto& [key, facts] : globals.facts()) {
    if (facts.inserts.empty() || facts.deleted || facts.len_compared) continue;
    if (globals.reset(key) || !globals.is_map(key)) continue;
    if (globals.field_evicted_elsewhere(key)) continue;
    if (globals.keyed_by_type(key)) continue;  // a per-type cache: bounded by the program's types
    std::string name = PackageGlobals::name(key);
    const Object* root = key.root;
    for (const GlobalSite& site : facts.inserts) {
      if (!pass.applies(site.file)) continue;
      std::string msg = fmt::format(
          "{} inserts into package-level map {}, which nothing in the package deletes from, "
          "resets or size-checks: it grows for the life of the process",
          node_text(pass, site.file, site.stmt), name);
      std::string fix = fmt::format(
          "evict entries (delete), cap it (check len({}) before inserting), or use a bounded "
          "LRU cache",
          name);
      pass.report(site.file, site.stmt, std::move(msg), std::move(fix),
                  {pass.related(root->file, ast::node_pos(root->ident),
                                fmt::format("{} declared here", root->name))});
    }
  }
}

}  // namespace oomguard::lint::rules
