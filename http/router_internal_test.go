package http

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestRoutesAddedOutsideRouteAreNegotiatedAndDocumented: a route put on the
// router directly (as /readyz is) is refused with 406 for an Accept it
// cannot meet, answers a wrong method with 405, and appears in the OpenAPI
// document the process serves; a route not served is not in the document.
func TestRoutesAddedOutsideRouteAreNegotiatedAndDocumented(t *testing.T) {
	s := &Server{}
	h := s.Handler()
	if strings.Contains(string(OpenAPIFor(s.mux.has)), "\n  /metrics:") {
		t.Fatal("the document lists /metrics, which this server does not serve")
	}
	do := func(method, path, accept string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := do("GET", "/readyz", "text/html"); rec.Code != http.StatusNotAcceptable || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("Accept text/html: %d %s", rec.Code, rec.Body)
	}
	if rec := do("GET", "/readyz", "application/json"); rec.Code != http.StatusOK {
		t.Errorf("Accept application/json: %d %s", rec.Code, rec.Body)
	}
	if rec := do("DELETE", "/readyz", ""); rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("DELETE: %d Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
	doc := do("GET", "/openapi.yaml", "text/html").Body.String()
	if !strings.Contains(doc, "\n  /readyz:\n    get:") {
		t.Errorf("the document does not list GET /readyz:\n%s", doc)
	}
	// The document and metrics keep their own formats: no JSON is forced on them.
	if rec := do("GET", "/openapi.yaml", "application/yaml"); rec.Code != http.StatusOK {
		t.Errorf("GET /openapi.yaml Accept application/yaml: %d", rec.Code)
	}
}
