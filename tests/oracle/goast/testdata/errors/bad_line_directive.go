package p

//line :0
var x int
/*line f.go:1:0*/var y int
