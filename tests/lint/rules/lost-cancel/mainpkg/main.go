package main

import (
	"context"
	"os"
	"os/signal"
)

func run(ctx context.Context) error { return nil }

func main() {
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt) // ok: main.main, like go vet
	if run(ctx) != nil {
		os.Exit(1)
	}
}
