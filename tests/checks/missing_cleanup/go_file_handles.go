// path: internal/importer/files.go
// stack: github.com/lib/pq
package importer

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"io"
	"os"
)

type Importer struct {
	db *sql.DB
}

// lineCount only reads what it is given.
func lineCount(r io.Reader) (int, error) {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

// consume owns the file it is handed.
func consume(f *os.File) error {
	defer f.Close()
	_, err := io.Copy(io.Discard, f)
	return err
}

// The upload is counted, rewound and parsed, but never closed: one
// descriptor per import.
func (im *Importer) Load(path string) ([][]string, error) {
	f, err := os.Open(path) // expect: missing_cleanup MEDIUM
	if err != nil {
		return nil, err
	}
	n, err := lineCount(f)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, errors.New("empty file")
	}
	_, _ = f.Seek(0, 0)
	return csv.NewReader(f).ReadAll()
}

// A report written to disk and never closed.
func (im *Importer) Report(path string, src io.Reader) error {
	out, err := os.Create(path) // expect: missing_cleanup MEDIUM
	if err != nil {
		return err
	}
	_, err = io.Copy(out, src)
	return err
}

// Closed at the end, but the copy error returns before the close.
func (im *Importer) Save(path string, src io.Reader) error {
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644) // expect: error_path_leak MEDIUM
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, src); err != nil {
		return err
	}
	return out.Close()
}

// Look-alike: deferred close.
func (im *Importer) Peek(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 512)
	n, err := f.Read(buf)
	return buf[:n], err
}

// Look-alike: the caller gets the file and closes it.
func (im *Importer) OpenUpload(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Look-alike: handed to a helper that takes the file and closes it.
func (im *Importer) Drain(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return consume(f)
}

type upload struct {
	file *os.File
	name string
}

// Look-alike: the file leaves inside the value returned.
func (im *Importer) Begin(path string) (*upload, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &upload{file: f, name: path}, nil
}

type lineRows struct {
	rows *sql.Rows
	err  error
}

// Look-alike: the rows leave inside the value returned; its owner
// closes them.
func (im *Importer) Lines(ctx context.Context, batch int64) *lineRows {
	rows, err := im.db.QueryContext(ctx, "SELECT line FROM import_lines WHERE batch = $1", batch)
	return &lineRows{rows: rows, err: err}
}

type wrappedStmt struct {
	*sql.Stmt
}

// Look-alike: the statement is wrapped and returned to the caller.
func (im *Importer) Prepare(ctx context.Context, q string) (wrappedStmt, error) {
	st, err := im.db.PrepareContext(ctx, q)
	if err != nil {
		return wrappedStmt{}, err
	}
	return wrappedStmt{Stmt: st}, nil
}
