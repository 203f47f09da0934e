module example.com/oneoff

go 1.22

require (
	gorm.io/driver/postgres v1.5.7
	gorm.io/gorm v1.25.10
)
