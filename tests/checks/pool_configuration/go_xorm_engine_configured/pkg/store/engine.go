package store

import (
	"time"

	_ "github.com/lib/pq"
	"xorm.io/xorm"
)

// Look-alike: the engine's pool is capped, recycled and sized.
func Open(dsn string, maxOpen, maxIdle int) (*xorm.Engine, error) {
	engine, err := xorm.NewEngine("postgres", dsn)
	if err != nil {
		return nil, err
	}
	engine.SetMaxOpenConns(maxOpen)
	engine.SetMaxIdleConns(maxIdle)
	engine.SetConnMaxLifetime(30 * time.Minute)
	return engine, engine.Ping()
}
