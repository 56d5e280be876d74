# watch_cli_test runs the oomguard binary of this build tree; make sure it is built first.
add_dependencies(watch_cli_test oomguard)
