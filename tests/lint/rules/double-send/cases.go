package doublesend

import (
	"errors"
	"io"
	"os"
)

func load(string) ([]byte, error) { return nil, nil }

type result struct {
	data []byte
	err  error
}

// ---- positive cases

// P2-7 DoubleSend: missing return after the error send.
func p27(out chan<- error, err error) {
	if err != nil {
		out <- err
	}
	out <- nil // want "double-send"
}

// In a goroutine: the error branch falls through to the success send.
func fetch(path string) result {
	ch := make(chan result)
	go func() {
		b, err := load(path)
		if err != nil {
			ch <- result{err: err}
		}
		ch <- result{data: b} // want "double-send"
	}()
	return <-ch
}

// The send in the error branch is followed by more work and then the final send.
func parse(path string, out chan<- []byte) {
	b, err := load(path)
	if err != nil {
		out <- nil
	}
	b = append(b, '\n')
	out <- b // want "double-send"
}

// The value sent names the error even though the condition does not.
func check(ok bool, errc chan<- error) {
	if !ok {
		errc <- errors.New("not ok")
	}
	errc <- nil // want "double-send"
}

// Nested error branch.
func nested(f *os.File, errs chan<- error) {
	_, err := io.ReadAll(f)
	if err != nil {
		if err != io.EOF {
			errs <- err
		}
	}
	errs <- f.Close() // want "double-send"
}

// A goroutine sending on a captured field channel.
type job struct{ done chan error }

func (j *job) run(step func() error) {
	go func() {
		if err := step(); err != nil {
			j.done <- err
		}
		j.done <- nil // want "double-send"
	}()
}

// else-if chain where one branch forgets to return.
func classify(n int, out chan<- error) {
	if n < 0 {
		out <- errors.New("negative")
	} else if n == 0 {
		out <- errors.New("zero")
		return
	}
	out <- nil // want "double-send"
}

// The second send is in a later branch on the same path.
func twoBranches(errA, errB error, out chan<- error) {
	if errA != nil {
		out <- errA
	}
	if errB != nil {
		out <- errB // want "double-send"
		return
	}
}

// Not an error branch: sending twice on a success path is a protocol of its own.
func progress(done bool, out chan<- int) {
	if done {
		out <- 100
	}
	out <- 0 // ok: no error involved, e.g. a two-message protocol
}

// ---- negative cases

// The error branch returns.
func returns(out chan<- error, err error) {
	if err != nil {
		out <- err
		return
	}
	out <- nil // ok: the error branch returned
}

// if/else: one send per path.
func ifElse(out chan<- error, err error) {
	if err != nil {
		out <- err
	} else {
		out <- nil // ok: the other branch
	}
}

// A buffered channel with room for both.
func buffered() error {
	ch := make(chan error, 2)
	go func() {
		if err := os.Remove("x"); err != nil {
			ch <- err
		}
		ch <- nil // ok: buffered for two values
	}()
	return <-ch
}

// A stream the receiver ranges over: the function closes it.
func stream(path string, out chan<- error) {
	defer close(out)
	if _, err := load(path); err != nil {
		out <- err
	}
	out <- nil // ok: out is closed, the receiver ranges until then
}

// A stream sent on in a loop.
func loop(paths []string, out chan<- error) {
	for _, p := range paths {
		if _, err := load(p); err != nil {
			out <- err
			continue
		}
	}
	out <- nil // ok: out is a stream, sent on once per item
}

// Different channels.
func twoChannels(errc chan<- error, okc chan<- bool, err error) {
	if err != nil {
		errc <- err
	}
	okc <- true // ok: another channel
}

// A bidirectional parameter outside any go statement: not ours to judge.
func plainParam(ch chan error, err error) {
	if err != nil {
		ch <- err
	}
	ch <- nil // ok: not a send-only parameter nor a goroutine
}

// The second send has a way out.
func selectSecond(out chan<- error, quit <-chan struct{}, err error) {
	if err != nil {
		out <- err
	}
	select {
	case out <- nil: // ok: the select can leave through quit
	case <-quit:
	}
}

// The branch panics.
func panics(out chan<- error, err error) {
	if err != nil {
		out <- err
		panic(err)
	}
	out <- nil // ok: the error branch panics
}

// A collector's sends in the success arms of `err == nil` (and the else of `err != nil`): one
// value per metric, the receiver drains them all.
func gauges(load func() (int, error), report func(error), out chan<- float64) {
	if n, err := load(); err == nil {
		out <- float64(n)
		out <- float64(n * 2) // ok: the first send is on the success path
	} else {
		report(err)
	}
	if n, err := load(); err != nil {
		report(err)
	} else {
		out <- float64(n)
	}
	out <- 0 // ok: the earlier send was in the else of err != nil, a success path
}
