// path: internal/audit/log.go
// stack: gorm.io/gorm
package audit

import "gorm.io/gorm"

type Entry struct {
	ID     uint
	Action string
}

// One Create per entry.
func Record(db *gorm.DB, actions []string) error {
	for _, a := range actions {
		if err := db.Create(&Entry{Action: a}).Error; err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return nil
}

// Look-alike: the rows go in with CreateInBatches.
func RecordAll(db *gorm.DB, actions []string) error {
	entries := make([]Entry, 0, len(actions))
	for _, a := range actions {
		entries = append(entries, Entry{Action: a})
	}
	return db.CreateInBatches(entries, 500).Error
}
