// path: internal/importer/import.go
// stack: github.com/lib/pq
package importer

import (
	"context"
	"database/sql"
	"encoding/csv"
	"io"
)

type Importer struct {
	db *sql.DB
}

type Contact struct {
	Email string
	Name  string
}

// One INSERT per contact handed in.
func (im *Importer) Save(ctx context.Context, contacts []Contact) error {
	for _, c := range contacts {
		if _, err := im.db.ExecContext(ctx, "INSERT INTO contacts (email, name) VALUES ($1, $2)", c.Email, c.Name); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return nil
}

// One INSERT per record of parsed CSV input.
func (im *Importer) Load(ctx context.Context, r io.Reader) error {
	records, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return err
	}
	for _, rec := range records {
		if _, err := im.db.ExecContext(ctx, "INSERT INTO contacts (email, name) VALUES ($1, $2)", rec[0], rec[1]); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return nil
}

// Look-alike: one multi-row INSERT built before a single Exec.
func (im *Importer) SaveOnce(ctx context.Context, contacts []Contact) error {
	query := "INSERT INTO contacts (email, name) SELECT * FROM unnest($1::text[], $2::text[])"
	emails := make([]string, 0, len(contacts))
	names := make([]string, 0, len(contacts))
	for _, c := range contacts {
		emails = append(emails, c.Email)
		names = append(names, c.Name)
	}
	_, err := im.db.ExecContext(ctx, query, emails, names)
	return err
}
