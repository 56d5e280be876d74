package go122

func use(...interface{}) {}

func rangeValue(items []string) {
	for _, it := range items {
		go func() { use(it) }() // ok: Go 1.22 gives each iteration its own variable
	}
}

func counter(n int) {
	for i := 0; i < n; i++ {
		defer func() { use(i) }() // ok: Go 1.22 per-iteration variable
	}
}
