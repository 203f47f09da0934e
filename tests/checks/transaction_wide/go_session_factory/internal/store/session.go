package store

import "xorm.io/xorm"

var engine *xorm.Engine

// Open hands out a session whose transaction is already begun: the caller
// commits it, and closing it rolls back whatever was not committed.
func Open() *xorm.Session {
	sess := engine.NewSession()
	if err := sess.Begin(); err != nil {
		panic(err)
	}
	return sess
}

// Reader hands out a session that begins nothing: each statement runs on
// its own.
func Reader() *xorm.Session {
	return engine.NewSession()
}
