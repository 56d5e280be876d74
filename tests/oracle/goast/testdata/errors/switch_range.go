package p

func f() {
	switch x = y.(type) {
	}
	a, b, c := range x
}
