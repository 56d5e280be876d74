// Command leakysvc is a small order-lookup HTTP service that contains the classic causes of Go
// OOM kills next to their correct versions. oomguard's demo lints it, and its -mode flag turns
// one leak on at a time so `oomguard watch` can catch it live (modes.go lists the modes and the
// growth each one shows under cmd/loadgen).
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
	"os/signal"
	"syscall"
	"time"
)

var (
	addr      = flag.String("addr", "127.0.0.1:8080", "service address")
	debugAddr = flag.String("debug-addr", "127.0.0.1:6060", "pprof and expvar address (keep it on loopback)")
	mode      = flag.String("mode", "healthy", "which leak the hot path takes (see modes.go)")
	dataDir   = flag.String("data", os.TempDir(), "directory of order files")
	addrFile  = flag.String("addr-file", "", "write the bound service and debug addresses to this file (for -addr 127.0.0.1:0)")
	debugEPs  = flag.String("debug-endpoints", "all", "what the debug listener serves: all (pprof, expvar, /metrics), expvar (/debug/vars only) or metrics (/metrics only)")
)

var requests = expvar.NewInt("requests")

func main() {
	flag.Parse()
	if _, ok := modes[*mode]; !ok {
		fmt.Fprintf(os.Stderr, "unknown -mode %q; one of: %s\n", *mode, modeNames())
		os.Exit(2)
	}

	// The debug mux is the default mux (net/http/pprof, expvar and /metrics register there),
	// served on loopback only and with timeouts. -debug-endpoints narrows it to one source, as
	// services that expose only expvar or only a Prometheus endpoint do.
	http.HandleFunc("/metrics", serveMetrics)
	debugMux := http.DefaultServeMux
	switch *debugEPs {
	case "all":
	case "expvar":
		debugMux = http.NewServeMux()
		debugMux.Handle("/debug/vars", expvar.Handler())
	case "metrics":
		debugMux = http.NewServeMux()
		debugMux.HandleFunc("/metrics", serveMetrics)
	default:
		fmt.Fprintf(os.Stderr, "unknown -debug-endpoints %q; one of: all, expvar, metrics\n", *debugEPs)
		os.Exit(2)
	}
	debug := &http.Server{
		Addr:              *debugAddr,
		Handler:           debugMux,
		ReadHeaderTimeout: 5 * time.Second,
	}
	debugLn, err := net.Listen("tcp", *debugAddr)
	if err != nil {
		log.Fatalf("debug listener: %v", err)
	}
	go func() {
		if err := debug.Serve(debugLn); err != nil && err != http.ErrServerClosed {
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
	if *mode == "defer-files" {
		startArchiver()
	}
	log.Printf("leakysvc: mode=%s listening on %s, debug on %s", *mode, ln.Addr(), debugLn.Addr())
	if *addrFile != "" {
		writeAddrFile(*addrFile, ln.Addr().String(), debugLn.Addr().String())
	}
	startJanitor()
	go stopOnSignal()
	log.Fatal(srv.Serve(ln))
}

// writeAddrFile publishes the bound addresses ("service ADDR" and "debug ADDR" lines) so a test
// can listen on port 0; the file appears complete or not at all (written, then renamed).
func writeAddrFile(path, svc, dbg string) {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte("service "+svc+"\ndebug "+dbg+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		log.Fatal(err)
	}
}

// stopOnSignal exits on SIGINT or SIGTERM after removing what defer-files mode wrote.
func stopOnSignal() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	s := <-sig
	removeArchive()
	log.Printf("leakysvc: %v, exiting", s)
	os.Exit(0)
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
