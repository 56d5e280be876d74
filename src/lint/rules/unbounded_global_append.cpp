#include "lint/rules/unbounded_global_append.h"

#include <fmt/format.h>

#include "lint/rules/common/package_globals.h"
#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {

const RuleInfo& UnboundedGlobalAppendRule::info() const {
  static const RuleInfo kInfo{
      "unbounded-global-append",
      "append to a package-level slice that is never truncated grows for the life of the process",
      Severity::kWarning,
      0,
      0,
      "",
      {}};
  return kInfo;
}

void UnboundedGlobalAppendRule::run(Pass& pass) const {
  const PackageGlobals& globals = pass.shared<PackageGlobals>();
  for (const auto& [key, facts] : globals.facts()) {
    if (facts.appends.empty() || globals.reset(key)) continue;
    std::string name = PackageGlobals::name(key);
    const Object* root = key.root;
    for (const GlobalSite& site : facts.appends) {
      if (!pass.applies(site.file)) continue;
      std::string msg = fmt::format(
          "{} grows package-level slice {}, which nothing in the package truncates or resets: "
          "every element is kept for the life of the process",
          node_text(pass, site.file, site.stmt), name);
      std::string fix = fmt::format(
          "bound it (a ring buffer, or drop the oldest: {0} = {0}[len({0})-max:]), or reset it "
          "once its contents are consumed",
          name);
      pass.report(site.file, site.stmt, std::move(msg), std::move(fix),
                  {pass.related(root->file, ast::node_pos(root->ident),
                                fmt::format("{} declared here", root->name))});
    }
  }
}

}  // namespace oomguard::lint::rules
