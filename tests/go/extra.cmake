# Go parser oracles (need Go 1.19): go/parser vs oomguard's parser.
#  - go_parser_oracle_goroot: every .go file of GOROOT/src dumped by both must be identical
#    (files go/parser rejects must be rejected by ours, with an error and no crash).
#  - go_parser_oracle_errors: syntax error diagnostics equal go/parser's, position and text.
add_test(NAME go_parser_oracle_goroot
  COMMAND sh -c "GOTOOLCHAIN=local OOMGUARD='$<TARGET_FILE:oomguard>' '${PROJECT_SOURCE_DIR}/scripts/ast-compare.sh' \"$(GOTOOLCHAIN=local go env GOROOT)/src\"")
set_tests_properties(go_parser_oracle_goroot PROPERTIES LABELS oracle TIMEOUT 600)
add_test(NAME go_parser_oracle_errors
  COMMAND ${PROJECT_SOURCE_DIR}/tests/oracle/goast/errors_oracle.sh $<TARGET_FILE:oomguard>)
set_tests_properties(go_parser_oracle_errors PROPERTIES LABELS oracle TIMEOUT 300)
include(${CMAKE_CURRENT_LIST_DIR}/extra_pkgs.cmake)  # loader oracles (go list, go/build)
