module example.com/noidle

go 1.22

require (
	github.com/jmoiron/sqlx v1.3.5
	github.com/lib/pq v1.10.9
)
