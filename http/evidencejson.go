package http

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"trex"
)

// writeJSONWithEvidence writes v as writeJSON does, with evidence (a
// decision as evidence, about 1.5 KB of text) added as its last field,
// "signature". The answer is byte for byte what writeJSON gives for v
// with that field, but the evidence is escaped once and not put through
// the indenter, which reads every byte of an answer again: for a check,
// most of them are the evidence's. Nothing is written when v cannot be
// encoded so.
func writeJSONWithEvidence(w http.ResponseWriter, status int, v any, evidence string) error {
	if evidence == "" {
		writeJSON(w, status, v)
		return nil
	}
	a := answers.Get().(*answerBuffer)
	defer a.release()
	body, err := a.encode(v, evidence)
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

var (
	evidenceFieldName = []byte(",\n  \"signature\": ")
	objectEnd         = []byte("\n}\n")
)

// answerBuffer is an indenting encoder and a plain one, both writing to
// its buffer, kept for the next answer (the indenting encoder keeps its
// indenting buffer too), so that answering does not allocate them again.
type answerBuffer struct {
	buf    bytes.Buffer
	indent *json.Encoder
	plain  *json.Encoder
}

var answers = sync.Pool{New: func() any {
	a := &answerBuffer{}
	a.indent, a.plain = json.NewEncoder(&a.buf), json.NewEncoder(&a.buf)
	a.indent.SetIndent("", "  ")
	return a
}}

// maxKeptAnswer bounds the buffer an answerBuffer keeps for reuse.
const maxKeptAnswer = 64 << 10

func (a *answerBuffer) release() {
	if a.buf.Cap() <= maxKeptAnswer {
		a.buf.Reset()
		answers.Put(a)
	}
}

// encode is the answer: v encoded and indented as writeJSON does (v must
// encode as a JSON object with at least one field), with the field
// "signature": evidence added last, escaped by the plain encoder straight
// into the buffer. It is valid until a is released.
func (a *answerBuffer) encode(v any, evidence string) ([]byte, error) {
	a.buf.Reset()
	if err := a.indent.Encode(v); err != nil {
		return nil, err
	}
	head, ok := bytes.CutSuffix(a.buf.Bytes(), objectEnd)
	if !ok || len(head) < 2 {
		return nil, fmt.Errorf("answer %T is not a JSON object with fields", v)
	}
	a.buf.Truncate(len(head))
	a.buf.Write(evidenceFieldName)
	if err := a.plain.Encode(evidence); err != nil {
		return nil, err
	}
	a.buf.Truncate(a.buf.Len() - 1) // the encoder's newline
	a.buf.Write(objectEnd)
	return a.buf.Bytes(), nil
}
