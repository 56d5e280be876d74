// Fuzz target: decode any bytes as an expvar /debug/vars document.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "watch/expvar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r =
      oomguard::watch::decode_expvar(std::string_view(reinterpret_cast<const char*>(data), size));
  if (r) {
    oomguard::watch::RuntimeStats s;
    s.merge_missing(*r);
  }
  return 0;
}
