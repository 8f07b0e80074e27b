package http

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"trex"
)

// writeJSONWithEvidence writes v as writeJSON does, with evidence (a
// decision as evidence, about 1.5 KB of text) added as its last field,
// "signature". The answer is byte for byte what writeJSON gives for v
// with that field, but the evidence is escaped once and not put through
// the indenter, which reads every byte of an answer again: for a check,
// most of them are the evidence's.
// Nothing is written when v cannot be encoded so.
func writeJSONWithEvidence(w http.ResponseWriter, status int, v any, evidence string) error {
	if evidence == "" {
		writeJSON(w, status, v)
		return nil
	}
	body, err := appendEvidenceField(v, evidence)
	if err != nil {
		return trex.Errorf(trex.EINTERNAL, "encode answer: %v", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(body)
	return nil
}

// appendEvidenceField is v encoded and indented as writeJSON does (v must
// encode as a JSON object with at least one field), with the field
// "signature": evidence appended last.
func appendEvidenceField(v any, evidence string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	quoted, err := json.Marshal(evidence)
	if err != nil {
		return nil, err
	}
	head, ok := bytes.CutSuffix(buf.Bytes(), []byte("\n}\n"))
	if !ok || len(head) < 2 {
		return nil, fmt.Errorf("answer %T is not a JSON object with fields", v)
	}
	out := make([]byte, 0, len(head)+len(quoted)+20)
	out = append(out, head...)
	out = append(out, ",\n  \"signature\": "...)
	out = append(out, quoted...)
	out = append(out, "\n}\n"...)
	return out, nil
}
