module example.com/shelfware

go 1.22

require (
	gorm.io/gorm v1.25.10
	github.com/gofiber/fiber/v2 v2.52.5
)
