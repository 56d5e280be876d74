module oomguard/goast

go 1.19
