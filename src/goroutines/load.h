// Reading a goroutine dump or profile from a file, an http(s) URL, standard input ("-") or
// memory, with the format detected from the bytes: gzip or raw protobuf -> the proto goroutine
// profile (debug=0); "<name> profile: total N" -> debug=1; "goroutine N [...]:" -> debug=2.
// Text streams from file descriptors line by line; only URL bodies and protos are held whole.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "goroutines/model.h"

namespace oomguard::goroutines {

struct LoadOptions {
  Similarity similarity = Similarity::kValue;
  uint64_t max_bytes = uint64_t{1} << 30;  // URL bodies, protos and their decompressed size
  long timeout_ms = 30000;                 // URLs
};

Result<Snapshot> load(const std::string& source, const LoadOptions& opts = {});
Result<Snapshot> load_fd(int fd, const std::string& name, const LoadOptions& opts = {});
Result<Snapshot> load_bytes(std::string_view data, const std::string& name,
                            const LoadOptions& opts = {});

// The proto goroutine profile (already gunzipped); implemented over src/pprof's decoder.
Result<Snapshot> load_proto(std::string_view data, const std::string& name,
                            const LoadOptions& opts);

}  // namespace oomguard::goroutines
