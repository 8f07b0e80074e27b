package http_test

import (
	"io"
	"strings"
	"testing"
)

// TestOpenAPIDocumentsEveryRoute keeps the OpenAPI document honest: every
// route the server registers appears in it with its method.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	f := newFixture(t)
	resp, err := f.srv.Client().Get(f.srv.URL + "/openapi.yaml")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /openapi.yaml: %v %v", resp, err)
	}
	buf := new(strings.Builder)
	_, _ = io.Copy(buf, resp.Body)
	resp.Body.Close()
	doc := buf.String()
	routes := f.api.Routes()
	if len(routes) < 10 {
		t.Fatalf("only %d routes registered: %v", len(routes), routes)
	}
	for _, r := range routes {
		method, path, _ := strings.Cut(r, " ")
		i := strings.Index(doc, "\n  "+path+":\n")
		if i < 0 {
			t.Errorf("%s is not documented", path)
			continue
		}
		section := doc[i+1:]
		if j := strings.Index(section[3:], "\n  /"); j >= 0 {
			section = section[:j+3]
		}
		if !strings.Contains(section, "\n    "+strings.ToLower(method)+":") {
			t.Errorf("%s %s: method not documented", method, path)
		}
	}
}
