package store

// Positive: a bare call names this package's AddLabel, not the HTTP
// handler of the same name in package api; one INSERT per default.
func SeedDefaults(titles []string) {
	for _, t := range titles {
		AddLabel(t, "system") // expect: missing_bulk_ops MEDIUM
	}
}
