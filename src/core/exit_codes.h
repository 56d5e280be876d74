// Process exit codes shared by every subcommand (go vet / golangci-lint conventions).
#pragma once

namespace oomguard {

inline constexpr int kExitOk = 0;            // nothing found / healthy
inline constexpr int kExitFindings = 1;      // findings, leak detected, gate failed
inline constexpr int kExitUsage = 2;         // usage, config or input error
inline constexpr int kExitInternal = 3;      // internal error
inline constexpr int kExitInconclusive = 4;  // too little data to decide (doctor, watch, gate)

}  // namespace oomguard
