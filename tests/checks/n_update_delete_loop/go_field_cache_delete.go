// path: internal/repo/sessions.go
// stack: gorm.io/gorm
package repo

import (
	"gorm.io/gorm"

	"example.com/app/internal/lru"
)

type Session struct {
	ID     uint
	UserID uint
}

// A repository that keeps a local cache beside its gorm handle.
type SessionRepo struct {
	DB    *gorm.DB
	Cache lru.Cache
	Tx    *gorm.DB
}

// Look-alike: the cache field has a declared type that is no database
// handle; removing its keys one by one runs no query.
func (db *SessionRepo) Forget(keys []string) {
	for _, k := range keys {
		db.Cache.Delete(k)
	}
}

// Positive: the same shape through a field declared as a gorm handle is
// one DELETE per id.
func (db *SessionRepo) Revoke(ids []uint) error {
	for _, id := range ids {
		if err := db.Tx.Delete(&Session{}, id).Error; err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Positive: a local variable whose type is not declared here keeps the
// old reading (the pattern alone decides).
func Purge(db *gorm.DB, ids []uint) {
	for _, id := range ids {
		db.Unscoped().Delete(&Session{}, id) // expect: n_update_delete_loop HIGH
	}
}
