// path: internal/router/ring.go
// stack: github.com/lib/pq
package router

import (
	"database/sql"
)

type Endpoint struct {
	Host string
	Port int
}

type Registry struct {
	Get func(Endpoint) (int, bool)
	Set func(Endpoint, int)
}

type Ring struct {
	addressSlots *Registry
	addNodes     *Registry
	addNode      *sql.Stmt
}

// Look-alike: `addressSlots` only begins with the letters of "add"; it is
// a lookup table, not a prepared INSERT.
func (r *Ring) Sync(endpoints []Endpoint) {
	for i, e := range endpoints {
		if _, ok := r.addressSlots.Get(e); !ok {
			r.addressSlots.Set(e, i)
		}
	}
}

// Look-alike: the field is named for an insert, but this file declares
// it a registry of the project, no statement.
func (r *Ring) Mark(endpoints []Endpoint) {
	for i, e := range endpoints {
		if _, ok := r.addNodes.Get(e); !ok {
			r.addNodes.Set(e, i)
		}
	}
}

// A prepared INSERT held in a field, run once per endpoint.
func (r *Ring) Persist(endpoints []Endpoint) error {
	for _, e := range endpoints {
		if _, err := r.addNode.Exec(e.Host, e.Port); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return nil
}
