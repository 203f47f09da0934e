package main

import (
	"log"

	"github.com/jmoiron/sqlx"
)

// step is one schema change and the function that applies it.
type step struct {
	name  string
	apply func(*sqlx.DB) error
}

type tag struct {
	name  string
	check func(string) bool
}

// Look-alike: each step runs its own function, then the helper records it
// as applied. The record is the bookkeeping of that step's work; a single
// multi-row INSERT after the loop would lose it when a later step fails.
func applySteps(db *sqlx.DB, steps []step) {
	for _, s := range steps {
		if err := s.apply(db); err != nil {
			log.Fatalf("step %s: %v", s.name, err)
		}
		if err := markApplied(db, s.name); err != nil {
			log.Fatalf("record %s: %v", s.name, err)
		}
	}
}

// Positive: the loop only validates in memory and inserts one row per
// name through the same helper: one multi-row INSERT would do.
func seedNames(db *sqlx.DB, names []string, t tag) {
	for _, n := range names {
		if !t.check(n) {
			continue
		}
		if err := markApplied(db, n); err != nil { // expect: missing_bulk_ops MEDIUM
			log.Fatal(err)
		}
	}
}

func markApplied(db *sqlx.DB, name string) error {
	_, err := db.Exec(`INSERT INTO applied_steps (name) VALUES ($1)`, name)
	return err
}

func main() {
	db := sqlx.MustConnect("postgres", "")
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(2)
	db.SetConnMaxLifetime(0)
	applySteps(db, nil)
	seedNames(db, nil, tag{})
}
