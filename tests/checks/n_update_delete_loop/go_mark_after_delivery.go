// path: internal/billing/reminders.go
package billing

import (
	"context"
	"database/sql"
	"log"
)

type Invoice struct {
	ID    int64
	Email string
}

// Sends a reminder; the implementation (SMTP) lives in another package.
type ReminderMailer interface {
	SendReminder(ctx context.Context, to string, invoiceID int64) error
}

type InvoiceStore struct{ db *sql.DB }

func (s *InvoiceStore) Due(ctx context.Context) ([]Invoice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, email FROM invoices WHERE due_at < now()`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Invoice
	for rows.Next() {
		var inv Invoice
		if err := rows.Scan(&inv.ID, &inv.Email); err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

func (s *InvoiceStore) MarkReminded(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE invoices SET reminded_at = now() WHERE id = $1`, id)
	return err
}

type Reminders struct {
	store *InvoiceStore
	mail  ReminderMailer
}

// Silent: each invoice is marked right after its own mail went out, and
// not when the mail failed, so a crash half-way never mails twice.
func (r *Reminders) Run(ctx context.Context) error {
	due, err := r.store.Due(ctx)
	if err != nil {
		return err
	}
	for _, inv := range due {
		err := r.mail.SendReminder(ctx, inv.Email, inv.ID)
		if err != nil {
			log.Printf("reminder for %d failed: %v", inv.ID, err)
			continue
		}
		if err := r.store.MarkReminded(ctx, inv.ID); err != nil {
			log.Printf("could not mark %d: %v", inv.ID, err)
		}
	}
	return nil
}

// Look-alike: nothing is sent, the rows are only stamped one by one.
func (r *Reminders) Backfill(ctx context.Context) error {
	due, err := r.store.Due(ctx)
	if err != nil {
		return err
	}
	for _, inv := range due {
		if err := r.store.MarkReminded(ctx, inv.ID); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike: the mark does not wait for the mail's outcome (no pass is
// skipped when it fails), so the marks could be one statement.
func (r *Reminders) RunBestEffort(ctx context.Context) error {
	due, err := r.store.Due(ctx)
	if err != nil {
		return err
	}
	for _, inv := range due {
		_ = r.mail.SendReminder(ctx, inv.Email, inv.ID)
		if err := r.store.MarkReminded(ctx, inv.ID); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike: one summary mail to the accountant, then a mark per row.
func (r *Reminders) Digest(ctx context.Context, accountant string) error {
	due, err := r.store.Due(ctx)
	if err != nil {
		return err
	}
	if err := r.mail.SendReminder(ctx, accountant, 0); err != nil {
		return err
	}
	for _, inv := range due {
		if err := r.store.MarkReminded(ctx, inv.ID); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}
