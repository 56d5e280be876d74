package p

func f() {
	x := 1 +
}

func g() {
	for {
		y = = 2
	}
}

func h() {}
