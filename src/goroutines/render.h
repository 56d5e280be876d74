// Printers for a goroutine report: text for terminals, one JSON object, a self-contained HTML
// page. They only render what the analysis computed (groups, suspects, growth).
#pragma once

#include <string>
#include <vector>

#include "goroutines/diff.h"
#include "goroutines/leaks.h"
#include "goroutines/model.h"

namespace oomguard::goroutines {

struct Report {
  const Snapshot* snapshot = nullptr;
  std::vector<Suspect> suspects;
  const Snapshot* base = nullptr;  // with --base
  std::vector<Growth> growth;
};

struct TextOptions {
  size_t max_groups = 0;  // 0 = all
};

std::string render_text(const Report& r, const TextOptions& opts = {});
std::string render_json(const Report& r);
std::string render_html(const Report& r);

}  // namespace oomguard::goroutines
