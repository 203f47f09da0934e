package pg

import (
	"context"
	"database/sql"

	"example.com/pins/store"
)

type DB struct {
	db *sql.DB
}

func (d *DB) ListPins(ctx context.Context, find *store.FindPin) ([]*store.Pin, error) {
	query := "SELECT id, board_id, title, path FROM pin WHERE 1 = 1"
	args := []any{}
	if find.ID != nil {
		query += " AND id = $1"
		args = append(args, *find.ID)
	}
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*store.Pin
	for rows.Next() {
		p := &store.Pin{}
		if err := rows.Scan(&p.ID, &p.BoardID, &p.Title, &p.Path); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (d *DB) GetBoard(ctx context.Context, id int64) (*store.Board, error) {
	b := &store.Board{}
	err := d.db.QueryRowContext(ctx, "SELECT id, title FROM board WHERE id = $1", id).Scan(&b.ID, &b.Title)
	return b, err
}

func (d *DB) RenameBoard(ctx context.Context, id int64, title string) error {
	_, err := d.db.ExecContext(ctx, "UPDATE board SET title = $1 WHERE id = $2", title, id)
	return err
}

func (d *DB) RemovePin(ctx context.Context, id int64) error {
	_, err := d.db.ExecContext(ctx, "DELETE FROM pin WHERE id = $1", id)
	return err
}
