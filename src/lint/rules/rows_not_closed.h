// rows-not-closed: *sql.Rows from Query/QueryContext and *sql.Stmt from Prepare/PrepareContext not
// closed on some path; leaving a for rows.Next() loop through its condition counts as closing
// (database/sql closes the rows then).
#pragma once

#include "lint/rule.h"

namespace oomguard::lint::rules {

class RowsNotClosedRule : public Rule {
 public:
  [[nodiscard]] const RuleInfo& info() const override;
  void run(Pass& pass) const override;
};

}  // namespace oomguard::lint::rules
