package goinloopunbounded

import (
	"bufio"
	"context"
	"net"
	"runtime"
	"sync"
)

type request struct{ IDs []string }

func fetch(string)            {}
func handle(net.Conn)         {}
func process(context.Context) {}

const workers = 8

func fanOut(req request) {
	for _, id := range req.IDs {
		go fetch(id) // want "go-in-loop-unbounded"
	}
}

func fanOutWG(ids []string) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func(id string) { // want "go-in-loop-unbounded"
			defer wg.Done()
			fetch(id)
		}(id)
	}
	wg.Wait()
}

func perMapEntry(m map[string]int) {
	for k := range m {
		go fetch(k) // want "go-in-loop-unbounded"
	}
}

func consumer(in <-chan string) {
	for msg := range in {
		go fetch(msg) // want "go-in-loop-unbounded"
	}
}

func selectConsumer(ctx context.Context, in <-chan string) {
	for {
		select {
		case msg := <-in:
			go fetch(msg) // want "go-in-loop-unbounded"
		case <-ctx.Done():
			return
		}
	}
}

func countedByLength(items []string) {
	for i := 0; i < len(items); i++ {
		go fetch(items[i]) // want "go-in-loop-unbounded"
	}
	for i := len(items) - 1; i >= 0; i-- {
		go fetch(items[i]) // want "go-in-loop-unbounded"
	}
}

func countedByVariable(n int) {
	for i := 0; i < n; i++ {
		go process(context.Background()) // ok: a variable count is taken as chosen concurrency (setting bounds: all reports it)
	}
}

func untilCancelled(ctx context.Context) {
	for ctx.Err() == nil {
		go process(ctx) // want "go-in-loop-unbounded"
	}
}

func scanLines(sc *bufio.Scanner) {
	for sc.Scan() {
		line := sc.Text()
		go fetch(line) // want "go-in-loop-unbounded"
	}
}

func nestedFixedInData(rows [][]string) {
	for _, row := range rows {
		for i := 0; i < 3; i++ {
			go fetch(row[i]) // want "go-in-loop-unbounded"
		}
	}
}

func acquireInside(ids []string, sem chan struct{}) {
	for _, id := range ids {
		go func(id string) { // want "go-in-loop-unbounded"
			sem <- struct{}{} // limits the work, not the goroutines: they still pile up blocked
			defer func() { <-sem }()
			fetch(id)
		}(id)
	}
}

// ---- negatives

func semaphore(ids []string) {
	sem := make(chan struct{}, 16)
	var wg sync.WaitGroup
	for _, id := range ids {
		sem <- struct{}{}
		wg.Add(1)
		go func(id string) { // ok: a buffered-channel semaphore is acquired before it
			defer func() { <-sem; wg.Done() }()
			fetch(id)
		}(id)
	}
	wg.Wait()
}

type weighted interface {
	Acquire(ctx context.Context, n int64) error
	Release(n int64)
}

func weightedSem(ctx context.Context, s weighted, ids []string) {
	for _, id := range ids {
		if err := s.Acquire(ctx, 1); err != nil {
			return
		}
		go func(id string) { // ok: semaphore.Weighted acquired before it
			defer s.Release(1)
			fetch(id)
		}(id)
	}
}

func fixedPool(jobs <-chan string) {
	for i := 0; i < workers; i++ {
		go func() { // ok: a fixed pool of a named-constant size
			for j := range jobs {
				fetch(j)
			}
		}()
	}
}

func cpuPool(jobs <-chan string) {
	n := runtime.NumCPU()
	for i := 0; i < n; i++ {
		go func() { // ok: a pool sized by the CPU count
			for j := range jobs {
				fetch(j)
			}
		}()
	}
	for i := 0; i < runtime.GOMAXPROCS(0)*2; i++ {
		go func() {}() // ok: a pool sized by GOMAXPROCS
	}
}

func serve(l net.Listener) {
	for {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		go handle(conn) // ok: an accept loop: one goroutine per connection is the norm
	}
}

func literalList() {
	for _, u := range []string{"a", "b", "c"} {
		go fetch(u) // ok: three elements, known at compile time
	}
}

func waitsEachTurn(ids []string) {
	for _, id := range ids {
		done := make(chan struct{})
		go func(id string) { // ok: the iteration waits for it, so one runs at a time
			fetch(id)
			close(done)
		}(id)
		<-done
	}
}

func firstOnly(ids []string) {
	for _, id := range ids {
		if id != "" {
			go fetch(id) // ok: the loop returns right after starting it
			return
		}
	}
}

func notInLoop(id string) {
	go fetch(id) // ok: not in a loop
}

var table = []string{"a", "b"}

func tableDriven() {
	for _, tt := range table {
		go fetch(tt) // ok: ranges over a table written in the source
	}
	cases := []struct{ in string }{{"x"}, {"y"}}
	for _, c := range cases {
		go fetch(c.in) // ok: a local table literal
	}
}

func configuredPool(n int, jobs <-chan string) {
	for i := 0; i < n; i++ {
		go worker(jobs) // ok: a pool of workers consuming a channel, sized by the caller
	}
	for i := 0; i < int(runtime.GOMAXPROCS(0)); i++ {
		go fetch("p") // ok: a converted CPU count
	}
}

func worker(jobs <-chan string) {
	for j := range jobs {
		fetch(j)
	}
}

func selectSemaphore(ctx context.Context, ids []string, sema chan struct{}) {
	for _, id := range ids {
		select {
		case <-ctx.Done():
			return
		case sema <- struct{}{}:
			go func(id string) { // ok: the select's send acquires the semaphore first
				defer func() { <-sema }()
				fetch(id)
			}(id)
		}
	}
}

const fanout = 10

// The count is the capacity of a channel made with a constant size: fixed at compile time.
func fanOutResults() chan error {
	results := make(chan error, fanout)
	for i := 0; i < cap(results); i++ {
		go func() { results <- nil }() // ok: cap of a channel made with a constant capacity
	}
	return results
}

// The capacity of a channel the caller made says nothing about how many.
func fanOutInto(results chan error) {
	for i := 0; i < cap(results); i++ {
		go func() { results <- nil }() // want "go-in-loop-unbounded"
	}
}
