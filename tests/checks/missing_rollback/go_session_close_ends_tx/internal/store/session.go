package store

import "xorm.io/xorm"

var engine *xorm.Engine

// Begin hands out a session whose transaction is already open.
func Begin() *xorm.Session {
	s := engine.NewSession()
	if err := s.Begin(); err != nil {
		panic(err)
	}
	return s
}
