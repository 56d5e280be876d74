#!/usr/bin/env bash
# Scaffolds a lint rule: src/lint/rules/<rule_id>.{h,cpp}, docs/rules/<rule-id>.md,
# tests/lint/rules/<rule-id>/cases.go, and its registration in src/lint/builtin_rules.cpp.
#   scripts/new-rule.sh my-new-rule "one-line summary"
set -euo pipefail
cd "$(dirname "$0")/.."
id=${1:?usage: new-rule.sh rule-id "summary"}
summary=${2:-TODO one-line summary}
[[ $id =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || { echo "rule id must be kebab-case: $id" >&2; exit 2; }
file=${id//-/_}
class=$(echo "$id" | sed -E 's/(^|-)([a-z0-9])/\U\2/g')Rule
h=src/lint/rules/$file.h
cpp=src/lint/rules/$file.cpp
for f in "$h" "$cpp" "docs/rules/$id.md" "tests/lint/rules/$id"; do
  [ -e "$f" ] && { echo "$f exists" >&2; exit 2; }
done

cat >"$h" <<EOT
// $id: $summary
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class $class : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
EOT

cat >"$cpp" <<EOT
#include "lint/rules/$file.h"

#include "lint/rules/common/util.h"

namespace oomguard::lint::rules {

const RuleInfo& $class::info() const {
  static const RuleInfo kInfo{"$id", "$summary", Severity::kWarning, 0, 0, "", {}};
  return kInfo;
}

void $class::run(Pass& pass) const {
  for (int file = 0; file < static_cast<int>(pass.files().size()); ++file) {
    if (!pass.applies(file)) continue;
    for_each_function(pass, file, [&](const FuncScope& scope, const ast::BlockStmt* body) {
      (void)scope;
      walk_body(body, [&](const ast::Node* n, const std::vector<const ast::Node*>& loops) {
        (void)n;
        (void)loops;
      });
    });
  }
}

}  // namespace oomguard::lint::rules
EOT

cat >"docs/rules/$id.md" <<EOT
# $id

**Severity:** warning · **Go versions:** all

## What it finds
$summary

## Why it leaks

## Bad
\`\`\`go
\`\`\`

## Good
\`\`\`go
\`\`\`

## Suppress
\`//nolint:$id\` on the line or the line above, or \`//oomguard:ignore $id <reason>\`.

## Known limits
EOT

mkdir -p "tests/lint/rules/$id"
cat >"tests/lint/rules/$id/cases.go" <<EOT
package ${file//_/}

// Mark each line that must be reported with: // want "$id"
// Mark each negative case with: // ok: why it must stay silent
EOT

sed -i "s|^// END RULE INCLUDES|#include \"lint/rules/$file.h\"\n// END RULE INCLUDES|" src/lint/builtin_rules.cpp
sed -i "s|^  // END RULE REGISTRATIONS|  registry.add(std::make_unique<$class>());\n  // END RULE REGISTRATIONS|" src/lint/builtin_rules.cpp
echo "created $h $cpp docs/rules/$id.md tests/lint/rules/$id/cases.go; registered $class"
