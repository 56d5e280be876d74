module example.com/unboundedglobalappend/go121

go 1.21
