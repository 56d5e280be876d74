// oomguard: find the causes of Go OOM kills in source, profiles, dumps and live services.
#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "core/exit_codes.h"

#ifndef OOMGUARD_VERSION
#define OOMGUARD_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace oomguard;
  CLI::App app{"oomguard: finds the causes of Go OOM kills: leaks in source (lint), in profiles "
               "and goroutine dumps, and live on a running service.",
               "oomguard"};
  app.set_version_flag("--version", "oomguard " OOMGUARD_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  cli::Runner runner;
  cli::register_lint(app, runner);
  cli::register_ast(app, runner);
  cli::register_pprof(app, runner);
  cli::register_goroutines(app, runner);
  cli::register_watch(app, runner);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  if (!runner) return kExitUsage;
  try {
    return runner();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "oomguard: internal error: %s\n", e.what());
    return kExitInternal;
  }
}
