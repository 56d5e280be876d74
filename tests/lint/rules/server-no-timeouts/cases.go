// Cases for server-no-timeouts: the package-level serve helpers, and http.Server literals with
// neither ReadHeaderTimeout nor ReadTimeout (in the literal or set later on the same server).
package servernotimeouts

import (
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"time"
)

func helpers(mux *http.ServeMux, ln net.Listener) {
	http.ListenAndServe(":8080", mux)                           // want "server-no-timeouts"
	http.ListenAndServeTLS(":8443", "c.pem", "k.pem", mux)      // want "server-no-timeouts"
	http.Serve(ln, mux)                                         // want "server-no-timeouts"
	go http.ServeTLS(ln, mux, "c.pem", "k.pem")                 // want "server-no-timeouts"
	_ = func() error { return http.ListenAndServe(":80", nil) } // want "server-no-timeouts"
}

func noTimeouts(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux} // want "server-no-timeouts"
	return srv.ListenAndServe()
}

func onlyWriteAndIdle(mux *http.ServeMux) error {
	srv := &http.Server{ // want "server-no-timeouts"
		Addr:         ":8080",
		Handler:      mux,
		WriteTimeout: 10 * time.Second,
		IdleTimeout:  time.Minute,
	}
	return srv.ListenAndServe()
}

func newServer(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h} // want "server-no-timeouts"
}

var publicServer = &http.Server{Addr: ":8080"} // want "server-no-timeouts"

type app struct {
	srv *http.Server
}

func (a *app) start(h http.Handler) {
	a.srv = &http.Server{Addr: ":8080", Handler: h, TLSConfig: &tls.Config{}} // want "server-no-timeouts"
	go a.srv.ListenAndServe()
}

func nested(h http.Handler) *app {
	return &app{srv: &http.Server{Handler: h}} // want "server-no-timeouts"
}

func valueLiteral(h http.Handler) {
	srv := http.Server{Addr: ":8080", Handler: h} // want "server-no-timeouts"
	srv.ListenAndServe()
}

func setOnAnotherServer(h http.Handler) {
	srv := &http.Server{Handler: h} // want "server-no-timeouts"
	other := &http.Server{ReadTimeout: time.Second}
	other.ReadHeaderTimeout = time.Second
	srv.ListenAndServe()
}

// ---- negative cases

func readHeaderTimeout(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: 5 * time.Second} // ok: header timeout
	return srv.ListenAndServe()
}

func readTimeout(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, ReadTimeout: 30 * time.Second} // ok: read timeout covers headers
	return srv.ListenAndServe()
}

func setLater(h http.Handler, d time.Duration) error {
	srv := &http.Server{Addr: ":8080", Handler: h} // ok: ReadHeaderTimeout is set below
	srv.ReadHeaderTimeout = d
	return srv.ListenAndServe() // ok: a method of a configured server, not the package helper
}

func (a *app) startConfigured(h http.Handler) {
	a.srv = &http.Server{Addr: ":8080", Handler: h} // ok: a.srv.ReadTimeout is set below
	a.srv.ReadTimeout = 30 * time.Second
	go a.srv.ListenAndServe()
}

var configured = &http.Server{Addr: ":8080"} // ok: init sets its ReadHeaderTimeout

func init() {
	configured.ReadHeaderTimeout = 10 * time.Second
}

func unstarted(h http.Handler) *httptest.Server {
	ts := httptest.NewUnstartedServer(h)
	ts.Config = &http.Server{Handler: h} // ok: an httptest server
	ts.Start()
	return ts
}

func fixture(h http.Handler, ln net.Listener) *httptest.Server {
	return &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}} // ok: an httptest server
}

type fakeHTTP struct{}

func (fakeHTTP) ListenAndServe(addr string, h http.Handler) error { return nil }

func shadowed(h http.Handler) {
	http := fakeHTTP{}
	http.ListenAndServe(":8080", h) // ok: not the net/http helper
}

type router struct{}

func (router) Serve(ln net.Listener) error { return nil }

func ownServe(r router, ln net.Listener) {
	r.Serve(ln) // ok: a method named Serve, not http.Serve
}
