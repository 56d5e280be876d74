package main

import "context"

type ctx = context.Context

func nilCtx() context.Context { return context.Background() }
