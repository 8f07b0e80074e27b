package bench

import (
	"bytes"
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
// unless the decision is clear, naming the restrictions matched. The
// answer's last field, the signature (most of its bytes), is only checked
// to be a JSON string (withoutSignature), not decoded: the judge needs
// the decision and the matches, and the load generator's CPU is taken
// from the server it measures.
func ParseCheckAnswer(body []byte) (Answer, error) {
	var ans checkAnswer
	if err := json.Unmarshal(withoutSignature(body), &ans); err != nil {
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

// signatureField opens the signature, the last field of a compact check
// answer.
var signatureField = []byte(`,"signature":"`)

// withoutSignature is a compact answer ending in the signature field with
// that field cut (the object closed after the field before it), or body
// as it is when it does not end so. The cut answer is valid JSON only if
// the field before the cut ends at the object's top level, so a body that
// decodes after the cut is the same object without its signature.
func withoutSignature(body []byte) []byte {
	// The first occurrence: a quote inside a string is always escaped, so
	// the pattern is found only where a field begins, and the signature's
	// begins after the few hundred bytes of the rest of the answer, so a
	// search from the start stops early.
	i := bytes.Index(body, signatureField)
	if i < 0 {
		return body
	}
	tail := bytes.TrimRight(body[i+len(signatureField):], " \t\r\n")
	if !jsonStringThenBrace(tail) {
		return body
	}
	cut := make([]byte, 0, i+1)
	return append(append(cut, body[:i]...), '}')
}

// jsonStringThenBrace says whether b is the rest of a JSON string (after
// its opening quote: no raw control character, every escape one JSON
// knows) followed by the closing quote and '}'.
func jsonStringThenBrace(b []byte) bool {
	for j := 0; j < len(b); j++ {
		switch c := b[j]; {
		case c < 0x20:
			return false
		case c == '"':
			return j+2 == len(b) && b[j+1] == '}'
		case c == '\\':
			j++
			if j >= len(b) {
				return false
			}
			switch b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(b) {
					return false
				}
				for _, h := range b[j+1 : j+5] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false
					}
				}
				j += 4
			default:
				return false
			}
		}
	}
	return false
}
