package fetch

import (
	"io"
	"net/http"
	"strings"
	"time"
)

// guardedClient builds the client every outgoing request uses.
func guardedClient() *http.Client {
	return &http.Client{Timeout: 4 * time.Second}
}

// Portrait downloads a picture through the constructed client.
func Portrait(url string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := guardedClient().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Initials derives a placeholder from a name; nothing leaves the process.
func Initials(name string) string {
	return strings.ToUpper(name[:1])
}
