// path: internal/shelves/books.go
// stack: github.com/lib/pq
package shelves

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"sync"
)

// Reads behind interfaces. An interface with one implementation passes
// that implementation's reads to the caller when the implementation
// reads itself, or only forwards one call that does. A service that
// answers from a cache of its own first, or does other work around the
// read, keeps the edge writes-only.

type Book struct {
	ID      int64  `json:"id"`
	Shelf   string `json:"shelf"`
	OwnerID int64  `json:"owner_id"`
}

type IBookStore interface {
	LastOfOwner(owner int64) (*Book, error)
	CountOfOwner(owner int64) (int, error)
	TagsOfOwner(owner int64) ([]string, error)
	Purge(owner int64) error
}

// The one implementation of IBookStore: every method queries.
type BookStore struct {
	db *sql.DB
}

func (st *BookStore) LastOfOwner(owner int64) (*Book, error) {
	b := &Book{}
	err := st.db.QueryRow("SELECT id, shelf FROM books WHERE owner_id = $1 ORDER BY id DESC LIMIT 1", owner).Scan(&b.ID, &b.Shelf)
	if err != nil {
		return nil, err
	}
	return b, nil
}

func (st *BookStore) CountOfOwner(owner int64) (int, error) {
	var n int
	err := st.db.QueryRow("SELECT count(*) FROM books WHERE owner_id = $1", owner).Scan(&n)
	return n, err
}

func (st *BookStore) TagsOfOwner(owner int64) ([]string, error) {
	var tags []string
	rows, err := st.db.Query("SELECT tag FROM book_tags WHERE owner_id = $1", owner)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tags = append(tags, t)
	}
	return tags, nil
}

func (st *BookStore) Purge(owner int64) error {
	_, err := st.db.Exec("DELETE FROM books WHERE owner_id = $1", owner)
	return err
}

type IShelfService interface {
	LastOfOwner(owner int64) (*Book, error)
	CountOfOwner(owner int64) (int, error)
	TagsOfOwner(owner int64) ([]string, error)
	Forget(owner int64)
}

// The one implementation of IShelfService.
type ShelfService struct {
	store  IBookStore
	counts sync.Map
	tags   map[int64][]string
}

// Only forwards: the store's read is this method's read.
func (srv *ShelfService) LastOfOwner(owner int64) (*Book, error) {
	return srv.store.LastOfOwner(owner)
}

// Answers from its own cache; the store is asked once per owner.
func (srv *ShelfService) CountOfOwner(owner int64) (int, error) {
	if v, ok := srv.counts.Load(owner); ok {
		return v.(int), nil
	}
	n, err := srv.store.CountOfOwner(owner)
	if err == nil {
		srv.counts.Store(owner, n)
	}
	return n, err
}

// Loads the owner's tags into a map once, then reads the map.
func (srv *ShelfService) TagsOfOwner(owner int64) ([]string, error) {
	if !srv.warm(owner) {
		srv.load(owner)
	}
	return srv.tags[owner], nil
}

func (srv *ShelfService) warm(owner int64) bool {
	return srv.tags[owner] != nil
}

func (srv *ShelfService) load(owner int64) {
	if tags, err := srv.store.TagsOfOwner(owner); err == nil {
		srv.tags[owner] = tags
	}
}

func (srv *ShelfService) Forget(owner int64) {
	srv.counts.Delete(owner)
}

// Two implementations: which one runs is not known.
type IShelfLog interface {
	LastEntry(owner int64) (string, error)
}

type SQLShelfLog struct {
	db *sql.DB
}

func (l *SQLShelfLog) LastEntry(owner int64) (string, error) {
	var s string
	err := l.db.QueryRow("SELECT entry FROM shelf_log WHERE owner_id = $1 ORDER BY id DESC LIMIT 1", owner).Scan(&s)
	return s, err
}

type MemShelfLog struct {
	last map[int64]string
}

func (l *MemShelfLog) LastEntry(owner int64) (string, error) {
	return l.last[owner], nil
}

type Handler struct {
	db     *sql.DB
	shelf  IShelfService
	events IShelfLog
}

func fillShelf(b *Book, srv IShelfService) *Book {
	if b.Shelf == "" {
		if last, err := srv.LastOfOwner(b.OwnerID); err == nil && last != nil {
			b.Shelf = last.Shelf
		}
	}
	return b
}

func countFor(b *Book, srv IShelfService) int {
	n, _ := srv.CountOfOwner(b.OwnerID)
	return n
}

func tagsFor(b *Book, srv IShelfService) int {
	tags, _ := srv.TagsOfOwner(b.OwnerID)
	return len(tags)
}

func lastEntry(b *Book, log IShelfLog) string {
	s, _ := log.LastEntry(b.OwnerID)
	return s
}

// Per row of a query: the forwarded read runs once per book; the cached
// count, the tags loaded once per owner and the log of unknown kind are
// no finding.
func (h *Handler) Recent(w http.ResponseWriter, r *http.Request) {
	rows, err := h.db.QueryContext(r.Context(), "SELECT id, shelf, owner_id FROM books WHERE shelf = $1", r.URL.Query().Get("shelf"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var out []*Book
	total := 0
	for rows.Next() {
		b := &Book{}
		if err := rows.Scan(&b.ID, &b.Shelf, &b.OwnerID); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		b = fillShelf(b, h.shelf) // expect: n_plus_one HIGH
		total += countFor(b, h.shelf)
		total += tagsFor(b, h.shelf)
		_ = lastEntry(b, h.events)
		out = append(out, b)
	}
	json.NewEncoder(w).Encode(out)
}

// The body decoded by a helper two calls down.
func decodeBooks(r *http.Request) ([]*Book, error) {
	var books []*Book
	if err := json.NewDecoder(r.Body).Decode(&books); err != nil {
		return nil, err
	}
	return books, nil
}

func ParseBooks(r *http.Request) ([]*Book, error) {
	books, err := decodeBooks(r)
	if err == nil {
		return books, err
	}
	return []*Book{}, err
}

// Look-alike source: a helper that builds its list in memory.
func defaultBooks(r *http.Request) ([]*Book, error) {
	books := []*Book{{Shelf: r.URL.Query().Get("shelf")}}
	return books, nil
}

// Per posted book, through the decoding helper.
func (h *Handler) Import(w http.ResponseWriter, r *http.Request) {
	var books []*Book
	books, err := ParseBooks(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for i, b := range books {
		books[i] = fillShelf(b, h.shelf) // expect: n_plus_one HIGH
	}
	json.NewEncoder(w).Encode(books)
}

// Per posted book, the body decoded here into the slice itself.
func (h *Handler) Replace(w http.ResponseWriter, r *http.Request) {
	var books []*Book
	if err := json.NewDecoder(r.Body).Decode(&books); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for i, b := range books {
		books[i] = fillShelf(b, h.shelf) // expect: n_plus_one HIGH
	}
	json.NewEncoder(w).Encode(books)
}

// Look-alike: the list a helper built from one query parameter.
func (h *Handler) Defaults(w http.ResponseWriter, r *http.Request) {
	books, _ := defaultBooks(r)
	for i, b := range books {
		books[i] = fillShelf(b, h.shelf)
	}
	json.NewEncoder(w).Encode(books)
}
