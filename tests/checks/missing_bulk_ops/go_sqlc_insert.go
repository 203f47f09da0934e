// path: internal/orders/create.go
// stack: github.com/lib/pq
package orders

import (
	"context"
	"database/sql"
)

// sqlc output: each query is a constant and a method of Queries.
type DBTX interface {
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
	QueryRowContext(context.Context, string, ...interface{}) *sql.Row
}

type Queries struct {
	db DBTX
}

func New(db DBTX) *Queries { return &Queries{db: db} }

func (q *Queries) WithTx(tx *sql.Tx) *Queries { return &Queries{db: tx} }

const insertItemLine = `-- name: InsertItemLine :one
INSERT INTO line_items (id, name, order_id)
VALUES ($1, $2, $3) RETURNING id
`

func (q *Queries) InsertItemLine(ctx context.Context, id int64, name string, orderID int64) (int64, error) {
	row := q.db.QueryRowContext(ctx, insertItemLine, id, name, orderID)
	var out int64
	err := row.Scan(&out)
	return out, err
}

const copyLines = `-- name: CopyLines :exec
INSERT INTO line_items (id, name, order_id)
SELECT id, name, $2 FROM line_items WHERE order_id = $1
`

func (q *Queries) CopyLines(ctx context.Context, from, to int64) error {
	_, err := q.db.ExecContext(ctx, copyLines, from, to)
	return err
}

const findLine = `-- name: FindLine :one
SELECT id FROM line_items WHERE name = $1
`

func (q *Queries) FindLine(ctx context.Context, name string) (int64, error) {
	row := q.db.QueryRowContext(ctx, findLine, name)
	var out int64
	err := row.Scan(&out)
	return out, err
}

type Line struct {
	ID   int64
	Name string
}

// One INSERT per line item, through the generated method.
func CreateOrder(ctx context.Context, db *sql.DB, orderID int64, lines []Line) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	qtx := New(db).WithTx(tx)
	for _, line := range lines {
		if _, err := qtx.InsertItemLine(ctx, line.ID, line.Name, orderID); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return tx.Commit()
}

// Look-alike: one INSERT ... SELECT for the whole set.
func CloneOrder(ctx context.Context, qtx *Queries, from, to int64) error {
	return qtx.CopyLines(ctx, from, to)
}

// Look-alike: the generated method reads; the loop calls it on a constant name.
func Warm(ctx context.Context, qtx *Queries, n int) error {
	for i := 0; i < n; i++ {
		if _, err := qtx.FindLine(ctx, "default"); err != nil {
			return err
		}
	}
	return nil
}
