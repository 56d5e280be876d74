// The goroutines subsystem; see docs/architecture.md.
