package p

var c = 'ab'
var d = ''
var e = '\q'
