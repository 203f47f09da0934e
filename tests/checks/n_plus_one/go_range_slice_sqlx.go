// path: internal/store/customers.go
// stack: github.com/jmoiron/sqlx
package store

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Store struct {
	db *sqlx.DB
}

type Customer struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

type Invoice struct {
	ID         int64 `db:"id"`
	CustomerID int64 `db:"customer_id"`
	Customer   Customer
}

// One customer Get per invoice of another query's result.
func (s *Store) InvoicesWithCustomers(ctx context.Context) ([]Invoice, error) {
	var invoices []Invoice
	if err := s.db.SelectContext(ctx, &invoices, "SELECT id, customer_id FROM invoices WHERE paid = false"); err != nil {
		return nil, err
	}
	for i, inv := range invoices {
		if err := s.db.GetContext(ctx, &invoices[i].Customer, "SELECT id, name FROM customers WHERE id = $1", inv.CustomerID); err != nil { // expect: n_plus_one MEDIUM
			return nil, err
		}
	}
	return invoices, nil
}

// One lookup per id of a caller's slice.
func (s *Store) CustomersByID(ctx context.Context, ids []int64) ([]Customer, error) {
	out := make([]Customer, 0, len(ids))
	for _, id := range ids {
		var c Customer
		if err := s.db.GetContext(ctx, &c, "SELECT id, name FROM customers WHERE id = $1", id); err != nil { // expect: n_plus_one MEDIUM
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// Look-alike: one set-based query for all ids.
func (s *Store) CustomersByIDs(ctx context.Context, ids []int64) ([]Customer, error) {
	query, args, err := sqlx.In("SELECT id, name FROM customers WHERE id IN (?)", ids)
	if err != nil {
		return nil, err
	}
	var out []Customer
	err = s.db.SelectContext(ctx, &out, s.db.Rebind(query), args...)
	return out, err
}

// Look-alike: the query runs after the loop, once.
func (s *Store) Totals(ctx context.Context, invoices []Invoice) (int64, error) {
	var n int64
	for _, inv := range invoices {
		n += inv.ID
	}
	var total int64
	err := s.db.GetContext(ctx, &total, "SELECT count(*) FROM invoices")
	return total + n, err
}

// Look-alike: three fixed settings, a literal list.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	for _, key := range []string{"currency", "locale", "timezone"} {
		var v string
		if err := s.db.GetContext(ctx, &v, "SELECT value FROM settings WHERE key = $1", key); err != nil {
			return nil, err
		}
		out[key] = v
	}
	return out, nil
}
