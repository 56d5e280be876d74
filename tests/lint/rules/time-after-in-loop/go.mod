module example.com/timeafterinloop

go 1.19
