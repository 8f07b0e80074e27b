package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Throughput is the outcome of a load: how many operations, how fast,
// how long each took.
type Throughput struct {
	N, Errors int
	FirstErr  error
	Elapsed   time.Duration
	PerSecond float64
	P50, P99  time.Duration
}

// Run calls op for i in [0, n) from workers goroutines (the bound on
// operations in flight) and measures each call.
func Run(ctx context.Context, n, workers int, op func(ctx context.Context, i int) error) Throughput {
	var (
		next   atomic.Int64
		mu     sync.Mutex
		lat    = make([]time.Duration, 0, n)
		errs   int
		first  error
		wg     sync.WaitGroup
		starts = time.Now()
	)
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]time.Duration, 0, n/max(workers, 1)+1)
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					break
				}
				t0 := time.Now()
				err := op(ctx, i)
				mine = append(mine, time.Since(t0))
				if err != nil {
					mu.Lock()
					errs++
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	el := time.Since(starts)
	t := Throughput{N: len(lat), Errors: errs, FirstErr: first, Elapsed: el, PerSecond: float64(len(lat)) / el.Seconds()}
	t.P50, t.P99 = Percentile(lat, 0.5), Percentile(lat, 0.99)
	return t
}

// Client is an HTTP client that keeps at most conns connections to one
// server and reuses them, as a bounded load generator must.
func Client(conns int) *http.Client {
	tr := &http.Transport{MaxConnsPerHost: conns, MaxIdleConnsPerHost: conns, MaxIdleConns: conns,
		IdleConnTimeout: time.Minute, DisableCompression: true}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// Post sends body as JSON with a bearer token and returns the status and
// the answer; a status other than want is an error.
func Post(ctx context.Context, c *http.Client, url, token string, body []byte, want int) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != want {
		return out, fmt.Errorf("POST %s: %d %s", url, res.StatusCode, bytes.TrimSpace(out))
	}
	return out, nil
}
