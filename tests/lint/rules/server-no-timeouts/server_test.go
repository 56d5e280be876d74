package servernotimeouts

import (
	"net/http"
	"testing"
)

func TestServe(t *testing.T) {
	go http.ListenAndServe("127.0.0.1:0", nil) // ok: tests do not run in production
	srv := &http.Server{Addr: "127.0.0.1:0"}   // ok: tests do not run in production
	_ = srv
}
