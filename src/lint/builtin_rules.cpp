// Registration of every built-in rule (explicit, no static initialisers).
// scripts/new-rule.sh adds a line between each pair of markers.
#include <memory>

#include "lint/rule.h"
// BEGIN RULE INCLUDES
#include "lint/rules/alloc_in_loop.h"
#include "lint/rules/blocked_send_leak.h"
#include "lint/rules/body_not_closed.h"
#include "lint/rules/context_background_in_request.h"
#include "lint/rules/defer_in_loop.h"
#include "lint/rules/double_send.h"
#include "lint/rules/file_not_closed.h"
#include "lint/rules/go_in_loop_unbounded.h"
#include "lint/rules/goroutine_no_exit.h"
#include "lint/rules/loop_var_capture.h"
#include "lint/rules/lost_cancel.h"
#include "lint/rules/pprof_exposed.h"
#include "lint/rules/range_not_closed.h"
#include "lint/rules/rows_not_closed.h"
#include "lint/rules/server_no_timeouts.h"
#include "lint/rules/ticker_not_stopped.h"
#include "lint/rules/time_after_in_loop.h"
#include "lint/rules/unbounded_body_read.h"
#include "lint/rules/unbounded_cache.h"
#include "lint/rules/unbounded_global_append.h"
// END RULE INCLUDES

namespace oomguard::lint {

void register_builtin_rules(Registry& registry) {
  using namespace rules;
  // BEGIN RULE REGISTRATIONS
  registry.add(std::make_unique<DeferInLoopRule>());
  registry.add(std::make_unique<GoInLoopUnboundedRule>());
  registry.add(std::make_unique<LoopVarCaptureRule>());
  registry.add(std::make_unique<AllocInLoopRule>());
  registry.add(std::make_unique<TimeAfterInLoopRule>());
  registry.add(std::make_unique<ContextBackgroundInRequestRule>());
  registry.add(std::make_unique<UnboundedBodyReadRule>());
  registry.add(std::make_unique<GoroutineNoExitRule>());
  registry.add(std::make_unique<BlockedSendLeakRule>());
  registry.add(std::make_unique<RangeNotClosedRule>());
  registry.add(std::make_unique<DoubleSendRule>());
  registry.add(std::make_unique<PprofExposedRule>());
  registry.add(std::make_unique<ServerNoTimeoutsRule>());
  registry.add(std::make_unique<UnboundedCacheRule>());
  registry.add(std::make_unique<UnboundedGlobalAppendRule>());
  registry.add(std::make_unique<LostCancelRule>());
  registry.add(std::make_unique<TickerNotStoppedRule>());
  registry.add(std::make_unique<BodyNotClosedRule>());
  registry.add(std::make_unique<RowsNotClosedRule>());
  registry.add(std::make_unique<FileNotClosedRule>());
  // END RULE REGISTRATIONS
}

}  // namespace oomguard::lint
