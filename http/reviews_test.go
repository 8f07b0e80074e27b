package http_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"trex"
	"trex/registry"
)

// TestReviewQueueAndLapse: a court order reviewed every 30 days appears on
// its issuer's review queue (and no other's) once due, a review takes it
// off, and left unreviewed past its next date it lapses into a lift that
// reaches the border node like any other.
func TestReviewQueueAndLapse(t *testing.T) {
	f := newFixture(t)
	kinds := trex.DefaultKinds()
	for i := range kinds {
		if kinds[i].Name == trex.KindCourtOrder {
			kinds[i].ReviewDays, kinds[i].LapseUnreviewed = 30, true
		}
	}
	f.db.Kinds, f.api.Kinds = kinds, kinds
	code, out, _ := f.do(t, "POST", "/v1/restrictions", f.tokens["issuer"], createBody(time.Now().Add(200*24*time.Hour)))
	if code != http.StatusCreated {
		t.Fatalf("create: %d %v", code, out)
	}
	id := out["id"].(string)
	f.waitIndexed(t, id)
	queue := func(token string) []any {
		t.Helper()
		code, out, _ := f.do(t, "GET", "/v1/reviews", token, "")
		if code != http.StatusOK {
			t.Fatalf("review queue: %d %v", code, out)
		}
		return out["reviews"].([]any)
	}
	if q := queue(f.tokens["issuer"]); len(q) != 0 {
		t.Fatalf("queue before the review is due: %v", q)
	}
	start := time.Now()
	f.api.Now = func() time.Time { return start.Add(31 * 24 * time.Hour) }
	q := queue(f.tokens["issuer"])
	if len(q) != 1 {
		t.Fatalf("queue when due: %v", q)
	}
	item := q[0].(map[string]any)
	if item["restriction_id"] != id || item["lapses"] != true || item["overdue_seconds"].(float64) < 24*3600 {
		t.Errorf("queue item = %v", item)
	}
	if q := queue(f.tokens["issuer-other"]); len(q) != 0 {
		t.Errorf("another authority sees %v", q)
	}
	if code, out, _ := f.do(t, "POST", "/v1/restrictions/"+id+"/review", f.tokens["issuer-other"], `{}`); code != http.StatusNotFound {
		t.Errorf("another authority reviews: %d %v", code, out)
	}
	code, out, _ = f.do(t, "POST", "/v1/restrictions/"+id+"/review", f.tokens["issuer"], `{"reason": "the order stands"}`)
	if code != http.StatusOK || out["review_due"] == nil {
		t.Fatalf("review: %d %v", code, out)
	}
	if q := queue(f.tokens["issuer"]); len(q) != 0 {
		t.Errorf("queue after the review: %v", q)
	}
	if code, _, _ := f.do(t, "GET", "/v1/reviews?limit=0", f.tokens["issuer"], ""); code != http.StatusBadRequest {
		t.Errorf("limit=0: %d, want 400", code)
	}

	// Not reviewed again: at the next date it lapses, and the border stops it.
	lc := &registry.Lifecycle{Store: f.db, Log: f.api.Log, Now: func() time.Time { return start.Add(62 * 24 * time.Hour) }}
	if lapsed, _, err := lc.Sweep(context.Background()); err != nil || lapsed != 1 {
		t.Fatalf("sweep: lapsed %d, %v", lapsed, err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for f.node.Restriction(id).Status != trex.StatusLifted {
		if time.Now().After(deadline) {
			t.Fatalf("the lapse never reached the node: %s", f.node.Restriction(id).Status)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := f.node.Restriction(id); got.Version != 2 || got.LiftReason == "" {
		t.Errorf("node holds %s v%d (%q)", got.Status, got.Version, got.LiftReason)
	}
}
