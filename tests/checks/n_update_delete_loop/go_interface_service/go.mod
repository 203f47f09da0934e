module example.com/tracker

go 1.22

require (
	gorm.io/gorm v1.25.10
	github.com/stretchr/testify v1.9.0
	github.com/muety/artifex/v2 v2.0.1
)
