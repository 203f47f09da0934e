// path: pkg/library/shelves.go
// stack: xorm.io/xorm github.com/labstack/echo/v4
package library

import (
	"xorm.io/xorm"
)

type Shelf struct {
	ID   int64
	Name string
}

type Book struct {
	ID      int64
	ShelfID int64
	Title   string
}

// One xorm Find per shelf through the session handed in.
func BooksByShelf(s *xorm.Session, roomID int64) (map[int64][]*Book, error) {
	shelves := []*Shelf{}
	if err := s.Where("room_id = ?", roomID).Find(&shelves); err != nil {
		return nil, err
	}
	out := make(map[int64][]*Book, len(shelves))
	for _, sh := range shelves {
		books := []*Book{}
		if err := s.Where("shelf_id = ?", sh.ID).OrderBy("title").Find(&books); err != nil { // expect: n_plus_one MEDIUM
			return nil, err
		}
		out[sh.ID] = books
	}
	return out, nil
}

// countLoans runs one COUNT on the session.
func countLoans(s *xorm.Session, bookID int64) (int64, error) {
	return s.Where("book_id = ?", bookID).Count(&Loan{})
}

type Loan struct {
	ID     int64
	BookID int64
}

// One helper COUNT per book of the shelf.
func LoanCounts(s *xorm.Session, shelfID int64) (map[int64]int64, error) {
	books := []*Book{}
	if err := s.Where("shelf_id = ?", shelfID).Find(&books); err != nil {
		return nil, err
	}
	out := map[int64]int64{}
	for _, b := range books {
		n, err := countLoans(s, b.ID) // expect: n_plus_one MEDIUM
		if err != nil {
			return nil, err
		}
		out[b.ID] = n
	}
	return out, nil
}

// Look-alike: every shelf's books are read with one IN query, then grouped.
func BooksByShelfOnce(s *xorm.Session, roomID int64) (map[int64][]*Book, error) {
	shelves := []*Shelf{}
	if err := s.Where("room_id = ?", roomID).Find(&shelves); err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(shelves))
	for _, sh := range shelves {
		ids = append(ids, sh.ID)
	}
	books := []*Book{}
	if err := s.In("shelf_id", ids).Find(&books); err != nil {
		return nil, err
	}
	out := make(map[int64][]*Book, len(shelves))
	for _, b := range books {
		out[b.ShelfID] = append(out[b.ShelfID], b)
	}
	return out, nil
}

// Searcher is an in-memory index; its Find is no database call.
type Searcher struct {
	byTitle map[string]*Book
}

func (x *Searcher) Find(title string) *Book { return x.byTitle[title] }

// Look-alike: a receiver named like a session but of a non-database type.
func Titles(s *Searcher, titles []string) []*Book {
	out := []*Book{}
	for _, t := range titles {
		if b := s.Find(t); b != nil {
			out = append(out, b)
		}
	}
	return out
}
