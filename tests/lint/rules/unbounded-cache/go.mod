module example.com/unboundedcache

go 1.19
