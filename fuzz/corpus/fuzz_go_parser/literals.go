package p

var (
	a = 0x1p-2 + 0o17 + 0b1 + 1_000 + 1e9i
	b = `raw
string`
	c = '\u00e9'
)
