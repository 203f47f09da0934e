module example.com/labels

go 1.22

require (
	github.com/gin-gonic/gin v1.9.1
	gorm.io/gorm v1.25.5
	github.com/acme/mirror v0.3.0
)
