// path: internal/ledger/records.go
// stack: database/sql github.com/mattn/go-sqlite3
// Transaction length counts statements, not the lines of one call whose
// arguments are laid out one per line.
package ledger

import (
	"database/sql"
	"fmt"
)

type Record struct {
	Id string
	Created string
	Updated string
	Owner string
	Title string
	Body string
	Kind string
	State string
	Priority string
	Tags string
	Link string
	Icon string
	Mime string
	Size string
	Expires string
	Url string
	Deleted string
	Sender string
	Author string
	ContentType string
	Encoding string
	Published string
	Region string
	Locale string
	Source string
	Checksum string
	Note0 string
	Note1 string
	Note2 string
	Note3 string
	Note4 string
	Note5 string
	Note6 string
	Note7 string
	Note8 string
	Note9 string
	Note10 string
	Note11 string
	Note12 string
	Note13 string
	Note14 string
	Note15 string
}

type Ledger struct {
	db *sql.DB
}

// Look-alike: a batch insert of one wide row per record; the one Exec
// call spans 44 lines because of its arguments.
func (l *Ledger) Save(rs []*Record) error {
	tx, err := l.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare("INSERT INTO records (id, created, updated, owner, title, body, kind, state, priority, tags, link, icon, mime, size, expires, url, deleted, sender, author, content_type, encoding, published, region, locale, source, checksum, note0, note1, note2, note3, note4, note5, note6, note7, note8, note9, note10, note11, note12, note13, note14, note15) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range rs {
		_, err := stmt.Exec( // expect: missing_bulk_ops MEDIUM
			r.Id,
			r.Created,
			r.Updated,
			r.Owner,
			r.Title,
			r.Body,
			r.Kind,
			r.State,
			r.Priority,
			r.Tags,
			r.Link,
			r.Icon,
			r.Mime,
			r.Size,
			r.Expires,
			r.Url,
			r.Deleted,
			r.Sender,
			r.Author,
			r.ContentType,
			r.Encoding,
			r.Published,
			r.Region,
			r.Locale,
			r.Source,
			r.Checksum,
			r.Note0,
			r.Note1,
			r.Note2,
			r.Note3,
			r.Note4,
			r.Note5,
			r.Note6,
			r.Note7,
			r.Note8,
			r.Note9,
			r.Note10,
			r.Note11,
			r.Note12,
			r.Note13,
			r.Note14,
			r.Note15,
		)
		if err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Positive: fifty-odd statements of in-memory work while the transaction
// holds its write lock.
func (l *Ledger) Close(n int) error {
	tx, err := l.db.Begin() // expect: long_held_transaction MEDIUM
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE ledger SET closing = 1"); err != nil {
		return err
	}
	log0 := fmt.Sprintf("step %d of %d", 0, n)
	_ = log0
	log1 := fmt.Sprintf("step %d of %d", 1, n)
	_ = log1
	log2 := fmt.Sprintf("step %d of %d", 2, n)
	_ = log2
	log3 := fmt.Sprintf("step %d of %d", 3, n)
	_ = log3
	log4 := fmt.Sprintf("step %d of %d", 4, n)
	_ = log4
	log5 := fmt.Sprintf("step %d of %d", 5, n)
	_ = log5
	log6 := fmt.Sprintf("step %d of %d", 6, n)
	_ = log6
	log7 := fmt.Sprintf("step %d of %d", 7, n)
	_ = log7
	log8 := fmt.Sprintf("step %d of %d", 8, n)
	_ = log8
	log9 := fmt.Sprintf("step %d of %d", 9, n)
	_ = log9
	log10 := fmt.Sprintf("step %d of %d", 10, n)
	_ = log10
	log11 := fmt.Sprintf("step %d of %d", 11, n)
	_ = log11
	log12 := fmt.Sprintf("step %d of %d", 12, n)
	_ = log12
	log13 := fmt.Sprintf("step %d of %d", 13, n)
	_ = log13
	log14 := fmt.Sprintf("step %d of %d", 14, n)
	_ = log14
	log15 := fmt.Sprintf("step %d of %d", 15, n)
	_ = log15
	log16 := fmt.Sprintf("step %d of %d", 16, n)
	_ = log16
	log17 := fmt.Sprintf("step %d of %d", 17, n)
	_ = log17
	log18 := fmt.Sprintf("step %d of %d", 18, n)
	_ = log18
	log19 := fmt.Sprintf("step %d of %d", 19, n)
	_ = log19
	log20 := fmt.Sprintf("step %d of %d", 20, n)
	_ = log20
	log21 := fmt.Sprintf("step %d of %d", 21, n)
	_ = log21
	log22 := fmt.Sprintf("step %d of %d", 22, n)
	_ = log22
	log23 := fmt.Sprintf("step %d of %d", 23, n)
	_ = log23
	log24 := fmt.Sprintf("step %d of %d", 24, n)
	_ = log24
	log25 := fmt.Sprintf("step %d of %d", 25, n)
	_ = log25
	log26 := fmt.Sprintf("step %d of %d", 26, n)
	_ = log26
	log27 := fmt.Sprintf("step %d of %d", 27, n)
	_ = log27
	if _, err := tx.Exec("UPDATE ledger SET closing = 0, closed = 1"); err != nil {
		return err
	}
	return tx.Commit()
}
