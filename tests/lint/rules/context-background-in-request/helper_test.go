package contextbackgroundinrequest

import (
	"context"
	"net/http"
	"testing"
)

func helper(t *testing.T, r *http.Request) {
	_ = fetch(context.Background(), r.URL.Path) // ok: a test helper without a ctx parameter
}

func helperCtx(t *testing.T, ctx context.Context) {
	_ = fetch(context.Background(), "t") // want "context-background-in-request"
}
