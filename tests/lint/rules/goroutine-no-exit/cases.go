package goroutinenoexit

import (
	"context"
	"log"
	"net"
	"os"
	"runtime"
	"sync"
	"time"
)

func compute() int { return 1 }

// ---- positive cases

// P3-3: a constructor launches a ticker loop with no stop path.
type poller struct{ t *time.Ticker }

func newPoller() *poller {
	p := &poller{t: time.NewTicker(time.Second)}
	go func() { // want "goroutine-no-exit"
		for {
			select {
			case <-p.t.C:
				compute()
			}
		}
	}()
	return p
}

// A Start method running a same-package method that loops forever.
type worker struct {
	in chan int
}

func (w *worker) loop() {
	for {
		v := <-w.in
		_ = v
	}
}

func (w *worker) Start() {
	go w.loop() // want "goroutine-no-exit"
}

// Ranging over time.Tick never ends.
func refresher(cache map[string]int, mu *sync.Mutex) {
	go func() { // want "goroutine-no-exit"
		for range time.Tick(time.Minute) {
			mu.Lock()
			for k := range cache {
				delete(cache, k)
			}
			mu.Unlock()
		}
	}()
}

// Ranging over a ticker's channel never ends either.
func tickerRange() {
	t := time.NewTicker(time.Second)
	go func() { // want "goroutine-no-exit"
		for now := range t.C {
			log.Println(now)
		}
	}()
}

// A per-request retry loop that takes no context (gap 13).
func retryForever(addr string) {
	go func() { // want "goroutine-no-exit"
		for {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				time.Sleep(time.Second)
				continue
			}
			c.Close()
		}
	}()
}

// A same-package function taking a channel that nobody closes.
func consume(in <-chan int) {
	for {
		compute()
		<-in
	}
}

func startConsumer() chan<- int {
	in := make(chan int)
	go consume(in) // want "goroutine-no-exit"
	return in
}

// break only leaves the select, not the loop.
func breakSelect(events <-chan int) {
	go func() { // want "goroutine-no-exit"
		for {
			select {
			case e := <-events:
				if e < 0 {
					break
				}
				compute()
			}
		}
	}()
}

// ---- negative cases

// P3-4: the loop also has a done case, and Close closes the channel.
type janitor struct{ done chan struct{} }

func newJanitor() *janitor {
	j := &janitor{done: make(chan struct{})}
	t := time.NewTicker(time.Second)
	go func() { // ok: case <-j.done returns
		defer t.Stop()
		for {
			select {
			case <-t.C:
				compute()
			case <-j.done:
				return
			}
		}
	}()
	return j
}

func (j *janitor) Close() { close(j.done) }

// ctx.Done() case.
func withContext(ctx context.Context) {
	go func() { // ok: returns on ctx.Done()
		for {
			select {
			case <-ctx.Done():
				return
			default:
				compute()
			}
		}
	}()
}

// A receive from a channel that the package closes is a way out, even without a done-like name.
type feed struct{ updates chan int }

func (f *feed) run() {
	go func() { // ok: f.updates is closed by Shutdown, the receive then ends the wait
		for {
			<-f.updates
			compute()
		}
	}()
}

func (f *feed) Shutdown() { close(f.updates) }

// A loop with a condition ends.
func bounded(n int) {
	go func() { // ok: the loop condition ends it
		for i := 0; i < n; i++ {
			compute()
		}
	}()
}

// Error return out of an accept loop.
func serve(ln net.Listener) {
	go func() { // ok: returns on the accept error
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
}

// init() starts a process-lifetime loop (P3-5).
func init() {
	go func() { // ok: started by init, a daemon by design
		for {
			time.Sleep(time.Hour)
			runtime.GC()
		}
	}()
}

// os.Exit ends the process.
func watchdog(deadline time.Time) {
	go func() { // ok: os.Exit ends it
		for {
			if time.Now().After(deadline) {
				os.Exit(3)
			}
			time.Sleep(time.Second)
		}
	}()
}

// A labelled break leaves the loop.
func labelled(events <-chan int) {
	go func() { // ok: break loop leaves the for
	loop:
		for {
			select {
			case e := <-events:
				if e < 0 {
					break loop
				}
			}
		}
	}()
}

// Ranging over a channel that can be closed ends with it.
func ranging(in <-chan int) {
	go func() { // ok: the range ends when in is closed
		for v := range in {
			_ = v
		}
	}()
}

// Started once per process behind a sync.Once.
var startOnce sync.Once

func ensureFlusher() {
	startOnce.Do(func() {
		go func() { // ok: once per process, a daemon by design
			for {
				time.Sleep(time.Second)
				compute()
			}
		}()
	})
}

// Started once per process behind a package-level guard.
var flusherStarted bool
var flusherMu sync.Mutex

func ensureFlusher2() {
	flusherMu.Lock()
	defer flusherMu.Unlock()
	if flusherStarted {
		return
	}
	flusherStarted = true
	go func() { // ok: guarded by flusherStarted, a singleton daemon
		for {
			time.Sleep(time.Second)
			compute()
		}
	}()
}

// A quit channel by name.
func named(quit chan bool) {
	go func() { // ok: case <-quit is the way out
		for {
			select {
			case <-quit:
				return
			case <-time.After(time.Second):
				compute()
			}
		}
	}()
}

// panic ends the goroutine (and the process).
func mustProgress(progress func() bool) {
	go func() { // ok: panics when stuck
		for {
			time.Sleep(time.Minute)
			if !progress() {
				panic("stuck")
			}
		}
	}()
}
