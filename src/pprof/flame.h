// A self-contained HTML flame graph: the merged call tree of every sample type embedded as
// JSON (escaped for a <script> block), inline JS/CSS, click to zoom, search highlighting and a
// sample type switch. No network fetches.
#pragma once

#include <string>
#include <string_view>

#include "pprof/profile.h"

namespace oomguard::pprof {

// The flame tree as JSON: {"types":[{"type","unit"}...],"default":i,"root":{"n":name,"v":[..],
// "c":[children]}} with one value per sample type; frames expanded, inlined frames included.
std::string flame_json(const Profile& p);

// The whole HTML page. `title` is escaped.
std::string flame_html(const Profile& p, std::string_view title);

// JSON text made safe inside <script>: '<', '>', '&' and U+2028/2029 as \u escapes.
std::string escape_json_for_script(std::string_view json);

}  // namespace oomguard::pprof
