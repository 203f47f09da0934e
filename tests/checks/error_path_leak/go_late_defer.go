// path: internal/export/book.go
// stack: github.com/go-shiori/go-epub
package export

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
)

// The temp file's close is deferred only after three error returns.
func Build(title, body string) (string, error) {
	tmp, err := os.CreateTemp("", "book") // expect: error_path_leak MEDIUM
	if err != nil {
		return "", err
	}
	if title == "" {
		return "", errors.New("no title")
	}
	if _, err := tmp.WriteString(body); err != nil {
		return "", err
	}
	defer tmp.Close()
	return tmp.Name(), nil
}

// A non-2xx status returns before the deferred body close.
func Fetch(url string) ([]byte, error) {
	res, err := http.Get(url) // expect: error_path_leak MEDIUM
	if err != nil {
		return nil, err
	} else if res.StatusCode >= 400 {
		return nil, fmt.Errorf("status %d", res.StatusCode)
	}
	defer res.Body.Close()
	return io.ReadAll(res.Body)
}

// Look-alike: the close is deferred right after the error check.
func Read(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if path == "" {
		return nil, errors.New("empty")
	}
	return io.ReadAll(f)
}

// Look-alike: the early return closes first.
func Head(url string) (int, error) {
	res, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	if res.StatusCode == http.StatusNoContent {
		res.Body.Close()
		return 0, nil
	}
	defer res.Body.Close()
	n, err := io.Copy(io.Discard, res.Body)
	return int(n), err
}
