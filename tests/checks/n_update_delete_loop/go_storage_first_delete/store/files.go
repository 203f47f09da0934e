package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
)

type File struct {
	ID     int64
	NoteID int64
	Local  bool
	Path   string
}

type Store struct {
	db      *sql.DB
	dataDir string
}

// removeBlob unlinks a local upload; the closure keeps the path handling
// in one place.
func (s *Store) removeBlob(f *File) error {
	if f.Local {
		if err := func() error {
			p := filepath.Join(s.dataDir, f.Path)
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				return err
			}
			return nil
		}(); err != nil {
			return err
		}
	}
	return nil
}

// DeleteBlob only removes what is stored on disk.
func (s *Store) DeleteBlob(ctx context.Context, f *File) error {
	return s.removeBlob(f)
}

// DeleteFile removes the stored blob first, then its row.
func (s *Store) DeleteFile(ctx context.Context, f *File) error {
	if err := s.removeBlob(f); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, "DELETE FROM files WHERE id = $1", f.ID)
	return err
}

func (s *Store) ListFiles(ctx context.Context, noteID int64) ([]*File, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, note_id, path FROM files WHERE note_id = $1", noteID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*File
	for rows.Next() {
		f := &File{}
		if err := rows.Scan(&f.ID, &f.NoteID, &f.Path); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// DeleteNote removes the note's files (blob, then row, one by one), its
// tags and the note row.
func (s *Store) DeleteNote(ctx context.Context, id int64) error {
	files, err := s.ListFiles(ctx, id)
	if err != nil {
		return err
	}
	// Look-alike: each row goes with the blob removed just before it.
	for _, f := range files {
		if err := s.DeleteFile(ctx, f); err != nil {
			return err
		}
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM tags WHERE note_id = $1", id); err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, "DELETE FROM notes WHERE id = $1", id)
	return err
}

// DeleteOwnerNotes removes every row of an owner in one statement and
// hands back the files whose blobs are left to remove.
func (s *Store) DeleteOwnerNotes(ctx context.Context, owner int64) ([]*File, error) {
	files, err := s.ListFiles(ctx, owner)
	if err != nil {
		return nil, err
	}
	_, err = s.db.ExecContext(ctx, "DELETE FROM notes WHERE owner_id = $1", owner)
	return files, err
}
