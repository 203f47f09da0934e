module example.com/lending

go 1.22

require (
	github.com/gofiber/fiber/v2 v2.52.0
	gorm.io/gorm v1.25.10
)
