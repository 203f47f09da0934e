package store

import "context"

type Pin struct {
	ID      int64
	BoardID int64
	Title   string
	Path    string
}

type Board struct {
	ID    int64
	Title string
}

type FindPin struct {
	ID      *int64
	BoardID *int64
}

type RemovePin struct {
	ID int64
}

// Driver is implemented once per database under store/db/.
type Driver interface {
	ListPins(ctx context.Context, find *FindPin) ([]*Pin, error)
	GetBoard(ctx context.Context, id int64) (*Board, error)
	RenameBoard(ctx context.Context, id int64, title string) error
	RemovePin(ctx context.Context, id int64) error
}

type Store struct {
	driver Driver
}

func (s *Store) ListPins(ctx context.Context, find *FindPin) ([]*Pin, error) {
	return s.driver.ListPins(ctx, find)
}

func (s *Store) GetPin(ctx context.Context, find *FindPin) (*Pin, error) {
	pins, err := s.ListPins(ctx, find)
	if err != nil || len(pins) == 0 {
		return nil, err
	}
	return pins[0], nil
}

func (s *Store) GetBoard(ctx context.Context, id int64) (*Board, error) {
	return s.driver.GetBoard(ctx, id)
}

func (s *Store) RenameBoard(ctx context.Context, id int64, title string) error {
	return s.driver.RenameBoard(ctx, id, title)
}

// RemovePin reads the pin again to find its file, then deletes the row.
func (s *Store) RemovePin(ctx context.Context, r *RemovePin) error {
	pin, err := s.GetPin(ctx, &FindPin{ID: &r.ID})
	if err != nil || pin == nil {
		return err
	}
	_ = pin.Path
	return s.driver.RemovePin(ctx, r.ID)
}

// DropPin deletes by id without reading the row first.
func (s *Store) DropPin(ctx context.Context, id int64) error {
	return s.driver.RemovePin(ctx, id)
}

// ClearBoard empties a board pin by pin.
func (s *Store) ClearBoard(ctx context.Context, boardID int64) error {
	pins, err := s.ListPins(ctx, &FindPin{BoardID: &boardID})
	if err != nil {
		return err
	}
	for _, pin := range pins {
		if err := s.RemovePin(ctx, &RemovePin{ID: pin.ID}); err != nil { // expect: n_update_delete_loop HIGH, redundant_fetch MEDIUM
			return err
		}
	}
	return nil
}

