// path: internal/platform/pools.go
// stack: github.com/lib/pq github.com/jmoiron/sqlx
package platform

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

type Config struct {
	Lifetime time.Duration
}

// A one-second lifetime: every connection is torn down and dialled again
// each second under load.
func OpenPrimary(ctx context.Context, dsn string) (*sqlx.DB, error) {
	db, err := sqlx.ConnectContext(ctx, "postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(40)
	db.SetMaxIdleConns(10)
	db.SetConnMaxLifetime(time.Second) // expect: pool_configuration LOW
	return db, nil
}

// Fifteen seconds is still a reconnect storm.
func OpenReplica(ctx context.Context, dsn string) (*sqlx.DB, error) {
	db, err := sqlx.ConnectContext(ctx, "postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(40)
	db.SetMaxIdleConns(10)
	db.SetConnMaxLifetime(15 * time.Second) // expect: pool_configuration LOW
	return db, nil
}

// Look-alike: minutes, the usual setting.
func OpenReports(ctx context.Context, dsn string) (*sqlx.DB, error) {
	db, err := sqlx.ConnectContext(ctx, "postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(10)
	db.SetMaxIdleConns(5)
	db.SetConnMaxLifetime(5 * time.Minute)
	db.SetConnMaxIdleTime(30 * time.Second)
	return db, nil
}

// Look-alike: the lifetime comes from configuration, and 0 means forever.
func OpenAudit(ctx context.Context, dsn string, cfg Config) (*sqlx.DB, error) {
	db, err := sqlx.ConnectContext(ctx, "postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(10)
	db.SetMaxIdleConns(5)
	db.SetConnMaxLifetime(cfg.Lifetime)
	if cfg.Lifetime == 0 {
		db.SetConnMaxLifetime(0)
	}
	return db, nil
}
