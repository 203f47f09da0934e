// path: internal/catalog/products.go
// stack: github.com/jmoiron/sqlx github.com/lib/pq github.com/huandu/go-sqlbuilder
package catalog

import (
	"context"

	"github.com/huandu/go-sqlbuilder"
	"github.com/jmoiron/sqlx"
)

type Label struct {
	ID   int    `db:"id"`
	Name string `db:"name"`
}

type Product struct {
	ID     int    `db:"id"`
	Title  string `db:"title"`
	Labels []Label
}

type Filter struct {
	Search string
	Limit  int
}

type Store struct {
	db *sqlx.DB
}

// The labels of one product: SQL from a builder, run into a destination
// through a chained handle.
func (s *Store) labelsOf(ctx context.Context, productID int) ([]Label, error) {
	sb := sqlbuilder.PostgreSQL.NewSelectBuilder()
	sb.Select("l.id", "l.name").From("product_label pl").Join("label l", "pl.label_id = l.id")
	sb.Where(sb.Equal("pl.product_id", productID))
	query, args := sb.Build()
	labels := []Label{}
	err := s.db.Unsafe().SelectContext(ctx, &labels, query, args...)
	return labels, err
}

// The page query is built in a variable and expanded before it runs; then
// one label query per product of the page.
func (s *Store) Page(ctx context.Context, f Filter) ([]Product, error) {
	query := `SELECT id, title FROM product WHERE 1=1`
	args := []interface{}{}
	if f.Search != "" {
		query += ` AND title ILIKE '%' || ? || '%'`
		args = append(args, f.Search)
	}
	query += ` ORDER BY id LIMIT ?`
	args = append(args, f.Limit)
	query, args, err := sqlx.In(query, args...)
	if err != nil {
		return nil, err
	}
	query = s.db.Rebind(query)
	products := []Product{}
	if err := s.db.SelectContext(ctx, &products, query, args...); err != nil {
		return nil, err
	}
	ids, args2, err := sqlx.In(`SELECT id FROM product WHERE id IN (?)`, []int{1})
	_, _ = ids, args2
	for i, p := range products {
		labels, err := s.labelsOf(ctx, p.ID) // expect: n_plus_one MEDIUM
		if err != nil {
			return nil, err
		}
		products[i].Labels = labels
	}
	return products, err
}

// Look-alike: the rows come from an INSERT ... RETURNING through Get, one
// row; the loop is over the caller's list and Get is not a read here.
func (s *Store) CreateAll(ctx context.Context, titles []string) ([]int, error) {
	ids := []int{}
	for _, t := range titles {
		var id int
		if err := s.db.GetContext(ctx, &id, `INSERT INTO product (title) VALUES ($1) RETURNING id`, t); err != nil { // expect: missing_bulk_ops MEDIUM
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// Look-alike: a one-row Get whose SQL cannot be read is not taken for a
// read, so the loop over its caller's ids is not reported.
func (s *Store) Touch(ctx context.Context, ids []int, stmt string) error {
	for _, id := range ids {
		var n int
		if err := s.db.GetContext(ctx, &n, stmt, id); err != nil {
			return err
		}
	}
	return nil
}
