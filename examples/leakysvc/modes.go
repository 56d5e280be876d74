package main

import (
	"context"
	"net/http"
	"sort"
	"strings"
)

// A mode is the lookup the /orders handler runs: the correct one, or one with a leak.
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
