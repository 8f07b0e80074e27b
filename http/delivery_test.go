package http_test

import (
	"context"
	"testing"
	"time"

	"trex"
)

// TestDeliveryPerBorderNode: the issuer sees, per border node, the newest
// version it applied and whether that is the current one, so a lift not
// yet applied at a node shows that node behind; another authority learns
// nothing, not even that the restriction exists.
func TestDeliveryPerBorderNode(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id := f.create(t)
	f.waitIndexed(t, id)
	iss := f.tokens["issuer"]
	now := time.Now().UTC()
	for _, node := range []string{"west-1", "east-2"} {
		if err := f.db.RecordReceipt(ctx, trex.Receipt{RestrictionID: id, Version: 1, Node: node, Status: trex.StatusActive, AppliedAt: now}); err != nil {
			t.Fatal(err)
		}
	}
	code, out, _ := f.do(t, "GET", "/v1/restrictions/"+id+"/delivery", iss, "")
	nodes, _ := out["nodes"].([]any)
	if code != 200 || len(nodes) != 2 || out["version"] != float64(1) {
		t.Fatalf("delivery: %d %v", code, out)
	}
	for _, n := range nodes {
		if n.(map[string]any)["current"] != true {
			t.Errorf("node holding the current version shown behind: %v", n)
		}
	}

	if code, out, _ := f.do(t, "POST", "/v1/restrictions/"+id+"/lift", iss, `{"reason": "quashed on appeal"}`); code != 200 {
		t.Fatalf("lift: %d %v", code, out)
	}
	deadline := time.Now().Add(2 * time.Second)
	for f.node.Restriction(id) != nil && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := f.db.RecordReceipt(ctx, trex.Receipt{RestrictionID: id, Version: 2, Node: "west-1", Status: trex.StatusLifted, AppliedAt: now.Add(time.Second)}); err != nil {
		t.Fatal(err)
	}
	code, out, _ = f.do(t, "GET", "/v1/restrictions/"+id+"/delivery", iss, "")
	nodes, _ = out["nodes"].([]any)
	if code != 200 || len(nodes) != 2 || out["status"] != "lifted" || out["version"] != float64(2) {
		t.Fatalf("delivery after lift: %d %v", code, out)
	}
	byNode := map[string]map[string]any{}
	for _, n := range nodes {
		m := n.(map[string]any)
		byNode[m["node"].(string)] = m
	}
	if w := byNode["west-1"]; w["current"] != true || w["status"] != "lifted" || w["version"] != float64(2) {
		t.Errorf("west-1 applied the lift: %v", w)
	}
	if e := byNode["east-2"]; e["current"] != false || e["status"] != "active" {
		t.Errorf("east-2 has not applied the lift and must show behind: %v", e)
	}

	if code, out, _ := f.do(t, "GET", "/v1/restrictions/"+id+"/delivery", f.tokens["issuer-other"], ""); code != 404 {
		t.Errorf("another authority: %d %v, want 404", code, out)
	}
	if code, _, _ := f.do(t, "GET", "/v1/restrictions/RNOSUCH/delivery", iss, ""); code != 404 {
		t.Errorf("unknown restriction: %d, want 404", code)
	}
}
