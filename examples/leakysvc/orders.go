package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"sync"
	"time"
)

type order struct {
	ID      string    `json:"id"`
	Payload []byte    `json:"payload"`
	At      time.Time `json:"at"`
}

func handleOrders(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if id == "" {
		id = fmt.Sprint(rand.Int63())
	}
	ctx, cancel := context.WithTimeout(r.Context(), 50*time.Millisecond)
	defer cancel()
	res, err := modes[*mode](ctx, r, id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusGatewayTimeout)
		return
	}
	// The rendered order is garbage once written: steady allocation churn in every mode, the
	// sawtooth a healthy service shows between GCs.
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(order{ID: res, Payload: make([]byte, 4<<10), At: time.Now()})
}

// fetchOrder stands in for a slow backend: sometimes fast, sometimes slower than the deadline.
func fetchOrder(id string) string {
	time.Sleep(time.Duration(rand.Intn(100)) * time.Millisecond)
	return "order " + id
}

func lookupHealthy(ctx context.Context, r *http.Request, id string) (string, error) {
	ch := make(chan string, 1) // the sender can always finish, even after we gave up
	go func() { ch <- fetchOrder(id) }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// lookupWithTimeoutLeaky strands its goroutine on the unbuffered send when the deadline wins.
func lookupWithTimeoutLeaky(ctx context.Context, r *http.Request, id string) (string, error) {
	ch := make(chan string)
	go func() { ch <- fetchOrder(id) }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// lookupLostCancel derives a context per request from the long-lived background context and
// never cancels it: its timer and the goroutine waiting on it stay until the hour is up.
func lookupLostCancel(ctx context.Context, r *http.Request, id string) (string, error) {
	wctx, _ := context.WithTimeout(context.Background(), time.Hour)
	go func() {
		<-wctx.Done() // release the reservation when the work context ends: in an hour
		releaseReservation(id)
	}()
	return lookupHealthy(ctx, r, id)
}

func releaseReservation(id string) {}

var (
	cacheMu sync.Mutex
	cache   = map[string]*order{}
)

// lookupCachedLeaky caches every order ever requested: the map only grows.
func lookupCachedLeaky(ctx context.Context, r *http.Request, id string) (string, error) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if o, ok := cache[id]; ok {
		return o.ID, nil
	}
	o := &order{ID: id, Payload: make([]byte, 4096), At: time.Now()}
	cache[id] = o
	return o.ID, nil
}

// boundedCache evicts the oldest entry when full.
type boundedCache struct {
	mu    sync.Mutex
	max   int
	items map[string]*order
	order []string
}

func (c *boundedCache) get(id string) *order {
	c.mu.Lock()
	defer c.mu.Unlock()
	if o, ok := c.items[id]; ok {
		return o
	}
	if len(c.items) >= c.max {
		oldest := c.order[0]
		c.order = c.order[1:]
		delete(c.items, oldest)
	}
	o := &order{ID: id, At: time.Now()}
	c.items[id] = o
	c.order = append(c.order, id)
	return o
}

// lookupTimeAfter polls a queue with time.After in the loop: before Go 1.23 every iteration
// leaves a timer (and its channel) in the runtime's timer heap until it fires, an hour later.
func lookupTimeAfter(ctx context.Context, r *http.Request, id string) (string, error) {
	events := make(chan string, 64)
	for i := 0; i < 64; i++ {
		events <- id
	}
	close(events)
	n := 0
	for {
		select {
		case _, ok := <-events:
			if !ok {
				return fmt.Sprintf("%s: %d events", id, n), nil
			}
			n++
		case <-time.After(time.Hour):
			return "", errors.New("idle")
		}
	}
}
