package p

func f() {
	x := [...]int
	y := a[1:2:]
}
