package export

import (
	"os"

	"example.org/notes/internal/blobs"
	"example.org/notes/internal/logs"
)

// The archive is reopened, handed to another package that only reads it,
// then removed: the descriptor is never closed.
func Archive(tmpName string) (int64, error) {
	archived, err := os.Open(tmpName) // expect: missing_cleanup MEDIUM
	if err != nil {
		return 0, err
	}
	stat, err := archived.Stat()
	if err != nil {
		return 0, err
	}
	b, err := blobs.Save(archived, tmpName, uint64(stat.Size()))
	if err != nil {
		return 0, err
	}
	if err := os.Remove(archived.Name()); err != nil {
		return 0, err
	}
	return b.ID, nil
}

// Look-alike: the other package keeps the file as the log output.
func LogTo(path string) error {
	w, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	logs.Redirect(w)
	return nil
}

// Look-alike: handed to a value's method of the same name, which keeps it.
func Hold(k *blobs.Keeper, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	k.Save(f)
	return nil
}
