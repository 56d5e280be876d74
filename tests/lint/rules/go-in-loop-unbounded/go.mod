module example.com/goinloop

go 1.19
