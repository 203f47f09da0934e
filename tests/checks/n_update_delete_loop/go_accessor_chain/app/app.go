package app

import "example.com/shelfware/store"

type Config struct {
	Curators []string
}

// Archive is an interface with two implementations: which one an
// accessor returns is not known.
type Archive interface {
	Put(b *store.Book) error
}

type DiskArchive struct{ store *store.Store }

func (d *DiskArchive) Put(b *store.Book) error { return d.store.UpdateBook(b) }

type NullArchive struct{}

func (NullArchive) Put(b *store.Book) error { return nil }

type App struct {
	store   *store.Store
	conf    *Config
	archive Archive
}

func (a *App) Store() *store.Store { return a.store }

func (a *App) Conf() *Config { return a.conf }

func (a *App) Archive() Archive { return a.archive }

// syncCurators runs once at start-up over the curators of the config
// file: a handful an operator wrote, not rows.
func (a *App) syncCurators() {
	for i, name := range a.Conf().Curators {
		a.store.UpdateBook(&store.Book{ID: uint(i), Title: name})
	}
}
