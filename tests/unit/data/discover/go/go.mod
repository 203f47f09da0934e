module example.com/ledger

go 1.22

require github.com/gin-gonic/gin v1.10.0

require (
	github.com/jackc/pgx/v5 v5.6.0
	github.com/jmoiron/sqlx v1.4.0
	github.com/lib/pq v1.10.9 // indirect
)
