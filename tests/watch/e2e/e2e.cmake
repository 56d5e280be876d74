# End-to-end tests of `oomguard watch` on the live example service (label e2e: the release build
# runs them, the sanitizer build does not). leakysvc and loadgen are built once, by a fixture.
# Each leak mode runs watch for 45 s at 1 s intervals (one run <= 90 s); the healthy mode watches
# 2 minutes of churn. Independent, so ctest -j runs them side by side: 5 minutes at -j2 in all.
set(WATCH_E2E ${CMAKE_CURRENT_LIST_DIR})
set(WATCH_E2E_BIN ${CMAKE_CURRENT_BINARY_DIR}/watch_e2e/bin)

add_test(NAME watch_e2e_build_leakysvc
  COMMAND ${WATCH_E2E}/build_leakysvc.sh ${PROJECT_SOURCE_DIR}/examples/leakysvc ${WATCH_E2E_BIN})
set_tests_properties(watch_e2e_build_leakysvc PROPERTIES
  LABELS e2e FIXTURES_SETUP leakysvc_bin TIMEOUT 300)

# mode | expected leaks[0].kind | function | file
set(WATCH_E2E_LEAKS
  "blocked-send|goroutine-leak|main.lookupWithTimeoutLeaky|orders.go"
  "lost-cancel|goroutine-leak|main.lookupLostCancel|orders.go"
  "body-buffer|heap-growth|main.logBodies|middleware.go"
  "cache|heap-growth|main.lookupCachedLeaky|orders.go"
  "time-after|heap-growth|main.lookupTimeAfter|orders.go"
  "defer-files|heap-growth|main.archiveOrders|archive.go")
foreach(spec ${WATCH_E2E_LEAKS})
  string(REPLACE "|" ";" f "${spec}")
  list(GET f 0 mode)
  list(GET f 1 kind)
  list(GET f 2 func)
  list(GET f 3 file)
  add_test(NAME watch_e2e_${mode}
    COMMAND ${WATCH_E2E}/watch_mode.sh $<TARGET_FILE:oomguard> ${WATCH_E2E_BIN} ${mode} 45 leak
            ${kind} ${func} ${file})
  set_tests_properties(watch_e2e_${mode} PROPERTIES
    LABELS e2e FIXTURES_REQUIRED leakysvc_bin TIMEOUT 120)
endforeach()

# One source at a time, as services that expose only expvar or only a Prometheus endpoint: no
# profiles, so no function to name, but the verdict and the kind must still be right.
add_test(NAME watch_e2e_expvar_only
  COMMAND ${WATCH_E2E}/watch_mode.sh $<TARGET_FILE:oomguard> ${WATCH_E2E_BIN} body-buffer 45 leak
          heap-growth -)
add_test(NAME watch_e2e_metrics_only
  COMMAND ${WATCH_E2E}/watch_mode.sh $<TARGET_FILE:oomguard> ${WATCH_E2E_BIN} blocked-send 45 leak
          goroutine-leak -)
set_tests_properties(watch_e2e_expvar_only PROPERTIES ENVIRONMENT LEAKYSVC_DEBUG_ENDPOINTS=expvar)
set_tests_properties(watch_e2e_metrics_only PROPERTIES ENVIRONMENT LEAKYSVC_DEBUG_ENDPOINTS=metrics)
set_tests_properties(watch_e2e_expvar_only watch_e2e_metrics_only PROPERTIES
  LABELS e2e FIXTURES_REQUIRED leakysvc_bin TIMEOUT 120)

# The target is SIGKILLed mid-run and restarted on the same ports: one restart, still healthy.
add_test(NAME watch_e2e_restart
  COMMAND ${WATCH_E2E}/watch_restart.sh $<TARGET_FILE:oomguard> ${WATCH_E2E_BIN})
set_tests_properties(watch_e2e_restart PROPERTIES
  LABELS e2e FIXTURES_REQUIRED leakysvc_bin TIMEOUT 120)

add_test(NAME watch_e2e_healthy
  COMMAND ${WATCH_E2E}/watch_mode.sh $<TARGET_FILE:oomguard> ${WATCH_E2E_BIN} healthy 120 healthy)
set_tests_properties(watch_e2e_healthy PROPERTIES
  LABELS e2e FIXTURES_REQUIRED leakysvc_bin TIMEOUT 200)

# A real Prometheus scrapes `oomguard watch --listen` and the shipped rule fires (<= 90 s).
add_test(NAME watch_e2e_prometheus_alert
  COMMAND ${WATCH_E2E}/prometheus_alert.sh $<TARGET_FILE:oomguard> ${WATCH_E2E_BIN}
          ${PROJECT_SOURCE_DIR}/docs/prometheus/oomguard-alerts.yml)
set_tests_properties(watch_e2e_prometheus_alert PROPERTIES
  LABELS e2e FIXTURES_REQUIRED leakysvc_bin TIMEOUT 150)

# The shipped alerting rules: valid (promtool check rules) and doing what they say on synthetic
# series (promtool test rules). Fast, no oomguard needed.
add_test(NAME prometheus_rules_check
  COMMAND promtool check rules ${PROJECT_SOURCE_DIR}/docs/prometheus/oomguard-alerts.yml)
add_test(NAME prometheus_rules_unit
  COMMAND promtool test rules ${CMAKE_CURRENT_LIST_DIR}/../prometheus/alerts_test.yml)
set_tests_properties(prometheus_rules_check prometheus_rules_unit PROPERTIES LABELS prometheus)
