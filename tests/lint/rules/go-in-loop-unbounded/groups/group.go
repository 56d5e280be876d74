package groups

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(context.Context, string) error { return nil }

func unlimited(ctx context.Context, ids []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, id := range ids {
		id := id
		g.Go(func() error { return fetch(ctx, id) }) // want "go-in-loop-unbounded"
	}
	return g.Wait()
}

func limited(ctx context.Context, ids []string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for _, id := range ids {
		id := id
		g.Go(func() error { return fetch(ctx, id) }) // ok: SetLimit bounds the group
	}
	return g.Wait()
}

func zeroValue(ids []string) error {
	var g errgroup.Group
	for _, id := range ids {
		id := id
		g.Go(func() error { return fetch(context.Background(), id) }) // want "go-in-loop-unbounded"
	}
	return g.Wait()
}
