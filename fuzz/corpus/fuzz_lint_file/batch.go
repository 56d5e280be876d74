package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"time"
)

type batchRequest struct {
	IDs []string `json:"ids"`
}

// handleBatch fans out one goroutine per requested id, with no bound, and with the loop
// variable captured (go 1.19 semantics: every goroutine may see the last id).
func handleBatch(w http.ResponseWriter, r *http.Request) {
	var req batchRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	results := make([]string, len(req.IDs))
	var wg sync.WaitGroup
	for i, id := range req.IDs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = fetchOrder(id)
		}()
	}
	wg.Wait()
	_ = json.NewEncoder(w).Encode(results)
}

// fetchAll is the bounded version: at most 8 lookups at once, per-iteration copies.
func fetchAll(ctx context.Context, ids []string) []string {
	results := make([]string, len(ids))
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i, id := range ids {
		i, id := i, id
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = fetchOrder(id)
		}()
	}
	wg.Wait()
	return results
}

// fetchUpstream calls a peer and forgets to close the body when the status is fine.
func fetchUpstream(ctx context.Context, c *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, io.ErrUnexpectedEOF
	}
	return io.ReadAll(io.LimitReader(resp.Body, 1<<20))
}

// fetchUpstreamClosed closes the body on every path.
func fetchUpstreamClosed(ctx context.Context, c *http.Client, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(io.LimitReader(resp.Body, 1<<20))
}
