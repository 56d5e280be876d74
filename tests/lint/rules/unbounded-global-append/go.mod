module example.com/unboundedglobalappend

go 1.19
