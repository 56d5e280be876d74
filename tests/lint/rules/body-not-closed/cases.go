package bodies

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
)

// P4-1: closed only on the bad-status path.
func p41(c *http.Client, req *http.Request, v any) error {
	resp, err := c.Do(req) // want "body-not-closed"
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		resp.Body.Close()
		return errors.New("bad")
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func neverClosed(u string) (int, error) {
	resp, err := http.Get(u) // want "body-not-closed"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func discarded(u string) error {
	_, err := http.Head(u) // want "body-not-closed"
	return err
}

func dropped(u string, form url.Values) {
	http.PostForm(u, form) // want "body-not-closed"
}

func defaultClient(req *http.Request) ([]byte, error) {
	resp, err := http.DefaultClient.Do(req) // want "body-not-closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

type api struct {
	hc   *http.Client
	base string
}

func (a *api) ping() error {
	resp, err := a.hc.Get(a.base + "/ping") // want "body-not-closed"
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	resp.Body.Close()
	return nil
}

func localClient(u string, r io.Reader) error {
	c := &http.Client{}
	resp, err := c.Post(u, "text/plain", r) // want "body-not-closed"
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	if err != nil {
		return err // err is no longer the request's error: the body is open here
	}
	return resp.Body.Close()
}

// P4-8: a same-package function returning the response.
func head(u string) (*http.Response, error) { return http.Get(u) }

func p48(u string) int {
	r, err := head(u) // want "body-not-closed"
	if err != nil {
		return 0
	}
	return r.StatusCode
}

func retries(c *http.Client, req *http.Request) error {
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req) // want "body-not-closed"
		if err != nil {
			continue
		}
		if resp.StatusCode == 200 {
			resp.Body.Close()
			return nil
		}
	}
	return errors.New("gave up")
}

// ---- negative cases

// P4-2: deferred right after the error check.
func p42(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // ok: deferred close after the error check
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// P4-3: closed through a same-package helper.
func drain(rc io.ReadCloser) {
	io.Copy(io.Discard, rc)
	rc.Close()
}

func p43(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // ok: drain closes its parameter
	if err != nil {
		return err
	}
	defer drain(resp.Body)
	return nil
}

func closeBody(r *http.Response) { r.Body.Close() }

func viaResponseHelper(u string) error {
	resp, err := http.Get(u) // ok: closeBody closes the body
	if err != nil {
		return err
	}
	defer closeBody(resp)
	return nil
}

func returnsIt(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req) // ok: returned to the caller
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func returnsBody(u string) (io.ReadCloser, error) {
	resp, err := http.Get(u) // ok: the body is returned
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func everyPath(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // ok: closed on both paths
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		resp.Body.Close()
		return errors.New("bad")
	}
	err = json.NewDecoder(resp.Body).Decode(new(int))
	resp.Body.Close()
	return err
}

func errEqualNil(u string) {
	if resp, err := http.Get(u); err == nil { // ok: closed on the success branch
		resp.Body.Close()
	}
}

func deferredClosure(u string) error {
	resp, err := http.Get(u) // ok: closed in a deferred closure
	if err != nil {
		return err
	}
	defer func() {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	return nil
}

func sent(u string, out chan<- *http.Response) {
	resp, err := http.Get(u) // ok: sent to the owner
	if err != nil {
		return
	}
	out <- resp
}

type cache struct{ last *http.Response }

func (c *cache) fetch(u string) {
	resp, err := http.Get(u) // ok: stored in a field
	if err != nil {
		return
	}
	c.last = resp
}

type rpc struct{}

func (rpc) Get(u string) (int, error) { return 0, nil }

func notAClient(r rpc) int {
	n, err := r.Get("x") // ok: the receiver is not an HTTP client
	if err != nil {
		return 0
	}
	return n
}

func fatal(u string) {
	resp, err := http.Get(u) // ok: the other path never returns
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
}

func expectsError(u string) string {
	_, err := http.Get(u) // ok: the next statement assumes err != nil
	return err.Error()
}

type timeoutError interface{ Timeout() bool }

func isTimeout(err error) bool {
	te, ok := err.(timeoutError)
	return ok && te.Timeout()
}

// Both arms drop the response of a request that must time out; the test after the join says so.
func mustTimeOut(c *http.Client, u string, upload bool, r io.Reader, fail func(error)) {
	var err error
	if upload {
		_, err = c.Post(u, "text/plain", r) // ok: the statement after the if expects a timeout
	} else {
		_, err = c.Get(u) // ok: same
	}
	if !isTimeout(err) {
		fail(err)
	}
}

// A predicate on err that is not negated: the request may well succeed.
func retryOnTimeout(c *http.Client, u string) {
	_, err := c.Get(u) // want "body-not-closed"
	if isTimeout(err) {
		return
	}
}
