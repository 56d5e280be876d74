// oomguard pprof: placeholder until its subsystem lands (owned by the pprof work).
#include "cli/commands.h"

namespace oomguard::cli {

void register_pprof(CLI::App& /*app*/, Runner& /*runner*/) {}

}  // namespace oomguard::cli
