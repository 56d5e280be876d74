# Helper functions shared by every subsystem: warnings, sanitizers, tests and fuzz targets.

set(OOMGUARD_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough)
if(OOMGUARD_WERROR)
  list(APPEND OOMGUARD_WARNINGS -Werror)
endif()

if(OOMGUARD_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
# The libFuzzer build instruments everything with ASan+UBSan too, so the same clang build runs
# the whole test suite under the sanitizers and the fuzz targets (one build instead of two).
if(OOMGUARD_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# oomguard_library(name SOURCES... DEPS...)
function(oomguard_library name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${A_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE ${OOMGUARD_WARNINGS})
  target_link_libraries(${name} PUBLIC ${A_DEPS})
endfunction()

# oomguard_add_test(name SOURCES... DEPS... LABELS...)  one GoogleTest binary, registered with ctest.
function(oomguard_add_test name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${A_SOURCES})
  target_compile_options(${name} PRIVATE ${OOMGUARD_WARNINGS})
  target_link_libraries(${name} PRIVATE ${A_DEPS} GTest::gtest GTest::gtest_main Threads::Threads)
  target_compile_definitions(${name} PRIVATE
    OOMGUARD_SOURCE_DIR="${PROJECT_SOURCE_DIR}" OOMGUARD_BINARY_DIR="${PROJECT_BINARY_DIR}")
  if(NOT A_LABELS)
    set(A_LABELS unit)
  endif()
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "${A_LABELS}")
endfunction()

# oomguard_add_fuzzer(name SOURCE file DEPS...)
# With OOMGUARD_FUZZ: a libFuzzer binary. Otherwise: the same target linked with a replay main and
# registered as a test that replays fuzz/corpus/<name>, so fuzz targets never rot.
function(oomguard_add_fuzzer name)
  cmake_parse_arguments(A "" "SOURCE" "DEPS" ${ARGN})
  add_executable(${name} ${A_SOURCE})
  target_compile_options(${name} PRIVATE ${OOMGUARD_WARNINGS})
  target_link_libraries(${name} PRIVATE ${A_DEPS})
  if(OOMGUARD_FUZZ)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    target_sources(${name} PRIVATE ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp)
    add_test(NAME ${name}_replay COMMAND ${name} ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
    set_tests_properties(${name}_replay PROPERTIES LABELS "fuzz-replay")
  endif()
endfunction()
