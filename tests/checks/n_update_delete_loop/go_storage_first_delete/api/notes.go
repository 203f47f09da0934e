package api

import (
	"context"
	"log"

	"example.com/notes/store"
)

type Service struct {
	Store *store.Store
}

// Look-alike: storage first, one file at a time, so a failure leaves a
// row the owner can delete again.
func (s *Service) DeleteFiles(ctx context.Context, files []*store.File) error {
	for _, f := range files {
		if err := s.Store.DeleteFile(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// Every reply note goes through the whole note deletion: tag and note
// rows deleted one note at a time.
func (s *Service) DeleteThread(ctx context.Context, replies []int64) error {
	for _, id := range replies {
		if err := s.Store.DeleteNote(ctx, id); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike: the rows went in one statement; only the blobs are left,
// and each is a file of its own.
func (s *Service) DeleteOwner(ctx context.Context, owner int64) error {
	files, err := s.Store.DeleteOwnerNotes(ctx, owner)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := s.Store.DeleteBlob(ctx, f); err != nil {
			log.Printf("blob %d left behind: %v", f.ID, err)
		}
	}
	return nil
}
