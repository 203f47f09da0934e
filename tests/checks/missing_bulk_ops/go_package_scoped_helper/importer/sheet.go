package importer

import (
	"log"

	"github.com/acme/mirror"

	"example.com/labels/store"
)

// Positive: a spreadsheet import; each row is copied cell by cell, then
// one label row is inserted per spreadsheet row through the store.
func ImportRows(rows [][]string) {
	for i, row := range rows {
		if i == 0 {
			continue // the header
		}
		var cells []string
		for _, cell := range row {
			cells = append(cells, cell)
		}
		store.AddLabel(cells[0], cells[1]) // expect: missing_bulk_ops MEDIUM
	}
}

// Look-alike: mirror is a third-party package whose import path ends in a
// folder name of this project; its Push is not the project's mirror.Push.
func MirrorRows(rows [][]string) {
	for _, row := range rows {
		if err := mirror.Push(row[0]); err != nil {
			log.Print(err)
		}
	}
}
