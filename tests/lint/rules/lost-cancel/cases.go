package lostcancel

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"time"
)

var root = context.Background()

func try(context.Context) error      { return nil }
func handle(context.Context, int)    {}
func use(ctx context.Context) string { return "" }

// P1-1: cancel only on the success path.
func p11(p context.Context) error {
	ctx, cancel := context.WithCancel(p) // want "lost-cancel"
	if err := try(ctx); err != nil {
		return err
	}
	cancel()
	return nil
}

func discarded(p context.Context) {
	ctx, _ := context.WithTimeout(p, time.Second) // want "lost-cancel"
	_ = try(ctx)
}

// P1-3: cancel overwritten in a retry loop.
func p13(p context.Context) {
	var ctx context.Context
	var cancel context.CancelFunc
	for i := 0; i < 3; i++ {
		ctx, cancel = context.WithCancel(p) // want "lost-cancel"
		if try(ctx) == nil {
			break
		}
	}
	cancel()
}

// P1-4: NotifyContext stop dropped outside main.
func p14() context.Context {
	ctx, _ := signal.NotifyContext(root, os.Interrupt) // want "lost-cancel"
	return ctx
}

// P1-5: stored in a field that nothing in the package calls.
type svc struct{ cancel context.CancelFunc }

func (s *svc) start() context.Context {
	ctx, c := context.WithCancel(root) // want "lost-cancel"
	s.cancel = c
	return ctx
}

func fallsOffEnd(p context.Context, n int) {
	ctx, cancel := context.WithDeadline(p, time.Now().Add(time.Second)) // want "lost-cancel"
	if n > 0 {
		cancel()
		return
	}
	handle(ctx, n)
}

func causeVariant(p context.Context) error {
	ctx, cancel := context.WithTimeoutCause(p, time.Second, errors.New("slow")) // want "lost-cancel"
	if err := try(ctx); err != nil {
		return err
	}
	defer cancel()
	return nil
}

func blankUse(p context.Context) string {
	ctx, cancel := context.WithCancel(p) // want "lost-cancel"
	_ = cancel // vet counts this as a use; it cancels nothing
	return use(ctx)
}

func switchPath(p context.Context, k int) error {
	ctx, cancel := context.WithCancel(p) // want "lost-cancel"
	switch k {
	case 0:
		defer cancel()
	case 1:
		return nil
	}
	return try(ctx)
}

// A helper that does not call its parameter is not a hand-off.
func keep(f context.CancelFunc) { _ = f }

func notHandedOff(p context.Context) error {
	ctx, cancel := context.WithCancel(p) // want "lost-cancel"
	keep(cancel)
	return try(ctx)
}

// P1-11: the field is overwritten without calling the previous cancel.
type worker struct{ cancel context.CancelFunc }

func (w *worker) start() {
	if w.cancel != nil {
		w.cancel() // ok: P1-12 calls the previous cancel first
	}
	ctx, c := context.WithCancel(root)
	w.cancel = c
	go handle(ctx, 0)
}

func (w *worker) restart() {
	ctx, c := context.WithCancel(root) // want "lost-cancel"
	w.cancel = c
	go handle(ctx, 0)
}

func (w *worker) Close() { w.cancel() }

func dropped(p context.Context) {
	context.WithCancel(p) // want "lost-cancel"
}

// ---- negative cases

func deferred(p context.Context) error {
	ctx, cancel := context.WithTimeout(p, time.Second) // ok: deferred right after the call
	defer cancel()
	return try(ctx)
}

// P1-6: a Close method calls the field.
type owned struct{ cancel context.CancelFunc }

func (o *owned) start() context.Context {
	ctx, c := context.WithCancel(root) // ok: (*owned).Close calls o.cancel
	o.cancel = c
	return ctx
}

func (o *owned) Close() { o.cancel() }

// P1-7: per-iteration scope.
func p17(in <-chan int) {
	for m := range in {
		func() {
			ctx, cancel := context.WithCancel(root) // ok: deferred in the literal
			defer cancel()
			handle(ctx, m)
		}()
	}
}

// P1-8: returned to the caller.
func p18(p context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(p, time.Second) // ok: returned, the caller owns it
	return ctx, cancel
}

func cancelAll(why string, f context.CancelFunc) {
	if f != nil {
		f()
	}
}

func viaHelper(p context.Context) error {
	ctx, cancel := context.WithCancel(p) // ok: cancelAll calls its parameter
	defer cancelAll("done", cancel)
	return try(ctx)
}

func everyPath(p context.Context, n int) error {
	ctx, cancel := context.WithCancel(p) // ok: called on both branches
	if n > 0 {
		cancel()
		return nil
	}
	err := try(ctx)
	cancel()
	return err
}

func inGoroutine(p context.Context) {
	ctx, cancel := context.WithCancel(p) // ok: the goroutine owns and calls it
	go func() {
		defer cancel()
		handle(ctx, 1)
	}()
}

func cancelOnSuccessOnly(p context.Context) {
	ctx, cancel := context.WithCancel(p) // want "lost-cancel"
	go func() {
		if try(ctx) == nil {
			cancel() // the goroutine's failure path keeps the context alive
		}
	}()
}

func cancelIfSet(p context.Context, timeout bool) {
	ctx := p
	var cancel context.CancelFunc
	if timeout {
		ctx, cancel = context.WithCancel(p) // ok: the goroutine calls it whenever it was set
	}
	go func() {
		if cancel != nil {
			defer cancel()
		}
		handle(ctx, 3)
	}()
}

func cancelOnEveryGoroutinePath(p context.Context) {
	ctx, cancel := context.WithCancel(p) // ok: the goroutine calls it on both of its paths
	go func() {
		if try(ctx) == nil {
			cancel()
			return
		}
		handle(ctx, 2)
		cancel()
	}()
}

func panics(p context.Context) {
	ctx, cancel := context.WithCancel(p) // ok: the only other path panics
	if try(ctx) != nil {
		panic("no")
	}
	cancel()
}

func deferInLoop(p context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithTimeout(p, time.Second) // ok: defer-in-loop's finding
		defer cancel()
		_ = try(ctx)
	}
}

type job struct {
	stop context.CancelFunc
}

func storedInStruct(p context.Context, jobs map[string]*job) {
	_, cancel := context.WithCancel(p) // ok: stored in a map of jobs whose stop is called below
	jobs["a"] = &job{stop: cancel}
}

func stopAll(jobs map[string]*job) {
	for _, j := range jobs {
		j.stop()
	}
}

func sentAway(p context.Context, out chan<- context.CancelFunc) {
	_, cancel := context.WithCancel(p) // ok: sent on a channel
	out <- cancel
}

func forever(p context.Context) {
	ctx, cancel := context.WithCancel(p) // ok: the loop never returns
	_ = cancel
	for {
		handle(ctx, 0)
	}
}

// A timer calls the cancel: time.AfterFunc owns it from here on.
func cancelLater(p context.Context) error {
	ctx, cancel := context.WithCancel(p) // ok: time.AfterFunc calls cancel after 10ms
	time.AfterFunc(10*time.Millisecond, cancel)
	return try(ctx)
}

func cancelEachLater(p context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithTimeout(p, time.Second) // ok: each cancel goes to its own timer
		time.AfterFunc(time.Millisecond, cancel)
		_ = try(ctx)
	}
}
