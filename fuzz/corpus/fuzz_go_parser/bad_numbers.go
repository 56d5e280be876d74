package p

var a = 0x
var b = 09
var c = 0b102
var d = 1__0
var e = 0x1.0
var f = 1e
var g = 0o8
