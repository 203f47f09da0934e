// path: internal/orders/store.go
// stack: github.com/lib/pq
package orders

import (
	"context"
	"database/sql"
)

// sqlc output: each query is a constant and a method of Queries.
type DBTX interface {
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
}

type Queries struct {
	db DBTX
}

func New(db DBTX) *Queries { return &Queries{db: db} }

func (q *Queries) WithTx(tx *sql.Tx) *Queries { return &Queries{db: tx} }

const updateItemLine = `-- name: UpdateItemLine :exec
UPDATE line_items
SET item_status = $2
WHERE id = $1
`

func (q *Queries) UpdateItemLine(ctx context.Context, id int64, status int32) error {
	_, err := q.db.ExecContext(ctx, updateItemLine, id, status)
	return err
}

const archiveOrders = `-- name: ArchiveOrders :exec
UPDATE orders SET archived = true WHERE id = ANY($1)
`

func (q *Queries) ArchiveOrders(ctx context.Context, ids []int64) error {
	_, err := q.db.ExecContext(ctx, archiveOrders, ids)
	return err
}

const countLines = `-- name: CountLines :exec
SELECT count(*) FROM line_items WHERE order_id = $1
`

func (q *Queries) CountLines(ctx context.Context, orderID int64) error {
	_, err := q.db.ExecContext(ctx, countLines, orderID)
	return err
}

type Item struct {
	ID     int64
	Status int32
}

// One UPDATE per item, through the generated method.
func UpdateItems(ctx context.Context, db *sql.DB, items []Item) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	qtx := New(db).WithTx(tx)
	for _, item := range items {
		if err := qtx.UpdateItemLine(ctx, item.ID, item.Status); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return tx.Commit()
}

// Look-alike: the generated method takes the whole set.
func ArchiveAll(ctx context.Context, q *Queries, ids []int64) error {
	return q.ArchiveOrders(ctx, ids)
}

// Look-alike: the same row on every pass (no loop variable in the call).
func Touch(ctx context.Context, qtx *Queries, id int64, n int) error {
	for i := 0; i < n; i++ {
		if err := qtx.UpdateItemLine(ctx, id, 1); err != nil {
			return err
		}
	}
	return nil
}

// Look-alike: a consumer of a channel handles one message per pass.
func Consume(ctx context.Context, qtx *Queries, ids <-chan int64) {
	for id := range ids {
		_ = qtx.UpdateItemLine(ctx, id, 2)
	}
}
