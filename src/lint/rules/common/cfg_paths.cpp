#include "lint/rules/common/cfg_paths.h"

namespace oomguard::lint::rules {

CfgPoint locate_in(const Cfg& cfg, const std::vector<const ast::Node*>& ancestors,
                   const ast::Node* n) {
  auto [b, i] = cfg.locate(n);
  if (b != nullptr) return {b, i};
  for (size_t k = ancestors.size(); k-- > 0;) {
    auto [ab, ai] = cfg.locate(ancestors[k]);
    if (ab != nullptr) return {ab, ai};
  }
  return {};
}

bool reaches_avoiding(const Cfg& cfg, CfgPoint from, CfgPoint to, const PointSet& barriers) {
  if (!to.valid()) return false;
  const CfgBlock* r = detail::search(
      cfg, from,
      [&](const CfgBlock* b, int i) {
        if (b == to.block && i == to.index) return 2;
        return barriers.contains(b, i) ? 1 : 0;
      },
      [](const CfgBlock*) { return false; }, [](const CfgBlock*, const CfgBlock*) { return true; });
  return r != nullptr;
}

}  // namespace oomguard::lint::rules
