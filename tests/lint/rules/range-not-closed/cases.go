package rangenotclosed

import (
	"context"
	"errors"
	"sync"
)

func compute(int) int { return 1 }
func try() error      { return nil }

// ---- positive cases

// P3-1 NoCloseRange: the producer never closes jobs.
func p31(items []int) {
	jobs := make(chan int)
	for i := 0; i < 4; i++ {
		go func() { // want "range-not-closed"
			for j := range jobs {
				_ = compute(j)
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
}

// Buffered channels leak their workers just the same.
func buffered(items []int) {
	jobs := make(chan int, len(items))
	for _, it := range items {
		jobs <- it
	}
	go func() { // want "range-not-closed"
		for j := range jobs {
			_ = compute(j)
		}
	}()
}

// A same-package worker function that ranges over its parameter.
func worker(in <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for v := range in {
		_ = compute(v)
	}
}

func pool(items []int) {
	var wg sync.WaitGroup
	in := make(chan int)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go worker(in, &wg) // want "range-not-closed"
	}
	for _, it := range items {
		in <- it
	}
}

// Closed on the happy path only: the error return leaves the worker ranging.
func earlyReturn(items []int) error {
	jobs := make(chan int)
	go func() { // want "range-not-closed"
		for j := range jobs {
			_ = compute(j)
		}
	}()
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		jobs <- it
	}
	close(jobs)
	return nil
}

// Closed only when the context is still alive.
func ctxPath(ctx context.Context, items []int) {
	out := make(chan int)
	go func() { // want "range-not-closed"
		for v := range out {
			_ = v
		}
	}()
	for _, it := range items {
		select {
		case out <- it:
		case <-ctx.Done():
			return
		}
	}
	close(out)
}

// A method worker (unique method name in the package).
type sink struct{ n int }

func (s *sink) drain(c chan string) {
	for v := range c {
		s.n += len(v)
	}
}

func (s *sink) feed(words []string) {
	c := make(chan string)
	go s.drain(c) // want "range-not-closed"
	for _, w := range words {
		c <- w
	}
}

// var declaration; the close is in a branch only.
func branchClose(items []int, finish bool) {
	var results = make(chan int)
	go func() { // want "range-not-closed"
		for r := range results {
			_ = r
		}
	}()
	for _, it := range items {
		results <- it
	}
	if finish {
		close(results)
	}
}

// A worker literal that takes the channel as a parameter.
func literalParam(items []int) {
	ch := make(chan int)
	go func(in <-chan int) { // want "range-not-closed"
		for v := range in {
			_ = v
		}
	}(ch)
	for _, it := range items {
		ch <- it
	}
}

// ---- negative cases

// P3-2: close after the send loop.
func p32(items []int) {
	jobs := make(chan int)
	go func() { // ok: closed after the last send
		for j := range jobs {
			_ = compute(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
}

// defer close covers every path.
func deferred(items []int) error {
	jobs := make(chan int)
	defer close(jobs)
	go func() { // ok: defer close(jobs) runs on every return
		for j := range jobs {
			_ = compute(j)
		}
	}()
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		jobs <- it
	}
	return nil
}

// A producer goroutine closes it.
func producerCloses(items []int) {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, it := range items {
			ch <- it
		}
	}()
	go func() { // ok: the producer goroutine closes ch
		for v := range ch {
			_ = v
		}
	}()
}

// A same-package helper closes its parameter.
func finish(c chan int) { close(c) }

func helperCloses(items []int) {
	ch := make(chan int)
	go func() { // ok: finish(ch) closes it
		for v := range ch {
			_ = v
		}
	}()
	for _, it := range items {
		ch <- it
	}
	finish(ch)
}

// Handed off: returned to the caller, who owns closing it.
func handOff() chan<- int {
	ch := make(chan int)
	go func() { // ok: returned, the caller closes it
		for v := range ch {
			_ = v
		}
	}()
	return ch
}

// Handed off: stored in a struct field.
type pipeline struct{ in chan int }

func newPipeline() *pipeline {
	p := &pipeline{}
	in := make(chan int)
	p.in = in
	go func() { // ok: stored in p.in, closed by whoever owns p
		for v := range in {
			_ = v
		}
	}()
	return p
}

// The producer never returns: nothing to close.
func forever(src func() int) {
	ch := make(chan int)
	go func() { // ok: the function below never returns
		for v := range ch {
			_ = v
		}
	}()
	for {
		ch <- src()
	}
}

// The worker selects instead of ranging.
func selecting(ctx context.Context, items []int) {
	ch := make(chan int)
	go func() { // ok: no range, the worker leaves on ctx.Done()
		for {
			select {
			case v := <-ch:
				_ = v
			case <-ctx.Done():
				return
			}
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

// Passed to a function we cannot see into.
func unknown(items []int, register func(chan int)) {
	ch := make(chan int)
	go func() { // ok: register may close it
		for v := range ch {
			_ = v
		}
	}()
	register(ch)
}

// Closed on the error path and on the normal path.
func bothPaths(items []int) error {
	jobs := make(chan int)
	go func() { // ok: every return closes first
		for j := range jobs {
			_ = compute(j)
		}
	}()
	if err := try(); err != nil {
		close(jobs)
		return err
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	return nil
}
