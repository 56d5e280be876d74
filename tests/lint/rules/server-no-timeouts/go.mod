module example.com/servernotimeouts

go 1.19
