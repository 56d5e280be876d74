package p

type T[] int
func g[]() {}
