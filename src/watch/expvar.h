// Decoder for expvar's /debug/vars JSON: the "memstats" object (runtime.MemStats by Go field
// name). Other published vars are ignored. Depth and size are bounded before parsing.
#pragma once

#include <string_view>

#include "core/result.h"
#include "watch/stats.h"

namespace oomguard::watch {

// Fails when the text is not a JSON object, nests deeper than 64 levels or has no "memstats"
// object; missing or non-numeric fields are left unset.
Result<RuntimeStats> decode_expvar(std::string_view json);

}  // namespace oomguard::watch
