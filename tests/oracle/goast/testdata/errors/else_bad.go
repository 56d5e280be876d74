package p
func f() { a := [3]int{1,2,3}; if a[0] == 1 { } else x }
