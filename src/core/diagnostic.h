// Diagnostics: a message anchored at a file position. Positions follow Go's conventions:
// byte offset, 1-based line, 1-based byte column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace oomguard {

struct Position {
  uint32_t offset = 0;
  uint32_t line = 0;  // 1-based; 0 means unknown
  uint32_t col = 0;   // 1-based byte column
};

enum class Severity { kError, kWarning, kInfo };

std::string_view severity_name(Severity s);

struct Diagnostic {
  std::string file;
  Position pos;
  Severity severity = Severity::kError;
  std::string message;
};

// "file:line:col: message" (or "file: message" when the position is unknown).
std::string format_diagnostic(const Diagnostic& d);

}  // namespace oomguard
