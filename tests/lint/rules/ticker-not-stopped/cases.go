package tickers

import (
	"errors"
	"time"
)

func work() error { return nil }
func poll()       {}

// The janitor of examples/leakysvc: the goroutine reads t.C but nobody stops t.
func startJanitor() {
	t := time.NewTicker(time.Minute) // want "ticker-not-stopped"
	go func() {
		for {
			select {
			case <-t.C:
				poll()
			}
		}
	}()
}

func stopOnSuccessOnly(d time.Duration) error {
	t := time.NewTicker(d) // want "ticker-not-stopped"
	for range t.C {
		if err := work(); err != nil {
			return err
		}
		break
	}
	t.Stop()
	return nil
}

func discardedTicker(d time.Duration) {
	_ = time.NewTicker(d) // want "ticker-not-stopped"
}

func dropped(d time.Duration) {
	time.NewTicker(d) // want "ticker-not-stopped"
}

// P5-3: time.Tick in a function that returns.
func p53(done <-chan struct{}) {
	for {
		select {
		case <-time.Tick(time.Second): // want "ticker-not-stopped"
			poll()
		case <-done:
			return
		}
	}
}

func tickRange(n int) {
	i := 0
	for range time.Tick(time.Millisecond) { // want "ticker-not-stopped"
		i++
		if i == n {
			break
		}
	}
}

func recreated(ds []time.Duration) {
	var t *time.Ticker
	for _, d := range ds {
		t = time.NewTicker(d) // want "ticker-not-stopped"
		<-t.C
	}
	t.Stop()
}

func earlyError(d time.Duration, ok bool) error {
	t := time.NewTicker(d) // want "ticker-not-stopped"
	if !ok {
		return errors.New("not ok")
	}
	defer t.Stop()
	<-t.C
	return nil
}

// ---- negative cases

func deferred(d time.Duration, done <-chan struct{}) {
	t := time.NewTicker(d) // ok: deferred Stop
	defer t.Stop()
	for {
		select {
		case <-t.C:
			poll()
		case <-done:
			return
		}
	}
}

type janitor struct{ done chan struct{} }

func newJanitor(every time.Duration) *janitor {
	j := &janitor{done: make(chan struct{})}
	t := time.NewTicker(every) // ok: the goroutine stops it
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C:
				poll()
			case <-j.done:
				return
			}
		}
	}()
	return j
}

type poller struct{ t *time.Ticker }

func newPoller(d time.Duration) *poller {
	t := time.NewTicker(d) // ok: stored in the struct, its owner stops it
	return &poller{t: t}
}

func (p *poller) Close() { p.t.Stop() }

func returned(d time.Duration) *time.Ticker {
	t := time.NewTicker(d) // ok: returned to the caller
	return t
}

func stopTicker(t *time.Ticker) { t.Stop() }

func viaHelper(d time.Duration) {
	t := time.NewTicker(d) // ok: stopTicker stops its parameter
	defer stopTicker(t)
	<-t.C
}

func everyPath(d time.Duration, ok bool) {
	t := time.NewTicker(d) // ok: stopped on both paths
	if ok {
		t.Stop()
		return
	}
	<-t.C
	t.Stop()
}

func tickForever() {
	for range time.Tick(time.Second) { // ok: the function never returns
		poll()
	}
}

func background() {
	go func() {
		for range time.Tick(time.Second) { // ok: the goroutine never returns
			poll()
		}
	}()
}

func fatalPath(d time.Duration, ok bool) {
	t := time.NewTicker(d) // ok: the other path panics
	if !ok {
		panic("no")
	}
	defer t.Stop()
	<-t.C
}

func sent(d time.Duration, out chan<- *time.Ticker) {
	t := time.NewTicker(d) // ok: sent to the owner
	out <- t
}
