// The pprof subsystem; see docs/architecture.md.
