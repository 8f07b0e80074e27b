package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime/pprof"
)

// HTTPResult is a check load over the API, judged as Screen judges.
type HTTPResult struct {
	Screening
}

// checkAnswer is the part of the API's check answer the bench judges.
type checkAnswer struct {
	Decision string `json:"decision"`
	Matches  []struct {
		RestrictionID string `json:"restriction_id"`
	} `json:"matches"`
}

// HTTPChecks sends n checks drawn in turn from qs to the API at url, over
// at most conns keep-alive connections at once (a Poster), and measures
// them. The node must hold the register under RegisterID keys
// (FillReplica) for recall to mean anything.
func HTTPChecks(ctx context.Context, url, token string, qs []Query, n, conns int) (HTTPResult, error) {
	p, err := NewPoster(url+"/v1/checks", token, conns)
	if err != nil {
		return HTTPResult{}, err
	}
	defer p.Close()
	var s Screening
	// The callers' goroutines carry a label, so that a CPU profile tells
	// the load generator's work from the server's.
	pprof.Do(ctx, pprof.Labels("side", "loadgen"), func(ctx context.Context) {
		s = Screen(ctx, qs, n, conns, func(ctx context.Context, q Query) (a Answer, err error) {
			err = p.Post(ctx, q.Body, http.StatusOK, func(body []byte) error {
				a, err = ParseCheckAnswer(body)
				return err
			})
			return a, err
		})
	})
	return HTTPResult{Screening: s}, nil
}

// ParseCheckAnswer reads the API's answer to POST /v1/checks: flagged
// unless the decision is clear, naming the restrictions matched.
func ParseCheckAnswer(body []byte) (Answer, error) {
	var ans checkAnswer
	if err := json.Unmarshal(body, &ans); err != nil {
		return Answer{}, fmt.Errorf("bench: check answer: %w", err)
	}
	switch ans.Decision {
	case "clear", "refer", "hit":
	default:
		return Answer{}, fmt.Errorf("bench: check answer with decision %q", ans.Decision)
	}
	a := Answer{Flagged: ans.Decision != "clear", Keys: make([]string, len(ans.Matches))}
	for i, m := range ans.Matches {
		a.Keys[i] = m.RestrictionID
	}
	return a, nil
}
