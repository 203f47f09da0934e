// path: internal/tracking/beacon.go
package tracking

import (
	"context"
	"log"
	"net/http"
	"time"
)

// The project hands out its HTTP client from a constructor.
func NewGuardedClient() *http.Client {
	return &http.Client{Timeout: 5 * time.Second}
}

// A fire-and-forget beacon: the response goes to `_`, so its Body is
// never closed and the connection never goes back to the pool.
func Beacon(id string) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://stats.example.org/b?id="+id, nil)
	if err != nil {
		log.Printf("beacon: %v", err)
		return
	}
	_, err = NewGuardedClient().Do(req) // expect: missing_cleanup MEDIUM
	if err != nil {
		log.Printf("beacon: %v", err)
	}
}

// Look-alike: the response is kept and its Body closed.
func Status(req *http.Request) (int, error) {
	resp, err := NewGuardedClient().Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Look-alike: a command client's Do takes a context and a command, and
// returns no HTTP response.
type Cmd struct{}

type CommandClient struct{}

func (CommandClient) Do(ctx context.Context, args ...interface{}) (*Cmd, error) { return &Cmd{}, nil }

func cacheClient() CommandClient { return CommandClient{} }

func Touch(ctx context.Context, key string) error {
	_, err := cacheClient().Do(ctx, "TOUCH", key)
	return err
}
