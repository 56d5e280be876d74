#include <fmt/format.h>

#include "goroutines/render.h"

namespace oomguard::goroutines {
namespace {

std::string minutes(const Group& g) {
  if (g.max_minutes == 0) return {};
  if (g.min_minutes == g.max_minutes) return fmt::format(", {} minutes", g.max_minutes);
  return fmt::format(", {}~{} minutes", g.min_minutes, g.max_minutes);
}

std::string header(const Snapshot& s, const Group& g) {
  std::string state(s.str(g.state));
  if (state.empty()) {
    GroupInfo info = analyse_group(s, g);
    state = fmt::format("{}?", blocking_name(info.blocking));  // inferred from frames
  }
  std::string out =
      fmt::format("{} goroutine{} [{}{}]", g.count, g.count == 1 ? "" : "s", state, minutes(g));
  if (g.locked > 0) out += fmt::format(" ({} locked to thread)", g.locked);
  if (!g.ids.empty()) {
    out += " ids";
    for (size_t i = 0; i < g.ids.size(); ++i) out += fmt::format(" {}", g.ids[i]);
    if (g.count > g.ids.size()) out += " ...";
  }
  if (g.labels != 0) {
    out += fmt::format(" labels {}{}", s.str(g.labels), g.labels_vary ? " (and others)" : "");
  }
  return out;
}

void frame_lines(std::string& out, const Snapshot& s, const Frame& f, std::string_view prefix) {
  out += fmt::format("    {}{}\n", prefix, s.str(f.function));
  if (f.file != 0) out += fmt::format("        {}:{}\n", s.str(f.file), f.line);
}

std::string site(const Snapshot& s, const Group& g) {
  GroupInfo info = analyse_group(s, g);
  if (info.site < 0) return "(no stack)";
  const Frame& f = g.frames[static_cast<size_t>(info.site)];
  return fmt::format("{} ({}:{})", s.str(f.function), base_name(s.str(f.file)), f.line);
}

}  // namespace

std::string render_text(const Report& r, const TextOptions& opts) {
  const Snapshot& s = *r.snapshot;
  std::string out;
  out += fmt::format("{}: {} goroutine{} in {} group{} ({}, similarity {})\n", s.source, s.total,
                     s.total == 1 ? "" : "s", s.groups.size(), s.groups.size() == 1 ? "" : "s",
                     format_name(s.format), similarity_name(s.similarity));
  size_t shown = 0;
  for (const Group& g : s.groups) {
    if (opts.max_groups != 0 && shown == opts.max_groups) {
      out += fmt::format("\n... {} more group(s)\n", s.groups.size() - shown);
      break;
    }
    ++shown;
    out += "\n" + header(s, g) + "\n";
    if (g.stack_unavailable) out += "    (stack unavailable: running on another thread)\n";
    for (const Frame& f : g.frames) frame_lines(out, s, f, "");
    if (g.created_by.function != 0) frame_lines(out, s, g.created_by, "created by ");
  }

  if (r.base != nullptr) {
    const Snapshot& b = *r.base;
    out += fmt::format("\ngrowth since {} ({} -> {} goroutines):\n", b.source, b.total, s.total);
    size_t n = 0;
    for (const Growth& gr : r.growth) {
      if (gr.delta() == 0) continue;
      ++n;
      if (gr.current < 0) {
        const Group& g = b.groups[static_cast<size_t>(gr.base)];
        out += fmt::format("  {:>+8}  vanished ({} -> 0)  [{}] {}\n", gr.delta(), gr.base_count,
                           b.str(g.state), site(b, g));
        continue;
      }
      const Group& g = s.groups[static_cast<size_t>(gr.current)];
      if (gr.base < 0) {
        out += fmt::format("  {:>+8}  new (0 -> {})  [{}] {}\n", gr.delta(), gr.count,
                           s.str(g.state), site(s, g));
      } else {
        out += fmt::format("  {:>+8}  ({} -> {})  [{}] {}\n", gr.delta(), gr.base_count, gr.count,
                           s.str(g.state), site(s, g));
      }
    }
    if (n == 0) out += "  no group changed\n";
  }

  if (r.suspects.empty()) {
    out += "\nno leak suspects\n";
  } else {
    out += "\nleak suspects (most likely first):\n";
    for (size_t i = 0; i < r.suspects.size(); ++i) {
      const Suspect& sp = r.suspects[i];
      out += fmt::format("  {}. [score {:.1f}] {}\n", i + 1, sp.score, sp.reason);
    }
  }
  return out;
}

}  // namespace oomguard::goroutines
