// The watch tests' captured inputs (tests/watch/testdata/<name>), read whole; "" when missing, so
// the test's own assertions report it.
#pragma once

#include <string>

#include "core/byte_source.h"

namespace oomguard::watch {

inline std::string fixture(const std::string& name) {
  auto r = read_file(std::string(OOMGUARD_SOURCE_DIR) + "/tests/watch/testdata/" + name);
  return r.ok() ? std::move(*r) : std::string();
}

}  // namespace oomguard::watch
