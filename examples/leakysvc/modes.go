package main

import (
	"context"
	"net/http"
	"sort"
	"strings"
)

// A mode is the lookup the /orders handler runs: the correct one, or one with a leak.
//
// What each mode shows live under `loadgen -rps 100` (16 KiB bodies; fetchOrder misses the 50 ms
// deadline about half the time), measured on Go 1.19 over 40 s from /debug/vars, /metrics,
// /debug/pprof/heap (inuse_space) and /debug/pprof/goroutine:
//
//	mode          leak                                              growth at 100 req/s
//	healthy       none: ~7 MB/s of garbage (bodies, responses),      heap after GC flat ~1-2 MB,
//	              ~2 GCs a second (a sawtooth)                        goroutines flat (~10-40)
//	blocked-send  goroutines parked on `ch <-` in                     +50 goroutines/s
//	              lookupWithTimeoutLeaky.func1 (the deadline won)
//	lost-cancel   goroutines waiting on the Done of a never-          +100 goroutines/s, +0.15 MB/s
//	              cancelled WithTimeout(hour) in lookupLostCancel     (timerCtx, timers)
//	body-buffer   every body kept by logBodies (io.ReadAll)           +2 MB/s
//	cache         map without eviction in lookupCachedLeaky           +0.5 MB/s
//	time-after    65 one-hour timers per request (lookupTimeAfter)    +1.6 MB/s
//	defer-files   archiveOrders' pending defers keep each shard       +1.6 MB/s, +50 open fds/s
//	              file open and its 32 KiB bufio.Writer alive
//
// Rates scale with -rps. The heap modes are attributed to the named function in the heap
// profile (with io.ReadAll, time.NewTimer or bufio.NewWriterSize as the allocating leaf).
type lookupFunc func(ctx context.Context, r *http.Request, id string) (string, error)

var modes = map[string]lookupFunc{
	"healthy":      lookupHealthy,
	"blocked-send": lookupWithTimeoutLeaky,
	"lost-cancel":  lookupLostCancel,
	"body-buffer":  lookupHealthy, // the leak is in the middleware
	"cache":        lookupCachedLeaky,
	"time-after":   lookupTimeAfter,
	"defer-files":  lookupDeferFiles,
}

func modeNames() string {
	names := make([]string, 0, len(modes))
	for n := range modes {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
