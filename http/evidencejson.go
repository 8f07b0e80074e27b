package http

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"trex"
	"trex/audit"
)

// writeCheckAnswer writes a check's answer v as compact JSON (a check
// answer is read by machines: booths, e-gates, load balancers; indenting
// it cost a tenth of the encoder's time per check), with the evidence of
// rc (when not nil) added as its last field, "signature"
// (writeJSONWithEvidence). The evidence is built in a buffer kept for the
// next answer.
func writeCheckAnswer(w http.ResponseWriter, status int, v any, rc *audit.Receipt) error {
	a := answers.Get().(*answerBuffer)
	defer a.release()
	var evidence []byte
	if rc != nil {
		var err error
		if evidence, err = rc.AppendEvidence(a.evidence[:0]); err != nil {
			return trex.Errorf(trex.EINTERNAL, "decision evidence: %v", err)
		}
		a.evidence = evidence
	}
	return a.write(w, status, v, evidence)
}

// writeJSONWithEvidence writes v as compact JSON, with evidence (a
// decision as evidence, about 1.5 KB of text) added as its last field,
// "signature" when there is any. The answer is byte for byte what
// encoding/json gives for v with that field, but the evidence is escaped
// once, by hand (appendJSONString), and not put through the encoder's
// reflection and validation, which read every byte of it again: for a
// check, most of an answer's bytes are the evidence's. Nothing is written
// when v cannot be encoded so.
func writeJSONWithEvidence(w http.ResponseWriter, status int, v any, evidence []byte) error {
	a := answers.Get().(*answerBuffer)
	defer a.release()
	return a.write(w, status, v, evidence)
}

func (a *answerBuffer) write(w http.ResponseWriter, status int, v any, evidence []byte) error {
	body, err := a.encode(v, evidence)
	if err != nil {
		return trex.Errorf(trex.EINTERNAL, "encode answer: %v", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	// Stated, so that an answer longer than net/http's 2 KB buffer (any
	// with evidence) goes out in one piece and not chunked.
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
	return nil
}

var (
	evidenceFieldName = []byte(`,"signature":`)
	objectEnd         = []byte("}\n")
)

// answerBuffer is an encoder writing to its buffer, and a buffer for a
// check's evidence, kept for the next answer, so that answering does not
// allocate them again.
type answerBuffer struct {
	buf      bytes.Buffer
	enc      *json.Encoder
	evidence []byte
}

var answers = sync.Pool{New: func() any {
	a := &answerBuffer{}
	a.enc = json.NewEncoder(&a.buf)
	return a
}}

// maxKeptAnswer bounds the buffer an answerBuffer keeps for reuse.
const maxKeptAnswer = 64 << 10

func (a *answerBuffer) release() {
	if a.buf.Cap() <= maxKeptAnswer && cap(a.evidence) <= maxKeptAnswer {
		a.buf.Reset()
		answers.Put(a)
	}
}

// encode is the answer: v encoded (v must encode as a JSON object, with
// at least one field when there is evidence), with the field
// "signature": evidence added last when evidence is not empty, escaped
// straight into the buffer. It is valid until a is released.
func (a *answerBuffer) encode(v any, evidence []byte) ([]byte, error) {
	a.buf.Reset()
	if err := a.enc.Encode(v); err != nil {
		return nil, err
	}
	if len(evidence) == 0 {
		return a.buf.Bytes(), nil
	}
	head, ok := bytes.CutSuffix(a.buf.Bytes(), objectEnd)
	if !ok || len(head) < 2 || head[len(head)-1] == '{' {
		return nil, fmt.Errorf("answer %T is not a JSON object with fields", v)
	}
	a.buf.Truncate(len(head))
	a.buf.Write(evidenceFieldName)
	a.buf.Write(appendJSONString(a.buf.AvailableBuffer(), evidence))
	a.buf.Write(objectEnd)
	return a.buf.Bytes(), nil
}
