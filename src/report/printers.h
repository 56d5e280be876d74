// Printers of lint findings: text (go vet style), JSON, SARIF 2.1.0 and GitHub workflow
// annotations. They render Finding values only.
#pragma once

#include <string>
#include <vector>

#include "report/finding.h"

namespace oomguard::report {

enum class Format { kText, kJson, kSarif, kGithub };

// Parses "text", "json", "sarif", "github"; false when unknown.
bool parse_format(const std::string& name, Format* out);

struct PrintContext {
  std::vector<RuleInfo> rules;  // every rule that ran (SARIF tool.driver.rules)
  std::string tool_version;
};

std::string render(Format f, const std::vector<Finding>& findings, const PrintContext& ctx);

std::string render_text(const std::vector<Finding>& findings);
std::string render_json(const std::vector<Finding>& findings);
std::string render_sarif(const std::vector<Finding>& findings, const PrintContext& ctx);
std::string render_github(const std::vector<Finding>& findings);

// A stable fingerprint of a finding that survives line moves: rule, file and message.
std::string fingerprint(const Finding& f);

}  // namespace oomguard::report
