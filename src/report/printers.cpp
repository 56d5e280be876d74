#include "report/printers.h"

#include <fmt/format.h>

#include <cstdint>
#include <nlohmann/json.hpp>

namespace oomguard::report {
namespace {

using nlohmann::json;

std::string sarif_level(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "note";
  }
  return "warning";
}

json region(const Position& pos, const Position& end) {
  json r = {{"startLine", pos.line}, {"startColumn", pos.col}};
  if (end.line != 0) {
    r["endLine"] = end.line;
    r["endColumn"] = end.col;
  }
  return r;
}

json physical(const std::string& file, const Position& pos, const Position& end) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", file}, {"uriBaseId", "%SRCROOT%"}}},
            {"region", region(pos, end)}}}};
}

// GitHub workflow command escaping: data escapes %, CR, LF; properties also ':' and ','.
std::string gh_escape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

bool parse_format(const std::string& name, Format* out) {
  if (name == "text")
    *out = Format::kText;
  else if (name == "json")
    *out = Format::kJson;
  else if (name == "sarif")
    *out = Format::kSarif;
  else if (name == "github")
    *out = Format::kGithub;
  else
    return false;
  return true;
}

std::string fingerprint(const Finding& f) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a 64
  auto mix = [&h](const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0xff;
    h *= 1099511628211ULL;
  };
  mix(f.rule);
  mix(f.file);
  mix(f.message);
  return fmt::format("{:016x}", h);
}

std::string render_text(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += fmt::format("{}:{}:{}: {} ({})\n", f.file, f.pos.line, f.pos.col, f.message, f.rule);
  }
  return out;
}

std::string render_json(const std::vector<Finding>& findings) {
  json arr = json::array();
  for (const auto& f : findings) {
    json related = json::array();
    for (const auto& r : f.related) {
      related.push_back(
          {{"file", r.file}, {"line", r.pos.line}, {"col", r.pos.col}, {"message", r.message}});
    }
    arr.push_back({{"file", f.file},
                   {"line", f.pos.line},
                   {"col", f.pos.col},
                   {"end_line", f.end.line != 0 ? f.end.line : f.pos.line},
                   {"end_col", f.end.line != 0 ? f.end.col : f.pos.col},
                   {"rule", f.rule},
                   {"severity", std::string(severity_name(f.severity))},
                   {"message", f.message},
                   {"suggestion", f.suggestion},
                   {"related", related}});
  }
  return arr.dump(2) + "\n";
}

std::string render_sarif(const std::vector<Finding>& findings, const PrintContext& ctx) {
  json rules = json::array();
  std::vector<std::string> ids;
  for (const auto& r : ctx.rules) {
    json rule = {{"id", r.id},
                 {"name", r.id},
                 {"shortDescription", {{"text", r.summary}}},
                 {"fullDescription", {{"text", r.summary}}},
                 {"defaultConfiguration", {{"level", sarif_level(r.severity)}}}};
    rule["help"] = {{"text", r.doc.empty() ? r.summary : r.doc},
                    {"markdown", r.doc.empty() ? r.summary : r.doc}};
    rules.push_back(std::move(rule));
    ids.push_back(r.id);
  }
  json results = json::array();
  for (const auto& f : findings) {
    json res = {{"ruleId", f.rule},
                {"level", sarif_level(f.severity)},
                {"message", {{"text", f.message}}},
                {"locations", json::array({physical(f.file, f.pos, f.end)})},
                {"partialFingerprints", {{"oomguardFindingHash/v1", fingerprint(f)}}}};
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == f.rule) res["ruleIndex"] = i;
    }
    if (!f.related.empty()) {
      json rel = json::array();
      int id = 1;
      for (const auto& r : f.related) {
        json loc = physical(r.file, r.pos, {});
        loc["id"] = id++;
        loc["message"] = {{"text", r.message}};
        rel.push_back(std::move(loc));
      }
      res["relatedLocations"] = std::move(rel);
    }
    results.push_back(std::move(res));
  }
  json doc = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::array({{{"tool",
                      {{"driver",
                        {{"name", "oomguard"}, {"version", ctx.tool_version}, {"rules", rules}}}}},
                     {"results", results}}})}};
  return doc.dump(2) + "\n";
}

std::string render_github(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    const char* level = f.severity == Severity::kError     ? "error"
                        : f.severity == Severity::kWarning ? "warning"
                                                           : "notice";
    out += fmt::format("::{} file={},line={},col={}", level, gh_escape(f.file, true), f.pos.line,
                       f.pos.col);
    if (f.end.line != 0) out += fmt::format(",endLine={},endColumn={}", f.end.line, f.end.col);
    out += fmt::format(",title={}::{}\n", gh_escape(f.rule, true), gh_escape(f.message, false));
  }
  return out;
}

std::string render(Format f, const std::vector<Finding>& findings, const PrintContext& ctx) {
  switch (f) {
    case Format::kText:
      return render_text(findings);
    case Format::kJson:
      return render_json(findings);
    case Format::kSarif:
      return render_sarif(findings, ctx);
    case Format::kGithub:
      return render_github(findings);
  }
  return {};
}

}  // namespace oomguard::report
