package blockedsendleak

import (
	"context"
	"errors"
	"time"
)

func try(context.Context) error { return nil }
func compute() int             { return 1 }

var root = context.Background()

// ---- positive cases

// P2-1 Timeout: the parent may leave through ctx.Done().
func p21(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- compute() }() // want "blocked-send-leak"
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// P2-4 EarlyReturn: the error path returns before the receive.
func p24() error {
	ch := make(chan int)
	go func() { ch <- compute() }() // want "blocked-send-leak"
	if err := try(root); err != nil {
		return err
	}
	<-ch
	return nil
}

// P2-5 NCast: N senders, one receive.
func p25(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		x := x
		go func() { ch <- x * 2 }() // want "blocked-send-leak"
	}
	return <-ch
}

// P2-9: the receive loop returns on the first error; the remaining senders block.
func p29(tasks []func() error) error {
	errs := make(chan error)
	for _, t := range tasks {
		t := t
		go func() { errs <- t() }() // want "blocked-send-leak"
	}
	for range tasks {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// A timer case instead of ctx.Done(), and an explicit zero capacity.
func withTimer() (int, error) {
	ch := make(chan int, 0)
	go func() { ch <- compute() }() // want "blocked-send-leak"
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return 0, errors.New("timeout")
	}
}

// The sender is a same-package function that sends on its parameter.
func produce(out chan<- int) { out <- compute() }

func viaHelper(ctx context.Context) int {
	out := make(chan int)
	go produce(out) // want "blocked-send-leak"
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return -1
	}
}

// var declaration, a struct element type, and falling off the end without receiving.
func fallOff(ok bool) {
	var done = make(chan struct{})
	go func() { // want "blocked-send-leak"
		compute()
		done <- struct{}{}
	}()
	if ok {
		<-done
	}
}

// A goroutine whose send is in a select with no other case has no way out either.
func lonelySelect(ctx context.Context) error {
	res := make(chan error)
	go func() { // want "blocked-send-leak"
		select {
		case res <- try(ctx):
		}
	}()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return <-res
}

// A for-select receive loop that gives up on cancellation.
func collect(ctx context.Context, n int) []int {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func() { ch <- compute() }() // want "blocked-send-leak"
	}
	var out []int
	for len(out) < n {
		select {
		case v := <-ch:
			out = append(out, v)
		case <-ctx.Done():
			return out
		}
	}
	return out
}

// ---- negative cases

// P2-2: buffered channel of one.
func p22(ctx context.Context) int {
	ch := make(chan int, 1)
	go func() { ch <- compute() }() // ok: buffered, the send always completes
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// P2-3: the sender selects on ctx.Done() too.
func p23(ctx context.Context) int {
	ch := make(chan int)
	go func() { // ok: the send has a way out
		select {
		case ch <- compute():
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// The parent always receives.
func always() int {
	ch := make(chan int)
	go func() { ch <- compute() }() // ok: every path receives
	v := <-ch
	return v
}

// P2-6 / P2-10: room for every sender.
func p26(xs []int) int {
	ch := make(chan int, len(xs))
	for _, x := range xs {
		x := x
		go func() { ch <- x }() // ok: buffered for every sender
	}
	return <-ch
}

// The channel is handed off: returned to the caller.
func handOff() <-chan int {
	ch := make(chan int)
	go func() { ch <- compute() }() // ok: returned, the caller owns it
	return ch
}

// Stored in a struct: someone else receives.
type job struct{ result chan int }

func stored(jobs chan<- job) {
	ch := make(chan int)
	go func() { ch <- compute() }() // ok: handed off through a struct
	jobs <- job{result: ch}
}

// Every receive path is covered: a receive loop over the same senders without early exit.
func fanIn(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		x := x
		go func() { ch <- x }() // ok: one receive per sender, no early exit
	}
	sum := 0
	for range xs {
		sum += <-ch
	}
	return sum
}

// The receive is deferred, so it runs on every path.
func deferredRecv() error {
	ch := make(chan int)
	go func() { ch <- compute() }() // ok: the deferred receive runs on every return
	defer func() { <-ch }()
	return try(root)
}

// Another goroutine receives.
func relay(ctx context.Context) {
	ch := make(chan int)
	go func() { ch <- compute() }() // ok: the consumer goroutine receives
	go func() {
		for v := range ch {
			_ = v
		}
	}()
}

// The early return is a panic / fatal path, not a return.
func fatalOnly() int {
	ch := make(chan int)
	go func() { ch <- compute() }() // ok: the other path panics
	if err := try(root); err != nil {
		panic(err)
	}
	return <-ch
}

// Passed to a function we cannot see into.
func unknownCallee(run func(chan int)) {
	ch := make(chan int)
	go func() { ch <- compute() }() // ok: run may receive
	run(ch)
}

// Two goroutines from a loop of constant trip count, two receives (regression: runtime's
// TestTimerFairness2 shape).
func pair() {
	done := make(chan bool)
	for i := 0; i < 2; i++ {
		go func() { done <- true }() // ok: two senders, two receives
	}
	<-done
	<-done
}

// The receive loop returns when a counter reaches zero: every sender was received from
// (regression: internal/fuzz CoordinateFuzzing shape).
func countDown(workers []func() error, other <-chan int) error {
	errC := make(chan error)
	for _, w := range workers {
		w := w
		go func() { errC <- w() }() // ok: the loop ends only after the last receive
	}
	active := len(workers)
	var first error
	for {
		select {
		case err := <-errC:
			if first == nil {
				first = err
			}
			active--
			if active == 0 {
				return first
			}
		case v := <-other:
			_ = v
		}
	}
}

// A fresh goroutine per iteration of an endless loop that ends on a timer: the last one is
// stranded (runtime/pprof TestMorestack shape).
func spinUntil(d time.Duration) {
	t := time.After(d)
	c := make(chan bool)
	for {
		go func() { // want "blocked-send-leak"
			compute()
			c <- true
		}()
		select {
		case <-t:
			return
		case <-c:
		}
	}
}
