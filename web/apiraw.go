package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// APIRaw calls the process's API as the signed-in user with a body that
// is not JSON (an import file) and returns the raw answer of a 2xx (a
// signed checkpoint is text), or the error answer as a *Problem.
func (q *Request) APIRaw(method, path, contentType string, body []byte) ([]byte, *Problem, error) {
	req, err := http.NewRequestWithContext(q.R.Context(), method, path, bytes.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("web: %s %s: %w", method, path, err)
	}
	req.RemoteAddr = q.R.RemoteAddr
	req.Header.Set("Accept", "application/json, text/plain")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if q.Session != nil {
		req.Header.Set("Authorization", "Bearer "+q.Session.Token)
	}
	w := &memoryWriter{header: http.Header{}}
	q.s.API.ServeHTTP(w, req)
	if w.over {
		return nil, nil, fmt.Errorf("web: %s %s: answer larger than %d bytes", method, path, maxAPIAnswer)
	}
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.status >= 300 {
		p := &Problem{Status: w.status}
		if err := json.Unmarshal(w.body.Bytes(), p); err != nil || p.Detail == "" {
			p.Detail = strings.TrimSpace(http.StatusText(w.status))
		}
		p.Status, p.RetryAfter = w.status, w.header.Get("Retry-After")
		return nil, p, nil
	}
	return w.body.Bytes(), nil, nil
}
