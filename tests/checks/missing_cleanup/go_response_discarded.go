// path: internal/monitor/probe.go
// stack: go.etcd.io/etcd/client/v3
package monitor

import (
	"context"
	"net/http"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

var probeClient = &http.Client{Timeout: 10 * time.Second}

// Reachability probe that throws the response away: the body is never
// closed.
func Reachable(url string) bool {
	_, err := probeClient.Get(url) // expect: missing_cleanup MEDIUM
	return err == nil
}

// The same through Do in an if header.
func Ping(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return err
	}
	if _, err := http.DefaultClient.Do(req); err != nil { // expect: missing_cleanup MEDIUM
		return err
	}
	return nil
}

// Look-alike: the response is kept and its body closed.
func Status(url string) (int, error) {
	resp, err := probeClient.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Look-alike: a key-value client's Get(ctx, key) has no body.
func Exists(ctx context.Context, kvClient *clientv3.Client, key string) bool {
	_, err := kvClient.Get(ctx, key)
	return err == nil
}
