package p

var a = "\400"
var b = "\uD800"
var c = "\U00110000"
var d = "\x4"
