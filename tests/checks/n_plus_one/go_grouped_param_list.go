// path: internal/billing/invoices.go
// stack: github.com/jmoiron/sqlx github.com/lib/pq
package billing

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Line struct {
	InvoiceID int64
	Amount    int64
}

type Invoice struct {
	ID     int64 `db:"id"`
	Status string `db:"status"`
}

type Service struct {
	db *sqlx.DB
}

// One invoice read per distinct invoice of the lines handed in.
func (s *Service) CheckOpen(ctx context.Context, lines []Line) error {
	byInvoice := make(map[int64][]Line)
	for _, l := range lines {
		byInvoice[l.InvoiceID] = append(byInvoice[l.InvoiceID], l)
	}
	for invoiceID := range byInvoice {
		var inv Invoice
		if err := s.db.GetContext(ctx, &inv, "SELECT id, status FROM invoices WHERE id = $1", invoiceID); err != nil { // expect: n_plus_one MEDIUM
			return err
		}
	}
	return nil
}

// Look-alike: the map holds the service's three fixed statuses.
func (s *Service) CountByStatus(ctx context.Context) (map[string]int, error) {
	names := map[string]bool{}
	for _, st := range []string{"open", "paid", "void"} {
		names[st] = true
	}
	out := map[string]int{}
	for st := range names {
		var n int
		if err := s.db.GetContext(ctx, &n, "SELECT count(*) FROM invoices WHERE status = $1", st); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, nil
}
