package contextbackgroundinrequest

import (
	"context"
	stdctx "context"
	"net/http"
	"time"
)

func fetch(ctx context.Context, id string) error { return nil }

func lookup(ctx context.Context, id string) error {
	return fetch(context.Background(), id) // want "context-background-in-request"
}

func handler(w http.ResponseWriter, r *http.Request) {
	_ = fetch(context.TODO(), r.URL.Path) // want "context-background-in-request"
}

func withTimeout(ctx context.Context) error {
	c, cancel := context.WithTimeout(context.Background(), time.Second) // want "context-background-in-request"
	defer cancel()
	return fetch(c, "x")
}

func aliasImport(ctx stdctx.Context) error {
	return fetch(stdctx.Background(), "y") // want "context-background-in-request"
}

func inClosure(ctx context.Context, ids []string) {
	for _, id := range ids {
		go func(id string) {
			_ = fetch(context.Background(), id) // want "context-background-in-request"
		}(id)
	}
}

type server struct{}

func (s *server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	ctx := context.Background() // want "context-background-in-request"
	_ = fetch(ctx, req.URL.Path)
}

var handle = func(ctx context.Context) error {
	return fetch(context.TODO(), "z") // want "context-background-in-request"
}

func litWithOwnCtx() {
	run := func(ctx context.Context) {
		_ = fetch(context.Background(), "w") // want "context-background-in-request"
	}
	run(context.Background()) // ok: litWithOwnCtx itself has no ctx to propagate
}

func secondParam(id string, ctx context.Context) {
	_ = fetch(context.Background(), id) // want "context-background-in-request"
}

// ---- negatives

func noCtx(id string) error {
	return fetch(context.Background(), id) // ok: nothing to propagate
}

func propagates(ctx context.Context, id string) error {
	c, cancel := context.WithTimeout(ctx, time.Second) // ok: derived from ctx
	defer cancel()
	return fetch(c, id)
}

func defaulted(ctx context.Context) error {
	if ctx == nil {
		ctx = context.Background() // ok: replaces a missing context
	}
	return fetch(ctx, "a")
}

func blank(_ context.Context, id string) error {
	return fetch(context.Background(), id) // ok: the parameter is blank: the function opted out
}

func main() {
	_ = fetch(context.Background(), "m") // ok: main has no caller context
}

func init() {
	_ = fetch(context.TODO(), "i") // ok: init has no caller context
}

type fakeCtx struct{}

func (fakeCtx) Background() context.Context { return nil }

func localShadow(ctx context.Context) {
	context := fakeCtx{}
	_ = context.Background() // ok: context is a local variable, not the package
}

func requestValue(r http.Request) {
	_ = fetch(context.Background(), "v") // ok: an http.Request by value is not a live request
}

type T struct{}

func (t *T) Helper(r *http.Request) {}

func serve(w http.ResponseWriter, r *http.Request) {
	_ = fetch(r.Context(), "s") // ok: uses the request's context
}

func compares(ctx context.Context) bool {
	return ctx != context.Background() // ok: a comparison, no new context is used
}
