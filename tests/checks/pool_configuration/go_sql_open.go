// path: internal/platform/db.go
// stack: github.com/go-sql-driver/mysql
package platform

import (
	"database/sql"

	_ "github.com/go-sql-driver/mysql"
)

// No connection cap, lifetime or idle setting anywhere.
func Open(dsn string) (*sql.DB, error) {
	return sql.Open("mysql", dsn) // expect: pool_configuration HIGH
}
