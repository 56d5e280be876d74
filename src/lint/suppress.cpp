#include "lint/suppress.h"

#include <algorithm>
#include <cctype>

namespace oomguard::lint {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool valid_rule_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// Splits "a,b,c" into ids; false if any is malformed.
bool split_ids(std::string_view list, std::vector<std::string>* out) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view id = trim(list.substr(0, comma));
    if (!valid_rule_id(id)) return false;
    out->emplace_back(id);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return !out->empty();
}

}  // namespace

bool parse_directive(std::string_view comment, Directive* out, std::string* error) {
  if (comment.substr(0, 2) != "//") return false;  // directives are line comments only
  std::string_view body = comment.substr(2);
  // golangci-lint accepts "// nolint" with one space as well as "//nolint".
  std::string_view lead = body;
  if (!lead.empty() && lead.front() == ' ') lead.remove_prefix(1);
  if (lead.substr(0, 6) == "nolint") {
    std::string_view rest = lead.substr(6);
    if (!rest.empty() && std::isalnum(static_cast<unsigned char>(rest.front()))) return false;
    out->kind = Directive::Kind::kNolint;
    out->rules.clear();
    // An explanation may follow after " //" (golangci: //nolint:foo // because ...).
    size_t expl = rest.find("//");
    std::string_view spec = trim(rest.substr(0, expl));
    if (spec.empty()) return true;  // bare //nolint: every rule
    if (spec.front() != ':') {
      *error = "malformed //nolint directive: expected //nolint:rule-id[,rule-id]";
      return true;
    }
    std::vector<std::string> ids;
    if (!split_ids(spec.substr(1), &ids)) {
      *error = "malformed //nolint directive: expected //nolint:rule-id[,rule-id]";
      return true;
    }
    for (auto& id : ids) {
      if (id == "oomguard" || id == "all") {
        out->rules.clear();
        return true;
      }
    }
    out->rules = std::move(ids);
    return true;
  }
  bool file_wide = false;
  std::string_view rest;
  if (body.substr(0, 16) == "oomguard:ignore ") {
    rest = body.substr(16);
  } else if (body.substr(0, 21) == "oomguard:file-ignore ") {
    rest = body.substr(21);
    file_wide = true;
  } else if (body == "oomguard:ignore" || body == "oomguard:file-ignore" ||
             body.substr(0, 9) == "oomguard:") {
    *error =
        "malformed directive: expected //oomguard:ignore rule-id reason or "
        "//oomguard:file-ignore rule-id reason";
    out->kind = Directive::Kind::kIgnore;
    return true;
  } else {
    return false;
  }
  out->kind = file_wide ? Directive::Kind::kFileIgnore : Directive::Kind::kIgnore;
  rest = trim(rest);
  size_t sp = rest.find_first_of(" \t");
  std::string_view ids = rest.substr(0, sp);
  std::string_view reason = sp == std::string_view::npos ? "" : trim(rest.substr(sp));
  out->rules.clear();
  if (!split_ids(ids, &out->rules)) {
    *error = "malformed directive: rule ids must be kebab-case, separated by commas";
    return true;
  }
  if (reason.empty()) {
    *error = "directive needs a reason: //oomguard:ignore rule-id reason";
    return true;
  }
  return true;
}

void Suppressions::add_file(const std::string& file, const std::vector<CommentText>& comments,
                            std::vector<Finding>* bad) {
  FileDirectives fd{file, {}};
  for (const auto& c : comments) {
    Directive d;
    std::string err;
    if (!parse_directive(c.text, &d, &err)) continue;
    if (!err.empty()) {
      Finding f;
      f.file = file;
      f.pos = c.pos;
      f.rule = std::string(kBadDirectiveRule);
      f.severity = Severity::kWarning;
      f.message = err;
      bad->push_back(std::move(f));
      continue;
    }
    d.pos = c.pos;
    d.own_line = c.own_line;
    fd.directives.push_back(std::move(d));
  }
  if (!fd.directives.empty()) files_.push_back(std::move(fd));
}

bool Suppressions::suppresses(const Finding& f) {
  for (auto& fd : files_) {
    if (fd.file != f.file) continue;
    for (auto& d : fd.directives) {
      bool rule_match =
          d.rules.empty() || std::find(d.rules.begin(), d.rules.end(), f.rule) != d.rules.end();
      if (!rule_match) continue;
      bool where = d.kind == Directive::Kind::kFileIgnore || d.pos.line == f.pos.line ||
                   (d.own_line && d.pos.line + 1 == f.pos.line);
      if (where) {
        d.used = true;
        return true;
      }
    }
  }
  return false;
}

}  // namespace oomguard::lint
