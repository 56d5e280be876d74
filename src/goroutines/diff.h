// Growth between two snapshots: groups are matched by their key (state, frames as
// function/file/line, creator) across the two string tables; unmatched groups are new or vanished.
#pragma once

#include <cstdint>
#include <vector>

#include "goroutines/model.h"

namespace oomguard::goroutines {

struct Growth {
  int current = -1;  // index into the current snapshot's groups, -1 when vanished
  int base = -1;     // index into the base snapshot's groups, -1 when new
  uint64_t base_count = 0;
  uint64_t count = 0;
  [[nodiscard]] int64_t delta() const {
    return static_cast<int64_t>(count) - static_cast<int64_t>(base_count);
  }
};

// Largest growth first; vanished groups (negative) last.
std::vector<Growth> compare(const Snapshot& base, const Snapshot& current);

}  // namespace oomguard::goroutines
