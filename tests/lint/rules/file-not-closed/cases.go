package files

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"time"
)

func firstLine(p string) (string, error) {
	f, err := os.Open(p) // want "file-not-closed"
	if err != nil {
		return "", err
	}
	s := bufio.NewScanner(f)
	if !s.Scan() {
		return "", errors.New("empty")
	}
	f.Close()
	return s.Text(), nil
}

func create(p string, data []byte) error {
	f, err := os.Create(p) // want "file-not-closed"
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Close()
}

func discarded(p string) error {
	_, err := os.OpenFile(p, os.O_CREATE, 0o644) // want "file-not-closed"
	return err
}

func dial(addr string, msg []byte) error {
	c, err := net.Dial("tcp", addr) // want "file-not-closed"
	if err != nil {
		return err
	}
	_, err = c.Write(msg)
	return err
}

func dialTimeout(addr string) (bool, error) {
	c, err := net.DialTimeout("tcp", addr, time.Second) // want "file-not-closed"
	if err != nil {
		return false, err
	}
	return c.RemoteAddr() != nil, nil
}

func dialer(ctx context.Context, addr string) error {
	d := &net.Dialer{Timeout: time.Second}
	c, err := d.DialContext(ctx, "tcp", addr) // want "file-not-closed"
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	defer c.Close()
	return nil
}

// P4-4 variant without defer: the loop opens a file per path and closes none.
func p44(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p) // want "file-not-closed"
		if err != nil {
			continue
		}
		io.Copy(io.Discard, f)
	}
}

func readSome(p string) ([]byte, error) {
	f, err := os.Open(p) // want "file-not-closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f) // io.ReadAll does not close
}

// A helper that does not close its parameter is not a hand-off.
func size(f *os.File) int64 {
	st, _ := f.Stat()
	return st.Size()
}

func measured(p string) int64 {
	f, err := os.Open(p) // want "file-not-closed"
	if err != nil {
		return 0
	}
	return size(f)
}

// ---- negative cases

func deferred(p string) ([]byte, error) {
	f, err := os.Open(p) // ok: deferred close after the error check
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func closeQuietly(c io.Closer) { _ = c.Close() }

func viaHelper(p string) error {
	f, err := os.Create(p) // ok: closeQuietly closes its parameter
	if err != nil {
		return err
	}
	defer closeQuietly(f)
	_, err = f.WriteString("x")
	return err
}

func returned(p string) (*os.File, error) {
	f, err := os.Open(p) // ok: returned to the caller
	if err != nil {
		return nil, err
	}
	return f, nil
}

type logger struct{ out *os.File }

func newLogger(p string) (*logger, error) {
	f, err := os.Create(p) // ok: stored in the struct it returns
	if err != nil {
		return nil, err
	}
	return &logger{out: f}, nil
}

func wrapTLS(addr string, cfg *tls.Config) (*tls.Conn, error) {
	c, err := net.Dial("tcp", addr) // ok: tls.Client owns the connection
	if err != nil {
		return nil, err
	}
	return tls.Client(c, cfg), nil
}

func closeChecked(p string, data []byte) (err error) {
	f, err := os.Create(p) // ok: closed on every path, the close error kept
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	_, err = f.Write(data)
	return err
}

func serve(l net.Listener, conns chan<- net.Conn) {
	c, err := net.Dial("tcp", l.Addr().String()) // ok: sent to the owner
	if err != nil {
		return
	}
	conns <- c
}

func handle(c net.Conn) {
	defer c.Close()
}

func handedToGoroutine(addr string) {
	c, err := net.Dial("tcp", addr) // ok: the goroutine closes it
	if err != nil {
		return
	}
	go handle(c)
}

func exits(p string) {
	f, err := os.Open(p) // ok: the error path exits
	if err != nil {
		os.Exit(1)
	}
	f.Close()
}

func everyPath(p string, keep bool) error {
	f, err := os.Open(p) // ok: closed on both paths
	if err != nil {
		return err
	}
	if keep {
		return f.Close()
	}
	f.Close()
	return nil
}

// Regression negatives from the GOROOT review.

func isNotExist(p string) (bool, error) {
	f, err := os.Open(p) // ok: the os.IsNotExist branch is an error branch (cmd/go web/http.go)
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, f.Close()
}

func retryOnError(p string, windows bool) error {
	f, err := os.Create(p) // ok: the re-open happens only when err != nil && windows
	if err != nil && windows {
		f, err = os.Create(p + "~")
	}
	if err != nil {
		return err
	}
	return f.Close()
}

func guardedByEarlierDefer(ps []string) error {
	var f *os.File
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	for _, p := range ps {
		if f != nil {
			continue
		}
		var err error
		f, err = os.Create(p) // ok: the earlier deferred closure closes f (mime/multipart)
		if err != nil {
			return err
		}
	}
	return nil
}

var atExit []func()

func onExit(f func()) { atExit = append(atExit, f) }

func profileAtExit(p string) {
	f, err := os.Create(p) // ok: captured by a closure registered to run at exit
	if err != nil {
		panic(err)
	}
	onExit(func() { f.WriteString("done") })
}

func expectsFailure() bool {
	_, err := os.Open("/does/not/exist") // ok: the code expects the open to fail
	if err == nil {
		return false
	}
	return true
}
