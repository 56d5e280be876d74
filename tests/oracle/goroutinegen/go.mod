module goroutinegen

go 1.19
