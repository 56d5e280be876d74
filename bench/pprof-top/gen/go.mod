module pprofbench

go 1.19
