package audit_test

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"

	"trex/audit"
)

// TestEvidenceIsBuiltInItsCallersBuffer: every check's answer carries its
// evidence, so building it in a buffer the caller reuses allocates nothing
// besides the inclusion proof, with no string of its own for the entry's
// or each proof hash's base64; and the text is the documented one.
func TestEvidenceIsBuiltInItsCallersBuffer(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, "border-a")
	var rc audit.Receipt
	for i := range 300 {
		var err error
		if rc, err = l.Append(context.Background(), checkEntry(i)); err != nil {
			t.Fatal(err)
		}
	}
	proof, err := rc.InclusionProof()
	if err != nil {
		t.Fatal(err)
	}
	if len(proof) == 0 {
		t.Fatal("no proof hashes to encode")
	}
	want := []string{"trex decision v2", "log_index " + strconv.FormatInt(rc.Index, 10), "entry " + base64.StdEncoding.EncodeToString(rc.Entry)}
	for _, h := range proof {
		want = append(want, "proof "+base64.StdEncoding.EncodeToString(h[:]))
	}
	ev, err := rc.Evidence()
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(want, "\n") + "\n\n" + string(rc.Checkpoint); ev != w {
		t.Fatalf("evidence:\n%s\nwant:\n%s", ev, w)
	}
	buf, err := rc.AppendEvidence([]byte("kept"))
	if err != nil || string(buf) != "kept"+ev {
		t.Fatalf("appended evidence: %q, %v; want it after what the buffer held", buf, err)
	}
	proofAllocs := testing.AllocsPerRun(50, func() { rc.InclusionProof() })
	evAllocs := testing.AllocsPerRun(50, func() { buf, _ = rc.AppendEvidence(buf[:0]) })
	if extra := evAllocs - proofAllocs; extra > 0 {
		t.Errorf("evidence in a kept buffer: %.0f allocations besides its proof's %.0f; want none", extra, proofAllocs)
	}
}
