// One self-contained page: inline CSS, no script, no external resource; every string from the
// input goes through html_escape.
#include <fmt/format.h>

#include "core/html.h"
#include "goroutines/render.h"

namespace oomguard::goroutines {
namespace {

constexpr std::string_view kStyle = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.3em}h2{font-size:1.1em;margin-top:2em}
table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;vertical-align:top}
tr:nth-child(even){background:#f4f4f4}
.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:12px/1.35 ui-monospace,monospace}
details{margin:.4em 0;border-left:3px solid #ccc;padding-left:.6em}
details.benign{border-color:#9c9}details.suspect{border-color:#d55}
summary{cursor:pointer}.file{color:#666}
)";

std::string frame_html(const Snapshot& s, const Frame& f, std::string_view prefix) {
  std::string out = fmt::format("{}{}", prefix, html_escape(s.str(f.function)));
  if (f.file != 0) {
    out +=
        fmt::format("\n    <span class=\"file\">{}:{}</span>", html_escape(s.str(f.file)), f.line);
  }
  return out + "\n";
}

}  // namespace

std::string render_html(const Report& r) {
  const Snapshot& s = *r.snapshot;
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  out += fmt::format("<title>goroutines: {}</title>\n<style>{}</style></head><body>\n",
                     html_escape(s.source), kStyle);
  out += fmt::format("<h1>{}</h1>\n<p>{} goroutines in {} groups ({}, similarity {})</p>\n",
                     html_escape(s.source), s.total, s.groups.size(), format_name(s.format),
                     similarity_name(s.similarity));

  out += "<h2>Leak suspects</h2>\n";
  if (r.suspects.empty()) {
    out += "<p>No leak suspects.</p>\n";
  } else {
    out += "<table><tr><th>#</th><th>score</th><th>count</th><th>explanation</th></tr>\n";
    for (size_t i = 0; i < r.suspects.size(); ++i) {
      const Suspect& sp = r.suspects[i];
      out += fmt::format(
          "<tr><td class=\"n\">{}</td><td class=\"n\">{:.1f}</td><td class=\"n\">{}</td>"
          "<td><a href=\"#g{}\">{}</a></td></tr>\n",
          i + 1, sp.score, s.groups[sp.group].count, sp.group, html_escape(sp.reason));
    }
    out += "</table>\n";
  }

  if (r.base != nullptr) {
    const Snapshot& b = *r.base;
    out += fmt::format("<h2>Growth since {} ({} &rarr; {} goroutines)</h2>\n",
                       html_escape(b.source), b.total, s.total);
    out +=
        "<table><tr><th>delta</th><th>before</th><th>after</th><th>state</th><th>site</th></tr>\n";
    for (const Growth& gr : r.growth) {
      if (gr.delta() == 0) continue;
      const Snapshot& from = gr.current < 0 ? b : s;
      const Group& g = gr.current < 0 ? b.groups[static_cast<size_t>(gr.base)]
                                      : s.groups[static_cast<size_t>(gr.current)];
      GroupInfo info = analyse_group(from, g);
      std::string site =
          info.site < 0 ? ""
                        : std::string(from.str(g.frames[static_cast<size_t>(info.site)].function));
      out += fmt::format(
          "<tr><td class=\"n\">{:+}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td>"
          "<td><code>{}</code></td></tr>\n",
          gr.delta(), gr.base_count, gr.count, html_escape(from.str(g.state)), html_escape(site));
    }
    out += "</table>\n";
  }

  out += "<h2>Groups</h2>\n";
  std::vector<bool> is_suspect(s.groups.size(), false);
  for (const Suspect& sp : r.suspects) is_suspect[sp.group] = true;
  for (size_t gi = 0; gi < s.groups.size(); ++gi) {
    const Group& g = s.groups[gi];
    GroupInfo info = analyse_group(s, g);
    std::string state(s.str(g.state));
    if (state.empty()) state = std::string(blocking_name(info.blocking)) + "?";
    std::string site =
        info.site < 0 ? "" : std::string(s.str(g.frames[static_cast<size_t>(info.site)].function));
    std::string mins;
    if (g.max_minutes > 0) mins = fmt::format(", {}~{} minutes", g.min_minutes, g.max_minutes);
    out += fmt::format(
        "<details id=\"g{}\" class=\"{}\"><summary><strong>{}</strong> [{}{}] "
        "<code>{}</code></summary>\n<pre>",
        gi,
        is_suspect[gi] ? "suspect"
        : info.benign  ? "benign"
                       : "",
        g.count, html_escape(state), mins, html_escape(site));
    if (g.stack_unavailable) out += "(stack unavailable)\n";
    for (const Frame& f : g.frames) out += frame_html(s, f, "");
    if (g.created_by.function != 0) out += frame_html(s, g.created_by, "created by ");
    if (g.labels != 0) out += fmt::format("labels: {}\n", html_escape(s.str(g.labels)));
    out += "</pre></details>\n";
  }
  if (!s.warnings.empty()) {
    out += "<h2>Warnings</h2>\n<ul>\n";
    for (const Diagnostic& d : s.warnings) {
      out += fmt::format("<li>{}</li>\n", html_escape(format_diagnostic(d)));
    }
    out += "</ul>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace oomguard::goroutines
