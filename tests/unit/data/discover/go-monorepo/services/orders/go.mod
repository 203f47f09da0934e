module example.com/shop/orders

go 1.22

require (
	github.com/go-chi/chi/v5 v5.0.12
	github.com/jackc/pgx/v5 v5.5.5
	gorm.io/gorm v1.25.10
	gorm.io/driver/postgres v1.5.7
)

require github.com/jackc/puddle/v2 v2.2.1 // indirect
