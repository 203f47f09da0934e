package mirror

import "example.com/labels/store"

// Push stores one label: the project's own mirror package, which the
// importer above does not import.
func Push(title string) error {
	return store.AddLabel(title, "mirror")
}
