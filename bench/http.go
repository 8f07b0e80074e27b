package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
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
// at most conns connections at once, and measures them. The node must
// hold the register under RegisterID keys (FillReplica) for recall to
// mean anything.
func HTTPChecks(ctx context.Context, url, token string, qs []Query, n, conns int) HTTPResult {
	c := Client(conns)
	defer c.CloseIdleConnections()
	s := Screen(ctx, qs, n, conns, func(ctx context.Context, q Query) (Answer, error) {
		body, err := Post(ctx, c, url+"/v1/checks", token, q.Body, http.StatusOK)
		if err != nil {
			return Answer{}, err
		}
		return ParseCheckAnswer(body)
	})
	return HTTPResult{Screening: s}
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
