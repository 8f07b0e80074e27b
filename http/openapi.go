package http

import (
	"bytes"
	_ "embed"
	"net/http"
	"strings"
)

// openAPI documents every route any trex process may serve. Each process
// serves the part of it that matches the routes it registered (see
// OpenAPIFor).
//
//go:embed openapi.yaml
var openAPI []byte

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/yaml")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(OpenAPIFor(s.mux.has))
}

// OpenAPIFor returns the OpenAPI document restricted to the operations
// served reports as registered ("GET /v1/me"); a path none of whose
// operations is served is left out. The document carries no servers
// list, so its paths are relative to where it was fetched.
func OpenAPIFor(served func(pattern string) bool) []byte {
	var (
		out, item, op bytes.Buffer
		inPaths       bool
		path, method  string
		kept          int
	)
	flushOp := func() {
		if method != "" && served(strings.ToUpper(method)+" "+path) {
			item.Write(op.Bytes())
			kept++
		}
		op.Reset()
		method = ""
	}
	flushItem := func() {
		flushOp()
		if path != "" && kept > 0 {
			out.Write(item.Bytes())
		}
		item.Reset()
		path, kept = "", 0
	}
	for _, line := range strings.SplitAfter(string(openAPI), "\n") {
		trimmed := strings.TrimRight(line, "\n")
		indent := len(trimmed) - len(strings.TrimLeft(trimmed, " "))
		switch {
		case trimmed == "":
			if method != "" {
				op.WriteString(line)
			} else if path != "" {
				item.WriteString(line)
			} else {
				out.WriteString(line)
			}
			continue
		case indent == 0:
			flushItem()
			inPaths = trimmed == "paths:"
			out.WriteString(line)
			continue
		case !inPaths:
			out.WriteString(line)
			continue
		case indent == 2 && strings.HasSuffix(trimmed, ":"):
			flushItem()
			path = strings.TrimSuffix(strings.TrimSpace(trimmed), ":")
			item.WriteString(line)
			continue
		case indent == 4:
			flushOp()
			if m, ok := strings.CutSuffix(strings.TrimSpace(trimmed), ":"); ok && isMethod(m) {
				method = m
				op.WriteString(line)
				continue
			}
		}
		if method != "" {
			op.WriteString(line)
		} else {
			item.WriteString(line)
		}
	}
	flushItem()
	return out.Bytes()
}

func isMethod(s string) bool {
	switch s {
	case "get", "put", "post", "delete", "options", "head", "patch", "trace":
		return true
	}
	return false
}
