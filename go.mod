module trex

go 1.26.8
