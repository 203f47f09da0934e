// path: internal/inventory/postgres/writer.go
// stack: github.com/jackc/pgx/v5
package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Item struct {
	SKU string
	Qty int
}

type Writer struct {
	WritePool *pgxpool.Pool
}

// Queues one INSERT per item into the batch: nothing is sent here.
func (w *Writer) queueItems(batch *pgx.Batch, shelf string, items []Item) {
	for _, it := range items {
		batch.Queue("INSERT INTO shelf_items (shelf, sku, qty) VALUES ($1, $2, $3)", shelf, it.SKU, it.Qty)
	}
}

func (w *Writer) queueOne(batch *pgx.Batch, shelf string, it Item) {
	batch.Queue("INSERT INTO shelf_items (shelf, sku, qty) VALUES ($1, $2, $3)", shelf, it.SKU, it.Qty)
}

// Look-alike: every shelf's rows go into one batch, sent once after the
// loop inside one transaction: one pipelined round trip.
func (w *Writer) Restock(ctx context.Context, shelves map[string][]Item) error {
	tx, err := w.WritePool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	batch := &pgx.Batch{}
	for shelf, items := range shelves {
		w.queueItems(batch, shelf, items)
	}
	for _, it := range shelves["overflow"] {
		w.queueOne(batch, "overflow", it)
	}
	br := tx.SendBatch(ctx, batch)
	if err := br.Close(); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// One INSERT round trip per item.
func (w *Writer) Receive(ctx context.Context, shelf string, items []Item) error {
	for _, it := range items {
		if _, err := w.WritePool.Exec(ctx, "INSERT INTO shelf_items (shelf, sku, qty) VALUES ($1, $2, $3)", shelf, it.SKU, it.Qty); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return nil
}
