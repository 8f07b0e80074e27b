package audit

import (
	"encoding/base64"
	"fmt"
	"slices"
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
	b, err := r.AppendEvidence(nil)
	return string(b), err
}

// AppendEvidence appends the receipt's Evidence to dst: a caller writing
// many answers reuses one buffer for them all, and the evidence allocates
// nothing but its inclusion proof.
func (r Receipt) AppendEvidence(dst []byte) ([]byte, error) {
	if r.Checkpoint == nil || r.Entry == nil {
		return dst, fmt.Errorf("audit receipt %d: no signed checkpoint", r.Index)
	}
	p, err := r.InclusionProof()
	if err != nil {
		return dst, fmt.Errorf("prove entry %d in the tree of %d: %w", r.Index, r.TreeSize, err)
	}
	enc := base64.StdEncoding
	dst = slices.Grow(dst, r.evidenceLen()+len(p)*(len("\nproof ")+enc.EncodedLen(tlog.HashSize)))
	dst = append(dst, decisionProofHeader...)
	dst = append(dst, "\nlog_index "...)
	dst = strconv.AppendInt(dst, r.Index, 10)
	dst = append(dst, "\nentry "...)
	dst = enc.AppendEncode(dst, r.Entry)
	for _, h := range p {
		dst = append(dst, "\nproof "...)
		dst = enc.AppendEncode(dst, h[:])
	}
	dst = append(dst, "\n\n"...)
	return append(dst, r.Checkpoint...), nil
}

// evidenceLen is the length of the receipt's Evidence but for its proof.
func (r Receipt) evidenceLen() int {
	return len(decisionProofHeader) + len("\nlog_index ") + 20 + len("\nentry ") +
		base64.StdEncoding.EncodedLen(len(r.Entry)) + len("\n\n") + len(r.Checkpoint)
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
