package p

func f() {
	$
	@
}
