package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"golang.org/x/mod/sumdb/note"
)

// checkAnswer is the part of a check response (POST /v1/checks) that a
// signed decision vouches for.
type checkAnswer struct {
	CheckID  string `json:"check_id"`
	Decision string `json:"decision"`
	Matches  []struct {
		RestrictionID string `json:"restriction_id"`
	} `json:"matches"`
	LogIndex  *int64 `json:"log_index"`
	Signature string `json:"signature"`
}

// VerifyDecision checks, offline, a decision a node signed: doc is the
// check response as received (JSON with "signature") or the signed note
// alone; request, when not nil, is the request body that was sent. It
// verifies the decision with v (OpenDecision), that the response says what
// was signed or proven (check, verdict, restrictions, log index), and that
// it answers this request.
func VerifyDecision(doc []byte, v note.Verifier, request []byte) (*Decision, error) {
	doc = bytes.TrimSpace(doc)
	var ans *checkAnswer
	msg := string(doc) + "\n"
	if len(doc) > 0 && doc[0] == '{' {
		ans = &checkAnswer{}
		if err := json.Unmarshal(doc, ans); err != nil {
			return nil, fmt.Errorf("check response: %w", err)
		}
		if ans.Signature == "" {
			return nil, fmt.Errorf("check response: no signature")
		}
		msg = ans.Signature
	}
	d, err := OpenDecision(msg, v)
	if err != nil {
		return nil, err
	}
	if ans != nil {
		var ids []string
		for _, m := range ans.Matches {
			ids = append(ids, m.RestrictionID)
		}
		switch {
		case ans.CheckID != d.CheckID:
			return nil, fmt.Errorf("the response names check %q, the signature %q", ans.CheckID, d.CheckID)
		case ans.Decision != d.Verdict:
			return nil, fmt.Errorf("the response says %q, the signature %q", ans.Decision, d.Verdict)
		case ans.LogIndex == nil || *ans.LogIndex != d.LogIndex:
			return nil, fmt.Errorf("the response's log_index is not the signed %d", d.LogIndex)
		case !slices.Equal(ids, d.RestrictionIDs):
			return nil, fmt.Errorf("the response's matches %v are not the signed %v", ids, d.RestrictionIDs)
		}
	}
	if request != nil && RequestHash(request) != d.Request {
		return nil, fmt.Errorf("the decision was signed over another request (%s, this one is %s)", d.Request, RequestHash(request))
	}
	return d, nil
}
