// path: internal/counters/flusher.go
// stack: database/sql github.com/mattn/go-sqlite3
package counters

import (
	"database/sql"
	"sync"
	"time"
)

type hits struct {
	Views  int64
	Clicks int64
}

type Flusher struct {
	db      *sql.DB
	mu      sync.Mutex
	pending map[string]*hits
	seen    map[string]time.Time
	stale   []string
}

// Requests only bump counters in memory; a ticker writes them out.
func (f *Flusher) Run(every time.Duration) {
	t := time.NewTicker(every)
	for range t.C {
		_ = f.flushHits()
		_ = f.flushSeen()
		_ = f.dropStale()
		_ = f.ClearPages(nil)
	}
}

// Look-alike: the write-behind flush. The pending map is swapped for a
// fresh one under the lock and written in one transaction per interval;
// the rows carry different values, so no single UPDATE covers them.
func (f *Flusher) flushHits() error {
	f.mu.Lock()
	pending := f.pending
	f.pending = make(map[string]*hits)
	f.mu.Unlock()
	tx, err := f.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for key, h := range pending {
		if _, err := tx.Exec("UPDATE page_hits SET views = views + ?, clicks = clicks + ? WHERE page = ?", h.Views, h.Clicks, key); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Look-alike: the same drain, the field reset to nil.
func (f *Flusher) flushSeen() error {
	f.mu.Lock()
	seen := f.seen
	f.seen = nil
	f.mu.Unlock()
	tx, err := f.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for key, at := range seen {
		if _, err := tx.Exec("UPDATE pages SET last_seen = ? WHERE page = ?", at.Unix(), key); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Positive: a copy of the field that is never reset is not a drained
// queue; the same keys come back every tick, one DELETE each.
func (f *Flusher) dropStale() error {
	f.mu.Lock()
	stale := f.stale
	f.mu.Unlock()
	for _, key := range stale {
		if _, err := f.db.Exec("DELETE FROM page_hits WHERE page = ?", key); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Positive: a list handed in, one DELETE per page.
func (f *Flusher) ClearPages(names []string) error {
	for _, name := range names {
		if _, err := f.db.Exec("DELETE FROM page_hits WHERE page = ?", name); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}
