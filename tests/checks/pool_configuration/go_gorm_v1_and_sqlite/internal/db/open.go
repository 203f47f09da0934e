package db

import (
	"database/sql"

	"github.com/jinzhu/gorm"
	_ "github.com/jinzhu/gorm/dialects/postgres"
	_ "modernc.org/sqlite"
)

// GORM v1 on PostgreSQL: the *sql.DB under it keeps database/sql's
// defaults, with no cap anywhere in the project.
func OpenServer(dsn string) (*gorm.DB, error) {
	return gorm.Open("postgres", dsn) // expect: pool_configuration HIGH
}

// Look-alike: an embedded SQLite file; its connections are file handles
// of this process, not slots of a database server.
func OpenLocal(path string) (*sql.DB, error) {
	return sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
}

// Look-alike: GORM v1 on an SQLite file.
func OpenCache(path string) (*gorm.DB, error) {
	return gorm.Open("sqlite3", path)
}
