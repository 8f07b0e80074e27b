package bench

import (
	"bytes"
	"context"
	"net/http"
	"sync/atomic"
	"time"
)

// HTTPResult is a check load over the API.
type HTTPResult struct {
	Throughput
	// Recall is the share of listed travellers the API did not clear.
	Recall float64
	// CPUPerCheck is the process's CPU time per check: the API serving it
	// and, when the load runs in the same process, the load generator.
	CPUPerCheck time.Duration
}

// HTTPChecks sends n checks drawn in turn from qs to the API at url, over
// at most conns connections at once, and measures them.
func HTTPChecks(ctx context.Context, url, token string, qs []Query, n, conns int) HTTPResult {
	c := Client(conns)
	defer c.CloseIdleConnections()
	var listed, found atomic.Int64
	flagged := []byte(`"decision":"clear"`)
	cpu0 := CPUTime()
	t := Run(ctx, n, conns, func(ctx context.Context, i int) error {
		q := qs[i%len(qs)]
		body, err := Post(ctx, c, url+"/v1/checks", token, q.Body, http.StatusOK)
		if err != nil {
			return err
		}
		if q.Listed >= 0 {
			listed.Add(1)
			if !bytes.Contains(body, flagged) {
				found.Add(1)
			}
		}
		return nil
	})
	r := HTTPResult{Throughput: t}
	if t.N > 0 {
		r.CPUPerCheck = (CPUTime() - cpu0) / time.Duration(t.N)
	}
	if l := listed.Load(); l > 0 {
		r.Recall = float64(found.Load()) / float64(l)
	}
	return r
}
