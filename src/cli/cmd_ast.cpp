// oomguard ast: placeholder until its subsystem lands (owned by the ast work).
#include "cli/commands.h"

namespace oomguard::cli {

void register_ast(CLI::App& /*app*/, Runner& /*runner*/) {}

}  // namespace oomguard::cli
