// Flag values in Go's notation: durations ("500ms", "1m30s") and byte sizes ("64MiB", "2GB",
// plain integers), and the human-readable forms the printers use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace oomguard::watch {

// Go's time.ParseDuration syntax (ns, us, µs, ms, s, m, h; "0" alone is allowed), in seconds.
// Negative durations are rejected: no flag of watch takes one.
Result<double> parse_duration(std::string_view s);

// An integer with an optional suffix: B, KiB/MiB/GiB/TiB (also K/M/G/T and KB/MB/GB/TB read as
// powers of 1000 as GOMEMLIMIT does not accept them but people write them).
Result<uint64_t> parse_bytes(std::string_view s);

std::string format_bytes(double bytes);    // "12.5 MiB", "812 B"
std::string format_duration(double secs);  // "1m30s", "450ms", "2h5m"
std::string format_number(double v);       // "%.3g"-like without exponent for normal values

}  // namespace oomguard::watch
