// Subcommand registration. Each cmd_<verb>.cpp adds one subcommand to the app; when CLI11
// selects it, its callback stores the runner that main() then calls for the exit code.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace oomguard::cli {

using Runner = std::function<int()>;

void register_ast(CLI::App& app, Runner& runner);
void register_pprof(CLI::App& app, Runner& runner);
void register_goroutines(CLI::App& app, Runner& runner);
void register_lint(CLI::App& app, Runner& runner);
void register_watch(CLI::App& app, Runner& runner);

}  // namespace oomguard::cli
