// A lint finding: what a rule reports and what printers render. Printers see only this type,
// never AST types.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace oomguard::report {

struct RelatedLocation {
  std::string file;
  Position pos;
  std::string message;
};

struct Finding {
  std::string file;  // display path (relative to the working directory when below it)
  Position pos;      // where the user must act
  Position end;      // end of the reported node (exclusive); line 0 when unknown
  std::string rule;  // rule id, kebab-case
  Severity severity = Severity::kWarning;
  std::string message;
  std::string suggestion;
  std::vector<RelatedLocation> related;
};

// Sort order of every output: file, line, column, rule, message.
bool finding_less(const Finding& a, const Finding& b);

// Metadata of a rule, the one source for `oomguard rules`, SARIF rule descriptors and docs.
struct RuleInfo {
  std::string id;
  std::string summary;  // one line
  Severity severity = Severity::kWarning;
  // Go versions the rule applies to, as minor numbers of 1.N: [min_minor, max_minor]; 0 = no bound.
  int min_go_minor = 0;
  int max_go_minor = 0;
  std::string doc;  // the rule's docs/rules/<id>.md page, embedded at build time when available
  // Rules this one is more specific than: when both report on the same file and line, only
  // this one's finding is kept ("one finding per problem").
  std::vector<std::string> supersedes;
};

}  // namespace oomguard::report
