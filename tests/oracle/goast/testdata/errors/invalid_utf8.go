package p

var a = "ÿ"
// Ã(
