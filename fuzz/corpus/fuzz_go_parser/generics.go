package p

type List[T any] struct{ next *List[T] }

func Map[K comparable, V any](m map[K]V) []V { return nil }

type C interface{ ~int | ~string }
