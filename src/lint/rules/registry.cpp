// Registration of every built-in rule (explicit, no static initialisers).
// scripts/new-rule.sh adds a line between each pair of markers.
#include <memory>

#include "lint/rule.h"
// BEGIN RULE INCLUDES
#include "lint/rules/defer_in_loop.h"
// END RULE INCLUDES

namespace oomguard::lint {

void register_builtin_rules(Registry& registry) {
  using namespace rules;
  // BEGIN RULE REGISTRATIONS
  registry.add(std::make_unique<DeferInLoopRule>());
  // END RULE REGISTRATIONS
}

}  // namespace oomguard::lint
