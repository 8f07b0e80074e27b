package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"trex"
)

// statusOf maps each domain error code to one HTTP status. This is the only
// place that mapping exists.
var statusOf = map[string]int{
	trex.EINVALID:      http.StatusBadRequest,
	trex.ENOTFOUND:     http.StatusNotFound,
	trex.ECONFLICT:     http.StatusConflict,
	trex.EUNAUTHORIZED: http.StatusUnauthorized,
	trex.EFORBIDDEN:    http.StatusForbidden,
	trex.ERATELIMIT:    http.StatusTooManyRequests,
	trex.EUNAVAILABLE:  http.StatusServiceUnavailable,
	trex.EINTERNAL:     http.StatusInternalServerError,
	EMETHOD:            http.StatusMethodNotAllowed,
	ENOTACCEPTABLE:     http.StatusNotAcceptable,
}

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance,omitempty"`
	Code     string `json:"code"`
}

// problem writes err as application/problem+json.
func (s *Server) problem(w http.ResponseWriter, r *http.Request, err error) {
	code := trex.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		code, status = trex.EINVALID, http.StatusRequestEntityTooLarge
	}
	if status >= 500 {
		s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	p := Problem{
		Type:     "urn:trex:problem:" + code,
		Title:    http.StatusText(status),
		Status:   status,
		Detail:   trex.ErrorMessage(err),
		Instance: r.URL.Path,
		Code:     code,
	}
	if mbe != nil {
		p.Detail = fmt.Sprintf("request body is larger than the limit of %d MiB", max(mbe.Limit>>20, 1))
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusServiceUnavailable && w.Header().Get("Retry-After") == "" {
		// Something the request needs is down for now: say when to try
		// again rather than leave clients to hammer it.
		w.Header().Set("Retry-After", "5")
	}
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
