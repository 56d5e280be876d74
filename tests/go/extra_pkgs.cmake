# Package loader oracle (label oracle): compares load_packages on GOROOT/src/... with
# `go list std cmd` in several configurations. Include this file from tests/go/extra.cmake.
oomguard_add_test(go_packages_oracle SOURCES ${CMAKE_CURRENT_LIST_DIR}/packages_oracle.cpp
                  DEPS oomguard_go LABELS oracle)
