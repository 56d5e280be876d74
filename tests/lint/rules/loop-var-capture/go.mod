module example.com/loopvarcapture

go 1.19
