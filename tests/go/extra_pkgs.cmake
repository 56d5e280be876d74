# Package loader oracles (label oracle), both against Debian's Go toolchain at test time:
#  - go_packages_oracle: load_packages on GOROOT/src/... vs `go list std cmd` in several configs;
#  - go_constraints_oracle: match_build_constraints vs go/build's MatchFile on generated headers
#    and the fuzz corpus (Go side: tests/go/testdata/constraints_oracle).
# Include this file from tests/go/extra.cmake.
oomguard_add_test(go_packages_oracle SOURCES ${CMAKE_CURRENT_LIST_DIR}/packages_oracle.cpp
                  DEPS oomguard_go LABELS oracle)
oomguard_add_test(go_constraints_oracle SOURCES ${CMAKE_CURRENT_LIST_DIR}/constraints_oracle.cpp
                  DEPS oomguard_go LABELS oracle)
