module example.com/pprofexposed

go 1.19
