package store

import "xorm.io/xorm"

var engine *xorm.Engine

// Begin hands out a session whose transaction is already open; the caller
// commits it.
func Begin() *xorm.Session {
	sess := engine.NewSession()
	if err := sess.Begin(); err != nil {
		panic(err)
	}
	return sess
}
