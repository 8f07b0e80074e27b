package http_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"

	thttp "trex/http"
)

// documentedOperations reads the operations ("GET /v1/me") of an OpenAPI
// document in the layout openapi.yaml keeps: paths at two spaces, methods
// at four.
func documentedOperations(doc string) []string {
	var ops []string
	inPaths, path := false, ""
	for _, line := range strings.Split(doc, "\n") {
		trimmed := strings.TrimSpace(line)
		indent := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case trimmed == "":
		case indent == 0:
			inPaths = trimmed == "paths:"
		case inPaths && indent == 2:
			path = strings.TrimSuffix(trimmed, ":")
		case inPaths && indent == 4:
			switch m := strings.TrimSuffix(trimmed, ":"); m {
			case "get", "post", "put", "patch", "delete", "head", "options":
				ops = append(ops, strings.ToUpper(m)+" "+path)
			}
		}
	}
	sort.Strings(ops)
	return ops
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	data, _ := io.ReadAll(resp.Body)
	return string(data)
}

// TestOpenAPIMatchesTheRouter: each process (a registry as trex serve
// runs it, a border node as trex border runs it, the demo) serves a
// document listing exactly the operations its router has, and each
// documented operation is routed (not 404 or 405).
func TestOpenAPIMatchesTheRouter(t *testing.T) {
	f := newFixture(t)
	metrics := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "# metrics\n") })
	processes := map[string]*thttp.Server{
		"serve":  {Registry: f.api.Registry, Subjects: f.api.Subjects, Tokens: f.api.Tokens, Metrics: metrics},
		"border": {Checks: f.api.Checks, Tokens: f.api.Tokens, Node: "test", Metrics: metrics, Audit: f.api.Audit},
		"demo": {Registry: f.api.Registry, Checks: f.api.Checks, CheckLog: f.api.CheckLog, Subjects: f.api.Subjects,
			Tokens: f.api.Tokens, Node: "test", Metrics: metrics},
	}
	processes["serve"].Lifecycle, processes["demo"].Lifecycle = f.api.Lifecycle, f.api.Lifecycle
	docs := map[string][]string{}
	for name, api := range processes {
		srv := httptest.NewServer(api.Handler())
		defer srv.Close()
		doc := get(t, srv.URL+"/openapi.yaml")
		if strings.Contains(doc, "\nservers:") || strings.Contains(doc, "127.0.0.1") {
			t.Errorf("%s: the document names a server; paths must be relative to where it is served", name)
		}
		documented := documentedOperations(doc)
		routed := api.Patterns()
		sort.Strings(routed)
		for _, op := range routed {
			if _, found := slices.BinarySearch(documented, op); !found {
				t.Errorf("%s: %s is routed but not documented", name, op)
			}
		}
		for _, op := range documented {
			if _, found := slices.BinarySearch(routed, op); !found {
				t.Errorf("%s: %s is documented but not routed", name, op)
			}
			method, path, _ := strings.Cut(op, " ")
			req, _ := http.NewRequest(method, srv.URL+strings.NewReplacer("{id}", "x").Replace(path), nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusNotFound && !strings.Contains(path, "{id}") || resp.StatusCode == http.StatusMethodNotAllowed {
				t.Errorf("%s: %s is documented but answers %d", name, op, resp.StatusCode)
			}
		}
		for _, must := range []string{"GET /healthz", "GET /openapi.yaml", "GET /metrics"} {
			if _, found := slices.BinarySearch(documented, must); !found {
				t.Errorf("%s: %s is not documented", name, must)
			}
		}
		docs[name] = documented
	}
	has := func(process, op string) bool { _, ok := slices.BinarySearch(docs[process], op); return ok }
	if has("border", "POST /v1/restrictions") || has("serve", "POST /v1/checks") || has("serve", "POST /v1/manifests") {
		t.Errorf("a process documents another's endpoints:\nserve  %v\nborder %v", docs["serve"], docs["border"])
	}
	if !has("border", "POST /v1/checks") || !has("serve", "POST /v1/restrictions") || len(docs["demo"]) <= len(docs["serve"]) {
		t.Errorf("a process's own endpoints are missing:\nserve  %v\nborder %v\ndemo   %v", docs["serve"], docs["border"], docs["demo"])
	}
}

// TestOpenAPIManifestSchemasAreComplete: every field a manifest answer
// carries, and every field a JSON manifest may send, is in the schema.
func TestOpenAPIManifestSchemasAreComplete(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	doc := get(t, f.srv.URL+"/openapi.yaml")
	// schema returns the lines of the named schema under components.
	schema := func(name string) string {
		lines := strings.Split(doc, "\n")
		i := slices.Index(lines, "    "+name+":")
		if i < 0 {
			t.Fatalf("schema %s is not in the document", name)
		}
		j := i + 1
		for j < len(lines) && strings.HasPrefix(lines[j], "      ") {
			j++
		}
		return strings.Join(lines[i+1:j], "\n")
	}
	keysOf := func(section string, obj map[string]any, where string) {
		for k := range obj {
			if !strings.Contains(section, " "+k+":") {
				t.Errorf("%s: field %q is not in the schema", where, k)
			}
		}
	}
	js := `{"flight": "XX901", "departure": "IST", "arrival": "SVO", "warnings": [], "travellers": [
		{"role": "passenger", "surname": "KUZNETSOVA", "given_names": "MARIIA", "sex": "F", "birth_date": "1991-05-06", "nationality": "RUS",
		 "document_number": "761112233", "document_type": "P", "references": [{"qualifier": "AVF", "value": "PNR1"}]}]}`
	var req map[string]any
	if err := json.Unmarshal([]byte(js), &req); err != nil {
		t.Fatal(err)
	}
	keysOf(schema("Manifest"), req, "Manifest")
	keysOf(schema("ManifestTraveller"), req["travellers"].([]any)[0].(map[string]any), "ManifestTraveller")
	keysOf(schema("Reference"), req["travellers"].([]any)[0].(map[string]any)["references"].([]any)[0].(map[string]any), "Reference")
	code, body, _ := f.post(t, "/v1/manifests", f.tokens["officer"], "application/json", "", js)
	if code != 200 {
		t.Fatalf("manifest: %d %s", code, body)
	}
	var resp map[string]any
	if err := json.Unmarshal([]byte(body), &resp); err != nil {
		t.Fatal(err)
	}
	answer := schema("ManifestAnswer")
	keysOf(answer, resp, "ManifestAnswer")
	tr := resp["travellers"].([]any)[0].(map[string]any)
	if _, ok := tr["matches"]; !ok {
		t.Fatalf("an officer's answer about the restricted traveller has no matches: %s", body)
	}
	keysOf(answer, tr, "ManifestAnswer.travellers")
	keysOf(schema("Match"), tr["matches"].([]any)[0].(map[string]any), "Match")
}
