// path: internal/media/thumbs.go
// stack: github.com/disintegration/imaging
package media

import (
	"io"
	"os"
)

type Store struct {
	root string
}

// Copies the temp file into the store; does not close it.
func (s *Store) Put(dst string, src *os.File) error {
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return err
	}
	out, err := os.Create(s.root + "/" + dst)
	if err != nil {
		return err
	}
	defer out.Close()
	_, err = io.Copy(out, src)
	return err
}

// Uploads and closes the file it is given.
func upload(f *os.File) error {
	defer f.Close()
	_, err := io.Copy(io.Discard, f)
	return err
}

// The temp file is removed on the way out and lent to Put, which does
// not close it: the descriptor stays open.
func Render(s *Store, name string, data []byte) error {
	tmp, err := os.CreateTemp("", "thumb") // expect: missing_cleanup MEDIUM
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	return s.Put(name, tmp)
}

// Look-alike: the callee closes the file it is handed.
func Publish(data []byte) error {
	tmp, err := os.CreateTemp("", "pub")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	return upload(tmp)
}

// Look-alike: no removal here, the handle is handed on to a caller's
// registry that owns it from now on.
func Spool(reg map[string]*os.File, key string) error {
	tmp, err := os.CreateTemp("", "spool")
	if err != nil {
		return err
	}
	register(reg, key, tmp)
	return nil
}

func register(reg map[string]*os.File, key string, f *os.File) {
	reg[key] = f
}
