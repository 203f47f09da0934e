package orders

import (
	"context"
	"database/sql"

	"example.com/shop/pkg/broker"
)

type Handler struct {
	db  *sql.DB
	pub EventPublisher
	raw broker.Publisher
}

// The event goes to the broker while the insert's transaction is open.
func (h *Handler) Place(ctx context.Context, id int64, body []byte) error {
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "INSERT INTO orders (id) VALUES ($1)", id); err != nil {
		return err
	}
	if err := h.pub.Publish(ctx, body); err != nil { // expect: transaction_wide HIGH
		return err
	}
	return tx.Commit()
}

// The broker publisher itself, straight on the field.
func (h *Handler) Cancel(ctx context.Context, id int64, body []byte) error {
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE orders SET state = 'cancelled' WHERE id = $1", id); err != nil {
		return err
	}
	if err := h.raw.Publish(ctx, body); err != nil { // expect: transaction_wide HIGH
		return err
	}
	return tx.Commit()
}

// Look-alike: published after the commit.
func (h *Handler) Ship(ctx context.Context, id int64, body []byte) error {
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE orders SET state = 'shipped' WHERE id = $1", id); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return h.pub.Publish(ctx, body)
}
