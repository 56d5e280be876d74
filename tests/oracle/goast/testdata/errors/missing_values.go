package p

const (
	A
)
var v
