package p

type I interface {
	m[T any]()
}

func (r R) m[T any]() {}
