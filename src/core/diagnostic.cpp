#include "core/diagnostic.h"

#include <fmt/format.h>

namespace oomguard {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic& d) {
  if (d.pos.line == 0) return fmt::format("{}: {}", d.file, d.message);
  return fmt::format("{}:{}:{}: {}", d.file, d.pos.line, d.pos.col, d.message);
}

}  // namespace oomguard
