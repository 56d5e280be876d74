module example.com/timeafterinloop/go123

go 1.23
