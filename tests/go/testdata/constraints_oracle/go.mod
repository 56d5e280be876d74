module oomguard.test/constraintsoracle

go 1.19
