// Cases for pprof-exposed: this package imports net/http/pprof, so the default mux serves
// /debug/pprof/; serving it beyond loopback is reported at the ListenAndServe call.
package pprofexposed

import (
	"flag"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
)

const debugAddr = ":6060"

var publicAddr = "0.0.0.0:" + "6060" // a literal, never reassigned

func allInterfaces() {
	log.Fatal(http.ListenAndServe(":6060", nil)) // want "pprof-exposed"
}

func unspecifiedV4() {
	http.ListenAndServe("0.0.0.0:6060", nil) // want "pprof-exposed"
}

func unspecifiedV6() {
	http.ListenAndServe("[::]:6060", http.DefaultServeMux) // want "pprof-exposed"
}

func tls() {
	http.ListenAndServeTLS(":6443", "cert.pem", "key.pem", nil) // want "pprof-exposed"
}

func constant() {
	http.ListenAndServe(debugAddr, nil) // want "pprof-exposed"
}

func packageVar() {
	go http.ListenAndServe(publicAddr, nil) // want "pprof-exposed"
}

func localConst() {
	const port = "6060"
	addr := ":" + port
	http.ListenAndServe(addr, nil) // want "pprof-exposed"
}

func serverNoHandler() {
	srv := &http.Server{Addr: ":6060"}
	srv.ListenAndServe() // want "pprof-exposed"
}

func serverSpecificIP() {
	srv := &http.Server{Addr: "10.0.0.5:6060", Handler: http.DefaultServeMux}
	go func() {
		log.Println(srv.ListenAndServe()) // want "pprof-exposed"
	}()
}

func zeroServer() {
	var srv http.Server
	srv.Addr = debugAddr
	srv.ListenAndServe() // want "pprof-exposed"
}

func literalReceiver() {
	(&http.Server{}).ListenAndServeTLS("c.pem", "k.pem") // want "pprof-exposed"
}

var debugServer = &http.Server{Addr: ":6060", Handler: nil}

func packageServer() {
	debugServer.ListenAndServe() // want "pprof-exposed"
}

// ---- negative cases

var (
	flagAddr = flag.String("debug-addr", "127.0.0.1:6060", "")
	envAddr  = ":6060"
	boundTo  = ":6060"
)

func init() {
	if v := os.Getenv("DEBUG_ADDR"); v != "" {
		envAddr = v
	}
	flag.StringVar(&boundTo, "bind", boundTo, "")
}

func loopback() {
	http.ListenAndServe("127.0.0.1:6060", nil) // ok: loopback
	http.ListenAndServe("localhost:6060", nil) // ok: localhost is loopback
	http.ListenAndServe("[::1]:6060", nil)     // ok: IPv6 loopback
}

func ownMux() {
	mux := http.NewServeMux()
	http.ListenAndServe(":8080", mux) // ok: pprof registers only on the default mux
}

func fromFlag() {
	http.ListenAndServe(*flagAddr, nil) // ok: the address is a flag, we cannot tell
}

func reassigned() {
	http.ListenAndServe(envAddr, nil) // ok: envAddr is reassigned from the environment
	http.ListenAndServe(boundTo, nil) // ok: boundTo's address is taken by a flag
}

func serverOwnHandler() {
	mux := http.NewServeMux()
	srv := &http.Server{Addr: ":6060", Handler: mux}
	srv.ListenAndServe() // ok: its own mux
}

func serverHandlerSetLater() {
	srv := &http.Server{Addr: ":6060"}
	srv.Handler = http.NewServeMux()
	srv.ListenAndServe() // ok: the handler is replaced before serving
}

func serverAddrFromConfig(cfg map[string]string) {
	srv := &http.Server{}
	srv.Addr = cfg["debug"]
	srv.ListenAndServe() // ok: the address comes from configuration
}

func hostName() {
	http.ListenAndServe("debug.internal:6060", nil) // ok: a host name, we cannot tell where it resolves
}

type fakeServer struct{}

func (fakeServer) ListenAndServe(addr string, h interface{}) error { return nil }

func shadowed() {
	http := fakeServer{}
	http.ListenAndServe(":6060", nil) // ok: not net/http
}
