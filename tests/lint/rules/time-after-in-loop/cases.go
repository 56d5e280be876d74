package timeafterinloop

import (
	"context"
	tm "time"
	"time"
)

func consume(in <-chan int) {
	for {
		select {
		case m := <-in:
			_ = m
		case <-time.After(time.Minute): // want "time-after-in-loop"
			return
		}
	}
}

func rangeChan(in <-chan int, out chan<- int) {
	for m := range in {
		select {
		case out <- m:
		case <-time.After(5 * time.Second): // want "time-after-in-loop"
		}
	}
}

func aliased(in <-chan int) {
	for {
		select {
		case <-in:
		case <-tm.After(tm.Hour): // want "time-after-in-loop"
			return
		}
	}
}

func counted(n int, ch <-chan int) int {
	total := 0
	for i := 0; i < n; i++ {
		timeout := time.After(time.Second) // want "time-after-in-loop"
		select {
		case v := <-ch:
			total += v
		case <-timeout:
		}
	}
	return total
}

func nestedIf(ctx context.Context, in <-chan string) {
	for {
		if ctx.Err() != nil {
			return
		}
		select {
		case s := <-in:
			_ = s
		case <-ctx.Done():
			return
		case <-time.After(30 * time.Second): // want "time-after-in-loop"
		}
	}
}

func withLabel(in <-chan int) {
outer:
	for {
		select {
		case _, ok := <-in:
			if !ok {
				break outer
			}
		case <-time.After(time.Minute): // want "time-after-in-loop"
			continue outer
		}
	}
}

func retry(do func() error) error {
	var err error
	for attempt := 0; attempt < 50; attempt++ {
		if err = do(); err == nil {
			return nil
		}
		<-time.After(time.Duration(attempt) * time.Second) // ok: waited for: it fires before the next turn (a sleep)
	}
	return err
}

func insideGoroutineLoop(in <-chan int) {
	go func() {
		for range in {
			<-time.After(time.Millisecond) // ok: a sleep: the timer fires before the next turn
		}
	}()
}

func forward(lines []string, out chan<- string) {
	for _, l := range lines {
		select {
		case out <- l:
		case <-time.After(time.Second): // want "time-after-in-loop"
			return
		}
	}
}

// ---- negatives

func once(in <-chan int) int {
	select {
	case v := <-in:
		return v
	case <-time.After(time.Second): // ok: not in a loop, one timer per call
		return 0
	}
}

func reused(in <-chan int) {
	t := time.NewTimer(time.Minute)
	defer t.Stop()
	for {
		t.Reset(time.Minute)
		select {
		case <-in:
		case <-t.C: // ok: one timer reused with Reset
			return
		}
	}
}

func leavesAfterFirst(in <-chan int) int {
	for {
		select {
		case v := <-in:
			return v
		case <-time.After(time.Second): // ok: every case leaves the loop: the select runs once
			return -1
		}
	}
}

func perGoroutine(items []int, out chan<- int) {
	for _, it := range items {
		go func(v int) {
			select {
			case out <- v:
			case <-time.After(time.Second): // ok: one timer per goroutine, not per loop turn of this function
			}
		}(it)
	}
}

type fake struct{}

func (fake) After(d time.Duration) <-chan time.Time { return nil }

func localNamedTime(in <-chan int) {
	time := fake{}
	for {
		select {
		case <-in:
		case <-time.After(1): // ok: time is a local variable here, not the package
			return
		}
	}
}

func afterFunc(in <-chan int) {
	for range in {
		t := tm.AfterFunc(tm.Second, func() {}) // ok: AfterFunc's timer is stopped below
		t.Stop()
	}
}

func ticker(in <-chan int) {
	tk := time.NewTicker(time.Second)
	defer tk.Stop()
	for {
		select {
		case <-in:
		case <-tk.C: // ok: a single ticker
		}
	}
}

func initOnly() <-chan time.Time {
	var c <-chan time.Time
	for c = time.After(time.Second); c == nil; { // ok: in the init statement, evaluated once
	}
	return c
}

func breaksAfter(in <-chan int) {
	for {
		<-time.After(time.Second) // ok: the loop always breaks after the first turn
		break
	}
	<-in
}

func twoResults(errc <-chan error) error {
	for i := 0; i < 2; i++ {
		select {
		case err := <-errc:
			if err != nil {
				return err
			}
		case <-time.After(10 * time.Second): // ok: two turns at most, two timers
			return nil
		}
	}
	return nil
}

func manyTurns(errc <-chan error) {
	for i := 0; i < 1000; i++ {
		select {
		case <-errc:
		case <-time.After(time.Second): // want "time-after-in-loop"
		}
	}
}

// Backoff after a failed accept: the only other case returns, so the loop turns again only after
// the timer fired; one pending timer at most.
func acceptBackoff(accept func() error, shutdown <-chan struct{}) {
	delay := time.Millisecond
	for {
		if err := accept(); err == nil {
			continue
		}
		select {
		case <-shutdown:
			return
		case <-time.After(delay): // ok: every other case leaves the loop
			delay *= 2
		}
	}
}

// A lease re-armed in its own case: the previous timer has just fired.
func leaderLoop(rpcs <-chan int, stop <-chan struct{}) {
	lease := time.After(time.Second)
	for {
		select {
		case r := <-rpcs:
			_ = r
		case <-lease:
			lease = time.After(time.Second) // ok: re-armed only after the previous one fired
		case <-stop:
			return
		}
	}
}

// A fresh timer assigned in another case: the pending one is dropped while still live.
func rearmElsewhere(rpcs <-chan int) {
	lease := time.After(time.Second)
	for {
		select {
		case <-rpcs:
			lease = time.After(time.Second) // want "time-after-in-loop"
		case <-lease:
		}
	}
}
