package store

import (
	_ "github.com/lib/pq"
	"xorm.io/xorm"
)

// The engine's pool keeps its defaults: no cap, no lifetime, no idle count.
func Open(dsn string) (*xorm.Engine, error) {
	engine, err := xorm.NewEngine("postgres", dsn) // expect: pool_configuration HIGH
	if err != nil {
		return nil, err
	}
	return engine, engine.Ping()
}
