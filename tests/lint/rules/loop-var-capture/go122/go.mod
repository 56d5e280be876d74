module example.com/loopvarcapture/go122

go 1.22
