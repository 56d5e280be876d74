#include "pprof/report.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "pprof/graph.h"
#include "pprof/measurement.h"
#include "pprof/transform.h"

namespace oomguard::pprof {
namespace {

std::string base_name(std::string_view path) {
  // Go's filepath.Base.
  if (path.empty()) return ".";
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  if (slash != std::string_view::npos && path.size() > 1) path = path.substr(slash + 1);
  return std::string(path);
}

// Go's time.Format(layout "Jan 2, 2006 at 3:04pm (MST)") in local time.
std::string format_time(int64_t nanos) {
  int64_t secs = nanos / 1000000000;
  if (nanos % 1000000000 < 0) --secs;
  auto t = static_cast<time_t>(secs);
  struct tm tm {};
  localtime_r(&t, &tm);
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int h = tm.tm_hour % 12;
  if (h == 0) h = 12;
  return fmt::format("{} {}, {} at {}:{:02}{} ({})", kMonths[tm.tm_mon], tm.tm_mday,
                     tm.tm_year + 1900, h, tm.tm_min, tm.tm_hour >= 12 ? "pm" : "am",
                     tm.tm_zone != nullptr ? tm.tm_zone : "UTC");
}

}  // namespace

Result<TopReport> top_report(Profile p, const ReportOptions& o) {
  TopReport r;
  std::string err;
  int si = sample_index(p, o.sample_index, &err);
  if (si < 0) return Error{err};
  r.sample_type = std::string(p.sample_types[static_cast<size_t>(si)].type);
  r.sample_unit = std::string(p.sample_types[static_cast<size_t>(si)].unit);

  // Total before focusing (pprof's default, not relative percentages); a diff base's total
  // when the profile carries base samples.
  {
    size_t nv = p.num_values();
    int64_t total = 0;
    int64_t diff_total = 0;
    for (size_t s = 0; s < p.num_samples(); ++s) {
      int64_t v = abs64(p.values[s * nv + static_cast<size_t>(si)]);
      total = add_wrap(total, v);
      if (!p.labels.empty() && has_label(p, s, "pprof::base", "true")) {
        diff_total = add_wrap(diff_total, v);
      }
    }
    r.total = diff_total > 0 ? diff_total : total;
  }

  // Filters.
  std::vector<std::string> active;
  std::unique_ptr<RE2> focus, ignore, hide, show;
  auto compile = [&](const std::string& name, const std::string& pat,
                     std::unique_ptr<RE2>& re) -> bool {
    if (pat.empty()) return true;
    active.push_back(name + "=" + pat);
    RE2::Options opts;
    opts.set_log_errors(false);
    re = std::make_unique<RE2>(pat, opts);
    if (!re->ok()) {
      err = fmt::format("parsing {} regexp: {}", name, re->error());
      return false;
    }
    return true;
  };
  if (!compile("focus", o.focus, focus) || !compile("ignore", o.ignore, ignore) ||
      !compile("hide", o.hide, hide) || !compile("show", o.show, show)) {
    return Error{err};
  }
  NameFilters nf{focus.get(), ignore.get(), hide.get(), show.get()};
  auto m = filter_samples_by_name(p, nf);
  auto warn = [&](bool ok, const char* what, const std::string& pat) {
    if (!ok) r.warnings.push_back(fmt::format("{} expression matched no samples: {}", what, pat));
  };
  warn(!focus || m.focus, "Focus", o.focus);
  warn(!ignore || m.ignore, "Ignore", o.ignore);
  warn(!hide || m.hide, "Hide", o.hide);
  warn(!show || m.show, "Show", o.show);

  GraphBuilder g(p, static_cast<size_t>(si), o.granularity, o.noinlines);
  GraphResult gr = g.build_trimmed(o.node_fraction, o.edge_fraction, o.node_count, o.cum_sort);
  r.dropped_nodes = gr.dropped_nodes;

  // Output unit: the smallest non-zero node value, scaled by 100 when units differ.
  std::string out_unit = "minimum";
  {
    int64_t min_value = 0;
    for (const auto& n : gr.nodes) {
      int64_t v = abs64(n.flat);
      if (v == 0) v = abs64(n.cum);
      if (v > 0 && (min_value == 0 || v < min_value)) min_value = v;
    }
    int64_t max_value = r.total;
    if (min_value == 0) min_value = max_value;
    if (!gr.nodes.empty()) {
      auto min_unit = scale_value(min_value, r.sample_unit, "minimum").second;
      auto max_unit = scale_value(max_value, r.sample_unit, "minimum").second;
      std::string unit = min_unit;
      if (min_unit != max_unit && mul_wrap(min_value, 100) < max_value) {
        unit = scale_value(mul_wrap(min_value, 100), r.sample_unit, "minimum").second;
      }
      out_unit = unit.empty() ? r.sample_unit : unit;
    }
  }
  r.output_unit = out_unit;
  auto fmtv = [&](int64_t v) { return scaled_label(v, r.sample_unit, out_unit); };

  // Header lines (pprof's ProfileLabels + reportLabels).
  if (!p.mappings.empty()) {
    if (!p.mappings[0].file.empty()) r.labels.push_back("File: " + base_name(p.mappings[0].file));
    if (!p.mappings[0].build_id.empty()) {
      r.labels.push_back("Build ID: " + std::string(p.mappings[0].build_id));
    }
  }
  for (auto c : p.comments) {
    if (c.empty() || c[0] != '#') r.labels.emplace_back(c);
  }
  r.labels.push_back("Type: " + r.sample_type);
  if (p.time_nanos != 0) r.labels.push_back("Time: " + format_time(p.time_nanos));
  if (p.duration_nanos != 0) {
    std::string duration = scaled_label(p.duration_nanos, "nanoseconds", "auto");
    auto [total_ns, total_unit] = scale_value(r.total, r.sample_unit, "nanoseconds");
    std::string ratio;
    if (total_unit == "ns" && total_ns != 0) {
      ratio = "(" + percentage(static_cast<int64_t>(total_ns), p.duration_nanos) + ")";
    }
    r.labels.push_back(
        fmt::format("Duration: {}, Total samples = {} {}", duration, fmtv(r.total), ratio));
  }
  if (!active.empty()) {
    r.labels.emplace_back("Active filters:");
    for (auto s : active) {
      if (s.size() > 80) s = s.substr(0, 80) + "\xe2\x80\xa6";
      r.labels.push_back("   " + s);
    }
  }
  int64_t flat_sum = 0;
  for (const auto& n : gr.nodes) flat_sum = add_wrap(flat_sum, n.flat);
  r.shown = flat_sum;
  std::string pct = percentage(flat_sum, r.total);
  pct.erase(0, pct.find_first_not_of(' '));
  r.labels.push_back(fmt::format("Showing nodes accounting for {}, {} of {} total", fmtv(flat_sum),
                                 pct, fmtv(r.total)));
  if (r.total != 0) {
    if (gr.dropped_nodes > 0) {
      r.labels.push_back(fmt::format(
          "Dropped {} {} (cum <= {})", gr.dropped_nodes, gr.dropped_nodes > 1 ? "nodes" : "node",
          fmtv(abs64(static_cast<int64_t>(static_cast<double>(r.total) * o.node_fraction)))));
    }
    if (!gr.nodes.empty() && static_cast<int>(gr.nodes.size()) < gr.orig_count) {
      r.labels.push_back(
          fmt::format("Showing top {} nodes out of {}", gr.nodes.size(), gr.orig_count));
    }
  }

  int64_t running = 0;
  for (const auto& n : gr.nodes) {
    TopRow row;
    row.name = n.name;
    row.inline_label = n.inline_label;
    row.flat = n.flat;
    row.cum = n.cum;
    running = add_wrap(running, n.flat);
    row.flat_text = fmtv(n.flat);
    row.cum_text = fmtv(n.cum);
    row.flat_pct = percentage(n.flat, r.total);
    row.sum_pct = percentage(running, r.total);
    row.cum_pct = percentage(n.cum, r.total);
    r.rows.push_back(std::move(row));
  }
  return r;
}

std::string format_top_text(const TopReport& r) {
  std::string out;
  for (const auto& l : r.labels) {
    out += l;
    out += '\n';
  }
  out += fmt::format("{:>10} {:>5}% {:>5}% {:>10} {:>5}%\n", "flat", "flat", "sum", "cum", "cum");
  for (const auto& row : r.rows) {
    out += fmt::format("{:>10} {} {} {:>10} {}  {}{}\n", row.flat_text, row.flat_pct, row.sum_pct,
                       row.cum_text, row.cum_pct, row.name,
                       row.inline_label.empty() ? "" : " " + row.inline_label);
  }
  return out;
}

std::string format_top_json(const TopReport& r) {
  nlohmann::json j;
  j["sample_type"] = r.sample_type;
  j["sample_unit"] = r.sample_unit;
  j["output_unit"] = r.output_unit;
  j["total"] = r.total;
  j["shown"] = r.shown;
  j["dropped_nodes"] = r.dropped_nodes;
  j["labels"] = r.labels;
  auto rows = nlohmann::json::array();
  for (const auto& row : r.rows) {
    rows.push_back({{"name", row.name},
                    {"inline", row.inline_label},
                    {"flat", row.flat},
                    {"cum", row.cum},
                    {"flat_text", row.flat_text},
                    {"cum_text", row.cum_text},
                    {"flat_pct", row.flat_pct},
                    {"sum_pct", row.sum_pct},
                    {"cum_pct", row.cum_pct}});
  }
  j["rows"] = std::move(rows);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace oomguard::pprof
