package audit

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// decisionProofHeader is the first line of a decision proven in the log.
const decisionProofHeader = "trex decision v2"

// Evidence is a check's decision as evidence that needs no signature of
// its own: the check's entry as the log holds it (the request's hash, the
// verdict, the restrictions matched), its index, an inclusion proof of it
// in the tree it was committed in, and the checkpoint of that tree the log
// signed once for the whole batch. Anyone with the node's public key can
// verify it offline (OpenDecision), one decision at a time:
//
//	trex decision v2
//	log_index N
//	entry BASE64(entry bytes)
//	proof BASE64(hash)      (one line per proof hash)
//
//	SIGNED CHECKPOINT NOTE
func (r Receipt) Evidence() (string, error) {
	if r.Checkpoint == nil || r.Entry == nil {
		return "", fmt.Errorf("audit receipt %d: no signed checkpoint", r.Index)
	}
	p, err := r.InclusionProof()
	if err != nil {
		return "", fmt.Errorf("prove entry %d in the tree of %d: %w", r.Index, r.TreeSize, err)
	}
	enc := base64.StdEncoding
	idx := strconv.AppendInt(make([]byte, 0, 20), r.Index, 10)
	var b strings.Builder
	b.Grow(len(decisionProofHeader) + len("\nlog_index ") + len(idx) + len("\nentry ") + enc.EncodedLen(len(r.Entry)) +
		len(p)*(len("\nproof ")+enc.EncodedLen(tlog.HashSize)) + len("\n\n") + len(r.Checkpoint))
	b.WriteString(decisionProofHeader)
	b.WriteString("\nlog_index ")
	b.Write(idx)
	b.WriteString("\nentry ")
	writeBase64(&b, r.Entry)
	for _, h := range p {
		b.WriteString("\nproof ")
		writeBase64(&b, h[:])
	}
	b.WriteString("\n\n")
	b.Write(r.Checkpoint)
	return b.String(), nil
}

// writeBase64 writes data to b in standard base64, through a small buffer
// rather than a string of its own.
func writeBase64(b *strings.Builder, data []byte) {
	const chunk = 48 // a multiple of 3: only the last chunk is padded
	var out [64]byte
	for len(data) > 0 {
		n := min(chunk, len(data))
		base64.StdEncoding.Encode(out[:], data[:n])
		b.Write(out[:base64.StdEncoding.EncodedLen(n)])
		data = data[n:]
	}
}

// openDecisionProof verifies a decision proven in the log (Evidence): the
// checkpoint's signature with v, and the entry's inclusion in the tree it
// signs; the decision is then read from the entry.
func openDecisionProof(msg string, v note.Verifier) (*Decision, error) {
	head, cpNote, ok := strings.Cut(msg, "\n\n")
	if !ok {
		return nil, fmt.Errorf("decision: no signed checkpoint after the proof")
	}
	cp, err := OpenCheckpoint([]byte(cpNote), v)
	if err != nil {
		return nil, fmt.Errorf("decision: %w", err)
	}
	lines := strings.Split(head, "\n")
	if len(lines) < 3 || lines[0] != decisionProofHeader {
		return nil, fmt.Errorf("decision: not a %q proof", decisionProofHeader)
	}
	idxText, ok1 := strings.CutPrefix(lines[1], "log_index ")
	entryText, ok2 := strings.CutPrefix(lines[2], "entry ")
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("decision: want log_index and entry lines")
	}
	idx, err := strconv.ParseInt(idxText, 10, 64)
	if err != nil || idx < 0 || idx >= cp.Size {
		return nil, fmt.Errorf("decision: log_index %q is not in the signed tree of %d entries", idxText, cp.Size)
	}
	data, err := base64.StdEncoding.DecodeString(entryText)
	if err != nil {
		return nil, fmt.Errorf("decision: entry: %w", err)
	}
	proof := make(tlog.RecordProof, 0, len(lines)-3)
	for i, line := range lines[3:] {
		text, ok := strings.CutPrefix(line, "proof ")
		h, err := base64.StdEncoding.DecodeString(text)
		if !ok || err != nil || len(h) != tlog.HashSize {
			return nil, fmt.Errorf("decision: line %d: want a proof hash", i+4)
		}
		proof = append(proof, tlog.Hash(h))
	}
	if err := tlog.CheckRecord(proof, cp.Size, cp.Root, idx, tlog.RecordHash(data)); err != nil {
		return nil, fmt.Errorf("decision: the entry is not entry %d of the signed tree of %d entries: %w", idx, cp.Size, err)
	}
	e, err := DecodeEntry(data)
	if err != nil {
		return nil, fmt.Errorf("decision: %w", err)
	}
	if e.Type != TypeCheck {
		return nil, fmt.Errorf("decision: entry %d is a %q, not a check", idx, e.Type)
	}
	d := &Decision{Origin: cp.Origin, CheckID: e.CheckID, Request: e.Request, Verdict: e.Decision,
		LogIndex: idx, TreeSize: cp.Size, Root: cp.Root, Entry: e}
	for _, m := range e.Matches {
		d.RestrictionIDs = append(d.RestrictionIDs, m.RestrictionID)
	}
	return d, nil
}
