// Package nopprof does not import net/http/pprof: its default mux has no profiles.
package nopprof

import "net/http"

func serve() {
	http.ListenAndServe(":6060", nil) // ok: net/http/pprof is not imported by this package
}
