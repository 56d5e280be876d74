// oomguard goroutines: placeholder until its subsystem lands (owned by the goroutines work).
#include "cli/commands.h"

namespace oomguard::cli {

void register_goroutines(CLI::App& /*app*/, Runner& /*runner*/) {}

}  // namespace oomguard::cli
