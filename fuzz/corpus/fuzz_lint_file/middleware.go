package main

import (
	"bytes"
	"io"
	"net/http"
	"sync"
)

// auditLog keeps every request body "for debugging". Nothing ever trims it.
var (
	auditMu  sync.Mutex
	auditLog [][]byte
)

// logBodies is the classic OOM: each request body is read whole, with no limit, and kept.
func logBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		auditMu.Lock()
		auditLog = append(auditLog, body)
		auditMu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// recentBodies is a fixed-size ring of body prefixes: memory is bounded by its size.
type recentBodies struct {
	mu   sync.Mutex
	next int
	ring [128][]byte
}

var recent recentBodies

func (rb *recentBodies) add(b []byte) {
	rb.mu.Lock()
	rb.ring[rb.next] = b
	rb.next = (rb.next + 1) % len(rb.ring)
	rb.mu.Unlock()
}

// logBodiesBounded is the correct middleware: the body is limited and only a prefix is kept.
func logBodiesBounded(next http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		prefix := body
		if len(prefix) > 256 {
			prefix = append([]byte(nil), prefix[:256]...)
		}
		recent.add(prefix)
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}
