package report

// Syncer shares its name with the directory sync's struct: a method's
// receiver type `*Syncer` in package sync is that package's own.
type Syncer struct {
	sent int
}

func (s *Syncer) Count() int {
	return s.sent
}
