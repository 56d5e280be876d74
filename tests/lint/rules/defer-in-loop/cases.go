package deferinloop

import (
	"context"
	"database/sql"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

var mu sync.Mutex

func readAll(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want "defer-in-loop"
		io.Copy(io.Discard, f)
	}
}

func lockEach(items []int) {
	for range items {
		mu.Lock()
		defer mu.Unlock() // want "defer-in-loop"
	}
}

func cancelEach(parent context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel() // want "defer-in-loop"
		_ = ctx
	}
}

func timers(ds []time.Duration) {
	for _, d := range ds {
		t := time.NewTimer(d)
		defer t.Stop() // want "defer-in-loop"
	}
}

func bodies(c *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return
		}
		defer resp.Body.Close() // want "defer-in-loop"
	}
}

func rows(db *sql.DB, qs []string) {
	for _, q := range qs {
		r, err := db.Query(q)
		if err != nil {
			return
		}
		defer r.Close() // want "defer-in-loop"
	}
}

func infinite(in <-chan string) {
	for {
		select {
		case addr := <-in:
			c, err := net.Dial("tcp", addr)
			if err != nil {
				return
			}
			defer c.Close() // want "defer-in-loop"
		}
	}
}

func nested(groups [][]string) {
	for _, g := range groups {
		for _, p := range g {
			f, _ := os.Create(p)
			defer f.Close() // want "defer-in-loop"
		}
	}
}

func inClosure(paths []string) {
	run := func() {
		for _, p := range paths {
			f, _ := os.Open(p)
			defer f.Close() // want "defer-in-loop"
		}
	}
	run()
}

type store struct{ mu sync.Mutex }

func (s *store) each(keys []string) {
	for range keys {
		s.mu.Lock()
		defer s.mu.Unlock() // want "defer-in-loop"
	}
}

func continueAfter(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return
		}
		defer f.Close() // want "defer-in-loop"
		if p == "" {
			continue
		}
	}
}

// ---- negative cases

func perIteration(paths []string) {
	for _, p := range paths {
		func() {
			f, _ := os.Open(p)
			defer f.Close() // ok: the func literal returns every iteration
		}()
	}
}

func firstOnly(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // ok: every path after the defer returns, so it runs at most once
		_, err = io.Copy(io.Discard, f)
		return err
	}
	return nil
}

func breakAfter(paths []string) {
	for _, p := range paths {
		mu.Lock()
		defer mu.Unlock() // ok: the loop always breaks right after
		_ = p
		break
	}
}

func panicAfter(xs []int) {
	for range xs {
		defer mu.Unlock() // ok: panics before the next iteration
		panic("x")
	}
}

func outside(paths []string) {
	mu.Lock()
	defer mu.Unlock() // ok: not in a loop
	for range paths {
	}
}

func goroutinePerItem(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func(p string) {
			defer wg.Done() // ok: inside the goroutine's own function
			f, _ := os.Open(p)
			defer f.Close() // ok: also per goroutine
		}(p)
	}
	wg.Wait()
}

func labeledBreak(groups [][]string) {
outer:
	for _, g := range groups {
		for range g {
			mu.Lock()
			defer mu.Unlock() // ok: leaves both loops right after
			break outer
		}
	}
}

func gotoOut(xs []int) {
	for range xs {
		defer mu.Unlock() // ok: jumps out of the loop right after
		goto done
	}
done:
}

func exitAfter(xs []int) {
	for range xs {
		defer mu.Unlock() // ok: os.Exit ends the process
		os.Exit(1)
	}
}

type backend struct{}

func startBackend() (*backend, error) { return &backend{}, nil }
func (b *backend) Stop()               {}
func (b *backend) addr() string        { return "" }

// A fixed handful of backends started per turn and kept until the function returns on purpose:
// they serve the requests made after the loop.
func threeBackends(send func([]string)) {
	var addrs []string
	for i := 0; i < 3; i++ {
		b, err := startBackend()
		if err != nil {
			return
		}
		defer b.Stop() // ok: three turns, a constant count: at most three pending calls
		addrs = append(addrs, b.addr())
	}
	send(addrs)
}

// Nested constant loops whose turns multiply past the small bound still pile up.
func grid() {
	for i := 0; i < 8; i++ {
		for j := 0; j < 8; j++ {
			b, _ := startBackend()
			defer b.Stop() // want "defer-in-loop"
		}
	}
}
