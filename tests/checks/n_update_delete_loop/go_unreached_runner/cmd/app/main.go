package main

import (
	"context"

	"github.com/jmoiron/sqlx"

	"example.com/notes/jobs/retag"
)

func main() {
	db := sqlx.MustConnect("postgres", "")
	db.SetMaxOpenConns(10)
	db.SetMaxIdleConns(5)
	db.SetConnMaxLifetime(0)
	retag.NewJob(db).Start(context.Background())
}
