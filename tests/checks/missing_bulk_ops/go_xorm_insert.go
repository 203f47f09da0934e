// path: pkg/library/copies.go
// stack: xorm.io/xorm
package library

import (
	"xorm.io/xorm"
)

type Copy struct {
	ID     int64
	BookID int64
	Code   string
}

// One INSERT per barcode of the delivery.
func AddCopies(s *xorm.Session, bookID int64, codes []string) error {
	for _, code := range codes {
		if _, err := s.Insert(&Copy{BookID: bookID, Code: code}); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return nil
}

// Look-alike: the rows are collected and inserted with one call.
func AddCopiesOnce(s *xorm.Session, bookID int64, codes []string) error {
	copies := make([]*Copy, 0, len(codes))
	for _, code := range codes {
		copies = append(copies, &Copy{BookID: bookID, Code: code})
	}
	_, err := s.Insert(&copies)
	return err
}
