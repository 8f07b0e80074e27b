package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
)

// maxAPIAnswer bounds an API answer the console reads.
const maxAPIAnswer = 8 << 20

// Problem is an API error answer (RFC 9457 problem details), as the
// console shows it: the message, and the form field it names, if any.
type Problem struct {
	Status int    `json:"status"`
	Code   string `json:"code"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
	// RetryAfter is the API's Retry-After header, if it sent one.
	RetryAfter string `json:"-"`
}

// Error is the problem's detail.
func (p *Problem) Error() string { return fmt.Sprintf("%d %s: %s", p.Status, p.Code, p.Detail) }

// fieldPrefix is how the API names a field in a detail: "reason_code: ...",
// "traveller.birthDate: ...".
var fieldPrefix = regexp.MustCompile(`^([a-z][a-z0-9_]*)(?:[.\[][^:\s]*)?(?: "[^"]*"| [0-9]+)?:`)

// Field is the request field the problem names ("reason_code"), or "".
func (p *Problem) Field() string {
	if m := fieldPrefix.FindStringSubmatch(p.Detail); m != nil {
		return m[1]
	}
	return ""
}

// memoryWriter is an http.ResponseWriter that keeps a bounded answer.
type memoryWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
	over   bool
}

func (m *memoryWriter) Header() http.Header { return m.header }

func (m *memoryWriter) WriteHeader(status int) {
	if m.status == 0 {
		m.status = status
	}
}

func (m *memoryWriter) Write(b []byte) (int, error) {
	if m.status == 0 {
		m.status = http.StatusOK
	}
	if m.body.Len()+len(b) > maxAPIAnswer {
		m.over = true
		return 0, fmt.Errorf("web: API answer larger than %d bytes", maxAPIAnswer)
	}
	return m.body.Write(b)
}

// callAPI sends one request to the process's API handler, as the
// browser's user: their bearer token (if any) and the browser's address,
// so that the API authorizes, budgets and audits it as its own. A 2xx
// answer is decoded into out (when out is not nil); an error answer
// comes back as a *Problem; any other error is the console's own.
func callAPI(ctx context.Context, api http.Handler, remoteAddr, token, method, path string, body, out any) (*Problem, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("web: encode %s %s: %w", method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, path, rd)
	if err != nil {
		return nil, fmt.Errorf("web: %s %s: %w", method, path, err)
	}
	req.RemoteAddr = remoteAddr
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	w := &memoryWriter{header: http.Header{}}
	api.ServeHTTP(w, req)
	if w.over {
		return nil, fmt.Errorf("web: %s %s: answer larger than %d bytes", method, path, maxAPIAnswer)
	}
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.status >= 300 {
		p := &Problem{Status: w.status}
		if err := json.Unmarshal(w.body.Bytes(), p); err != nil || p.Detail == "" {
			p.Detail = strings.TrimSpace(http.StatusText(w.status))
		}
		p.Status = w.status
		p.RetryAfter = w.header.Get("Retry-After")
		return p, nil
	}
	if out != nil {
		if err := json.Unmarshal(w.body.Bytes(), out); err != nil {
			return nil, fmt.Errorf("web: read answer of %s %s: %w", method, path, err)
		}
	}
	return nil, nil
}
