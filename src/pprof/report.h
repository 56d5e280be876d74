// The `top` report: pprof's call graph nodes (internal/graph) with its trimming, sorting,
// unit selection and header lines (internal/report), computed in flat arrays.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "pprof/profile.h"

namespace oomguard::pprof {

enum class Granularity { kFunctions, kFileFunctions, kFiles, kLines };

struct ReportOptions {
  std::string sample_index;  // "" = profile default
  bool cum_sort = false;
  int node_count = 0;  // 0 = all (pprof's default for -top)
  double node_fraction = 0.005;
  double edge_fraction = 0.001;
  Granularity granularity = Granularity::kFunctions;
  bool noinlines = false;
  std::string focus, ignore, hide, show;
};

struct TopRow {
  std::string name;
  std::string inline_label;  // "", "(inline)" or "(partial-inline)"
  int64_t flat = 0;
  int64_t cum = 0;
  std::string flat_text, flat_pct, sum_pct, cum_text, cum_pct;
};

struct TopReport {
  std::vector<std::string> labels;    // header lines, as pprof prints them
  std::vector<std::string> warnings;  // e.g. "no matches found for regexp: ..."
  std::vector<TopRow> rows;
  std::string sample_type;
  std::string sample_unit;
  std::string output_unit;
  int64_t total = 0;
  int64_t shown = 0;  // flat sum of the rows
  int dropped_nodes = 0;
};

// Builds the report. The profile is taken by value: filters rewrite it.
Result<TopReport> top_report(Profile p, const ReportOptions& o);

std::string format_top_text(const TopReport& r);
std::string format_top_json(const TopReport& r);

}  // namespace oomguard::pprof
