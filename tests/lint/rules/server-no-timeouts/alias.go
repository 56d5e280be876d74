package servernotimeouts

import (
	"net/http"
	web "net/http"
)

func aliased(h http.Handler) {
	web.ListenAndServe(":8081", h) // want "server-no-timeouts"
	_ = &web.Server{Addr: ":8082"} // want "server-no-timeouts"
}
