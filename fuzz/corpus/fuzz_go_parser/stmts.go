package p

func f(ch chan int) {
	select {
	case v := <-ch:
		_ = v
	default:
	}
	for i := range ch {
		go func() { defer close(ch) }()
		_ = i
	}
	switch x := any(1).(type) {
	case int:
		_ = x
	}
}
