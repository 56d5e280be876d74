// Units and number formatting exactly as pprof prints them (internal/measurement): bytes scale
// by 1024 to kB/MB/GB..., time to ns/us/ms/s/hrs, other units print as plain numbers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace oomguard::pprof {

// Converts value in from_unit to to_unit ("minimum"/"auto" pick a readable unit). Returns the
// scaled value and the unit to print ("" for uninteresting units such as count).
std::pair<double, std::string> scale_value(int64_t value, std::string_view from_unit,
                                           std::string_view to_unit);

// "%.2f" of the scaled value without a trailing ".00", plus the unit; "0" for zero.
std::string scaled_label(int64_t value, std::string_view from_unit, std::string_view to_unit);

// pprof's percentage column: "  100%", "%5.2f%%" at or above 1%, else "%5.2g%%".
std::string percentage(int64_t value, int64_t total);

}  // namespace oomguard::pprof
