package p

var r = `abc
