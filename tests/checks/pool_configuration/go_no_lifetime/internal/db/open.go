package db

import (
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// Capped and sized, but no connection is ever retired: neither
// SetConnMaxLifetime nor SetConnMaxIdleTime anywhere. Without a recycle
// (Go has no pre-ping knob), the SPEC's HIGH grade applies.
func Open(dsn string, size int) (*gorm.DB, error) {
	g, err := gorm.Open(postgres.Open(dsn), &gorm.Config{}) // expect: pool_configuration HIGH
	if err != nil {
		return nil, err
	}
	raw, err := g.DB()
	if err != nil {
		return nil, err
	}
	raw.SetMaxIdleConns(size)
	raw.SetMaxOpenConns(size)
	return g, nil
}
