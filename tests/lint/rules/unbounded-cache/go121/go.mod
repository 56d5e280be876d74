module example.com/unboundedcache/go121

go 1.21
