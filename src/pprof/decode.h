// Decoding profiles from bytes: gzip or raw profile.proto, and the legacy text formats Go
// writes with debug=1 (heap, and count profiles such as goroutine/threadcreate).
// Errors are "offset N: message" (proto) or "line N: message" (text); callers prefix the name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/byte_source.h"
#include "core/result.h"
#include "pprof/profile.h"

namespace oomguard::pprof {

struct DecodeLimits {
  uint64_t max_decompressed = kDefaultMaxInputBytes;  // gunzip output bound
  uint64_t max_elements = uint64_t{1} << 28;          // samples, locations, lines, strings, ...
};

// Decodes gzip-compressed or raw profile.proto, or a legacy text profile. Takes ownership of
// the bytes (string views in the result point into them or into their decompressed form).
Result<Profile> decode(std::string bytes, const DecodeLimits& limits = {});

// Decodes an uncompressed profile.proto message held in `buf` (kept alive by the profile).
Result<Profile> decode_proto(std::shared_ptr<const std::string> buf, const DecodeLimits& limits);

// Legacy text: "heap profile: ..." (debug=1 heap/allocs) or "<name> profile: total N".
// Returns an error starting with "unrecognized" when the text is neither.
Result<Profile> decode_legacy_text(std::shared_ptr<const std::string> buf,
                                   const DecodeLimits& limits);

}  // namespace oomguard::pprof
