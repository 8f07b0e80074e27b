package http

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"trex"
)

// decodeJSON reads exactly one JSON object into v, refusing unknown fields,
// trailing data, wrong content types and oversized bodies, with a message
// that says what to fix.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	_, err := readJSON(w, r, v)
	return err
}

// readJSON is decodeJSON that also returns the body as received, for a
// decision signed over its request.
func readJSON(w http.ResponseWriter, r *http.Request, v any) ([]byte, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return nil, trex.Errorf(trex.EINVALID, "Content-Type %q: send application/json", ct)
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		return nil, jsonError(err)
	}
	return body, decodeJSONBody(body, v)
}

// decodeJSONBody reads exactly one JSON object from body into v, as
// decodeJSON does once the body is read.
func decodeJSONBody(body []byte, v any) error {
	if d := jsonDepth(body); d > MaxJSONDepth {
		return trex.Errorf(trex.EINVALID, "request body: JSON nested deeper than %d levels", MaxJSONDepth)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return trex.Errorf(trex.EINVALID, "request body: unexpected data after the JSON object")
	}
	return nil
}

func jsonError(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &mbe):
		return err
	case errors.Is(err, io.EOF):
		return trex.Errorf(trex.EINVALID, "request body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return trex.Errorf(trex.EINVALID, "request body: JSON ends too early")
	case errors.As(err, &syn):
		return trex.Errorf(trex.EINVALID, "request body: malformed JSON at byte %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		return trex.Errorf(trex.EINVALID, "request body: field %q must be %s, not %s", typ.Field, typ.Type, typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return trex.Errorf(trex.EINVALID, "request body: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return trex.Errorf(trex.EINVALID, "request body: %v", err)
}

// parseTime reads an RFC 3339 timestamp field.
func parseTime(field, s string, required bool) (time.Time, error) {
	if s == "" {
		if required {
			return time.Time{}, trex.Errorf(trex.EINVALID, "%s: required (RFC 3339, e.g. 2027-01-31T00:00:00Z)", field)
		}
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, trex.Errorf(trex.EINVALID, "%s: %q is not an RFC 3339 timestamp (e.g. 2027-01-31T00:00:00Z)", field, s)
	}
	return t, nil
}

// MaxJSONDepth bounds how deeply request JSON may nest; trex's own shapes
// need fewer than ten levels.
const MaxJSONDepth = 32

// jsonDepth returns the deepest nesting of objects and arrays in data,
// ignoring brackets inside strings. It does not validate the JSON.
func jsonDepth(data []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range data {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}
