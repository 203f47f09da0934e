package api

import (
	"context"
	"errors"

	"example.com/pins/store"
)

type Service struct {
	Store *store.Store
}

// The pin was read to check its owner; only its id goes on, and
// RemovePin reads it again.
func (s *Service) DeletePin(ctx context.Context, id int64) error {
	pin, err := s.Store.GetPin(ctx, &store.FindPin{ID: &id})
	if err != nil {
		return err
	}
	if pin == nil {
		return errors.New("not found")
	}
	return s.Store.RemovePin(ctx, &store.RemovePin{ID: pin.ID}) // expect: redundant_fetch MEDIUM
}

// Rows handed in typed as pins: each is read again by RemovePin (and
// deleted one statement per pin).
func (s *Service) DeletePins(ctx context.Context, pins []*store.Pin) error {
	for _, p := range pins {
		if err := s.Store.RemovePin(ctx, &store.RemovePin{ID: p.ID}); err != nil { // expect: n_update_delete_loop HIGH, redundant_fetch MEDIUM
			return err
		}
	}
	return nil
}

// Look-alike for redundant_fetch: DropPin deletes by id and reads nothing
// (the driver's delete per pin is n_update_delete_loop's).
func (s *Service) DropPins(ctx context.Context, pins []*store.Pin) error {
	for _, p := range pins {
		if err := s.Store.DropPin(ctx, p.ID); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike for redundant_fetch: the ids come from the request, no row
// is held (the delete per id is n_update_delete_loop's).
func (s *Service) DeleteByIDs(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		if err := s.Store.RemovePin(ctx, &store.RemovePin{ID: id}); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike: the board is renamed in between, and refreshBoard returns
// the board read again: a refresh after a write, not a redundant read.
func (s *Service) RenameBoard(ctx context.Context, id int64, title string) (*store.Board, error) {
	board, err := s.Store.GetBoard(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.Store.RenameBoard(ctx, board.ID, title); err != nil {
		return nil, err
	}
	return s.refreshBoard(ctx, board.ID)
}

func (s *Service) refreshBoard(ctx context.Context, id int64) (*store.Board, error) {
	b, err := s.Store.GetBoard(ctx, id)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Look-alike: a board's id handed to a function that reads the board's
// pins, not the board again.
func (s *Service) BoardPins(ctx context.Context, id int64) ([]*store.Pin, error) {
	board, err := s.Store.GetBoard(ctx, id)
	if err != nil || board == nil {
		return nil, err
	}
	return s.pinsOf(ctx, board.ID)
}

func (s *Service) pinsOf(ctx context.Context, boardID int64) ([]*store.Pin, error) {
	pins, err := s.Store.ListPins(ctx, &store.FindPin{BoardID: &boardID})
	return pins, err
}
