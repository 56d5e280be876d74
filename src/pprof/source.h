// Where profiles come from: a file path, or an http(s) URL of a net/http/pprof endpoint
// (a "?seconds=N" query passes through and extends the timeout as pprof does).
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "pprof/decode.h"

namespace oomguard::pprof {

struct SourceOptions {
  DecodeLimits limits;
  uint64_t max_input = kDefaultMaxInputBytes;  // file or response size
  long timeout_ms = 60000;
};

// Reads and decodes one profile; errors are "SOURCE: offset N: message".
Result<Profile> load_profile(const std::string& source, const SourceOptions& o = {});

}  // namespace oomguard::pprof

namespace oomguard::pprof {

// The profile a report runs on, as pprof builds it: the source, minus a base (-base) or with
// base samples tagged pprof::base=true (-diff_base), merged, then drop_frames applied.
Result<Profile> load_for_report(const std::string& source, const std::string& base, bool diff_base,
                                const SourceOptions& o = {});

}  // namespace oomguard::pprof
