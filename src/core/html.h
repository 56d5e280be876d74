// Escaping for the self-contained HTML pages (flame graphs, goroutine reports): every string that
// comes from an input goes through html_escape before it is embedded.
#pragma once

#include <string>
#include <string_view>

namespace oomguard {

// Escapes &, <, >, " and ' for text and attribute values.
std::string html_escape(std::string_view s);

}  // namespace oomguard
