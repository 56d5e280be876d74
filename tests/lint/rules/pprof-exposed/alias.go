package pprofexposed

import nethttp "net/http"

func aliased() {
	nethttp.ListenAndServe(":6061", nil) // want "pprof-exposed"
}
