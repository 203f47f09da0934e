// path: internal/retention/postgres/pruner.go
// stack: github.com/jackc/pgx/v5 github.com/Masterminds/squirrel
package postgres

import (
	"context"
	"time"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Handle struct {
	WritePool *pgxpool.Pool
	Builder   sq.StatementBuilderType
}

type Pruner struct {
	h *Handle
}

// A DELETE built step by step and run on the write pool.
func (p *Pruner) pruneWorkspace(ctx context.Context, workspace string, before time.Time) error {
	del := p.h.Builder.Delete("audit_events")
	del = del.Where(sq.Eq{"workspace_id": workspace}).Where(sq.Lt{"created_at": before})
	q, args, err := del.ToSql()
	if err != nil {
		return err
	}
	_, err = p.h.WritePool.Exec(ctx, q, args...)
	return err
}

// One DELETE per workspace of the caller's list, every run.
func (p *Pruner) Run(ctx context.Context, workspaces []string, before time.Time) {
	for _, w := range workspaces {
		if err := p.pruneWorkspace(ctx, w, before); err != nil { // expect: n_update_delete_loop HIGH
			continue
		}
	}
}

// Look-alike: the same prune for the whole set, in one statement.
func (p *Pruner) RunOnce(ctx context.Context, workspaces []string, before time.Time) error {
	q, args, err := sq.Delete("audit_events").
		Where(sq.Eq{"workspace_id": workspaces}).
		Where(sq.Lt{"created_at": before}).
		PlaceholderFormat(sq.Dollar).ToSql()
	if err != nil {
		return err
	}
	_, err = p.h.WritePool.Exec(ctx, q, args...)
	return err
}

// Look-alike: a SELECT builder per item is rendered but never run here;
// the strings are collected for a report.
func (p *Pruner) Plan(workspaces []string) []string {
	var out []string
	for _, w := range workspaces {
		q, _, err := p.h.Builder.Select("count(*)").From("audit_events").Where(sq.Eq{"workspace_id": w}).ToSql()
		if err == nil {
			out = append(out, q)
		}
	}
	return out
}
