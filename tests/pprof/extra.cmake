# Oracle: go tool pprof -top vs oomguard pprof top on real profiles (needs Go 1.19).
add_test(NAME pprof_oracle_top
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pprof/oracle_top.sh $<TARGET_FILE:oomguard>
          ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/pprof_oracle_top)
set_tests_properties(pprof_oracle_top PROPERTIES LABELS oracle TIMEOUT 300)

# CLI contract for bad input (exit code 2, "FILE: offset N: message"); no Go needed.
add_test(NAME pprof_cli_errors
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pprof/cli_errors.sh $<TARGET_FILE:oomguard>
          ${CMAKE_CURRENT_BINARY_DIR}/pprof_cli_errors)
set_tests_properties(pprof_cli_errors PROPERTIES LABELS unit)
