# Oracle: go tool pprof -top vs oomguard pprof top on real profiles (needs Go 1.19).
add_test(NAME pprof_oracle_top
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pprof/oracle_top.sh $<TARGET_FILE:oomguard>
          ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/pprof_oracle_top)
set_tests_properties(pprof_oracle_top PROPERTIES LABELS oracle TIMEOUT 300)
