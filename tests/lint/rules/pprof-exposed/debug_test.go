package pprofexposed

import (
	"net/http"
	"testing"
)

func TestDebugServer(t *testing.T) {
	go http.ListenAndServe(":6060", nil) // ok: test files do not run in production
}
