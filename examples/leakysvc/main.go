// Command leakysvc is a small order-lookup HTTP service that contains the classic causes of Go
// OOM kills next to their correct versions. oomguard's demo lints it, and its -mode flag turns
// one leak on at a time so `oomguard watch` can catch it live.
package main

import (
	"expvar"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof" // profiles on the debug listener, bound to loopback below
	"os"
	"time"
)

var (
	addr      = flag.String("addr", "127.0.0.1:8080", "service address")
	debugAddr = flag.String("debug-addr", "127.0.0.1:6060", "pprof and expvar address (keep it on loopback)")
	mode      = flag.String("mode", "healthy", "which leak the hot path takes (see modes.go)")
	dataDir   = flag.String("data", os.TempDir(), "directory of order files")
)

var requests = expvar.NewInt("requests")

func main() {
	flag.Parse()
	if _, ok := modes[*mode]; !ok {
		fmt.Fprintf(os.Stderr, "unknown -mode %q; one of: %s\n", *mode, modeNames())
		os.Exit(2)
	}

	// The debug mux is the default mux (net/http/pprof and expvar register there), served on
	// loopback only and with timeouts.
	debug := &http.Server{
		Addr:              *debugAddr,
		Handler:           http.DefaultServeMux,
		ReadHeaderTimeout: 5 * time.Second,
	}
	go func() {
		if err := debug.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			log.Fatalf("debug listener: %v", err)
		}
	}()

	mux := http.NewServeMux()
	mux.HandleFunc("/orders", handleOrders)
	mux.HandleFunc("/batch", handleBatch)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })

	handler := http.Handler(mux)
	if *mode == "body-buffer" {
		handler = logBodies(mux) // the leaky middleware
	} else {
		handler = logBodiesBounded(mux, 64<<10)
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           countRequests(handler),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("leakysvc: mode=%s listening on %s, debug on %s", *mode, ln.Addr(), *debugAddr)
	startJanitor()
	log.Fatal(srv.Serve(ln))
}

func countRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		next.ServeHTTP(w, r)
	})
}

// servePublicDebug is the configuration mistake behind many incidents: profiles on every
// interface, on a server without timeouts. It is only reachable through -public-debug.
func servePublicDebug() {
	log.Fatal(http.ListenAndServe(":6060", nil))
}

func init() {
	if os.Getenv("LEAKYSVC_PUBLIC_DEBUG") == "1" {
		go servePublicDebug()
	}
}
