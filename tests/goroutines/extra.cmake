# goroutines: the Go oracle (tests/oracle/goroutinegen dumps known populations in all three
# formats) and the streaming-memory check on a generated multi-hundred-MB dump.
oomguard_add_test(goroutines_oracle SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/goroutines/oracle.cpp
  DEPS oomguard_goroutines LABELS oracle)
set_tests_properties(goroutines_oracle PROPERTIES TIMEOUT 300
  ENVIRONMENT "GOTOOLCHAIN=local;GOFLAGS=-mod=mod")
oomguard_add_test(goroutines_memory SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/goroutines/memory.cpp
  DEPS oomguard_goroutines LABELS memory)
set_tests_properties(goroutines_memory PROPERTIES TIMEOUT 300)
