// The go subsystem; see docs/architecture.md.
