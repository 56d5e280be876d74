module example.com/ctxbg

go 1.19
