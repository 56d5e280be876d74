module example.com/allocinloop

go 1.19
