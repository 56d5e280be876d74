#include <nlohmann/json.hpp>

#include "goroutines/render.h"

namespace oomguard::goroutines {
namespace {

using json = nlohmann::ordered_json;

json frame_json(const Snapshot& s, const Frame& f) {
  return json{{"function", s.str(f.function)}, {"file", s.str(f.file)}, {"line", f.line}};
}

json group_json(const Snapshot& s, const Group& g) {
  json j;
  j["count"] = g.count;
  j["state"] = s.str(g.state);
  GroupInfo info = analyse_group(s, g);
  j["blocking"] = blocking_name(info.blocking);
  j["benign"] = info.benign;
  j["wait_minutes"] = json{{"min", g.min_minutes}, {"max", g.max_minutes}};
  json frames = json::array();
  for (size_t i = 0; i < g.frames.size(); ++i) {
    json f = frame_json(s, g.frames[i]);
    if (i < g.args.size() && !g.args[i].empty()) f["args"] = g.args[i];
    frames.push_back(std::move(f));
  }
  j["frames"] = std::move(frames);
  j["created_by"] = g.created_by.function == 0 ? json(nullptr) : frame_json(s, g.created_by);
  j["ids"] = g.ids;
  j["locked"] = g.locked;
  if (g.stack_unavailable) j["stack_unavailable"] = true;
  if (g.labels != 0) {
    j["labels"] = s.str(g.labels);
    j["labels_vary"] = g.labels_vary;
  }
  return j;
}

// Strings from a dump may hold any bytes; nlohmann refuses invalid UTF-8 unless told.
std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string render_json(const Report& r) {
  const Snapshot& s = *r.snapshot;
  json j;
  j["source"] = s.source;
  j["format"] = format_name(s.format);
  j["similarity"] = similarity_name(s.similarity);
  j["total"] = s.total;
  if (s.declared_total != 0) j["declared_total"] = s.declared_total;
  json groups = json::array();
  for (const Group& g : s.groups) groups.push_back(group_json(s, g));
  j["groups"] = std::move(groups);
  json suspects = json::array();
  for (const Suspect& sp : r.suspects) {
    suspects.push_back(json{{"group", sp.group},
                            {"count", s.groups[sp.group].count},
                            {"blocking", blocking_name(sp.blocking)},
                            {"function", s.str(sp.function)},
                            {"file", s.str(sp.file)},
                            {"line", sp.line},
                            {"reason", sp.reason},
                            {"score", sp.score}});
  }
  j["suspects"] = std::move(suspects);
  if (r.base != nullptr) {
    const Snapshot& b = *r.base;
    json growth = json::array();
    for (const Growth& gr : r.growth) {
      json e;
      e["status"] = gr.current < 0 ? "vanished" : gr.base < 0 ? "new" : "matched";
      e["group"] = gr.current < 0 ? json(nullptr) : json(gr.current);
      e["base_group"] = gr.base < 0 ? json(nullptr) : json(gr.base);
      e["base_count"] = gr.base_count;
      e["count"] = gr.count;
      e["delta"] = gr.delta();
      const Snapshot& from = gr.current < 0 ? b : s;
      const Group& g = gr.current < 0 ? b.groups[static_cast<size_t>(gr.base)]
                                      : s.groups[static_cast<size_t>(gr.current)];
      e["state"] = from.str(g.state);
      GroupInfo info = analyse_group(from, g);
      if (info.site >= 0) e["site"] = frame_json(from, g.frames[static_cast<size_t>(info.site)]);
      growth.push_back(std::move(e));
    }
    j["base"] = json{{"source", b.source}, {"format", format_name(b.format)}, {"total", b.total}};
    j["growth"] = std::move(growth);
  }
  json warnings = json::array();
  for (const Diagnostic& d : s.warnings) warnings.push_back(format_diagnostic(d));
  j["warnings"] = std::move(warnings);
  return dump(j) + "\n";
}

}  // namespace oomguard::goroutines
