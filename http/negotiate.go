package http

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"trex"
)

// Error codes of HTTP itself, mapped to their status in statusOf.
const (
	EMETHOD        = "method_not_allowed" // the path exists but does not take the method
	ENOTACCEPTABLE = "not_acceptable"     // the endpoint cannot answer in any type the caller accepts
)

// Media types the API answers in.
const (
	typeJSON    = "application/json"
	typeEDIFACT = "application/edifact"
)

// jsonOnly is what most endpoints produce.
var jsonOnly = []string{typeJSON}

// manifestTypes are what POST /v1/manifests produces: JSON, or a CUSRES
// interchange as UN/EDIFACT.
var manifestTypes = []string{typeJSON, typeEDIFACT}

// produces returns the media types the route pattern answers in, the
// server's preference first; nil means the route is not negotiated (the
// OpenAPI document and the Prometheus metrics, which have their own
// formats). Every other route answers JSON, whoever registered it.
func produces(pattern string) []string {
	switch pattern {
	case "GET /openapi.yaml", "GET /metrics":
		return nil
	case "POST /v1/manifests":
		return manifestTypes
	case "GET /v1/audit/checkpoint":
		return []string{"text/plain"}
	}
	return jsonOnly
}

// negotiate refuses, with 406, a request whose Accept header admits none of
// offers, before anything else is done for it.
func (s *Server) negotiate(offers []string, next http.Handler) http.Handler {
	if offers == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept := r.Header.Values("Accept")
		if preferred(accept, offers) == "" {
			s.problem(w, r, trex.Errorf(ENOTACCEPTABLE, "Accept %q: this endpoint answers in %s", strings.Join(accept, ", "), strings.Join(offers, " or ")))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// preferred returns the offer the Accept header values rank highest (ties
// go to the earlier offer), the first offer when there is no Accept header,
// and "" when the header admits none of them.
func preferred(accept []string, offers []string) string {
	if len(offers) == 0 {
		return ""
	}
	var ranges []string
	for _, v := range accept {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				ranges = append(ranges, part)
			}
		}
	}
	if len(ranges) == 0 {
		return offers[0]
	}
	best, bestQ := "", 0.0
	for _, offer := range offers {
		if q := quality(ranges, offer); q > bestQ {
			best, bestQ = offer, q
		}
	}
	return best
}

// quality is the q value the most specific of ranges that matches offer
// gives it, or 0.
func quality(ranges []string, offer string) float64 {
	q, specificity := 0.0, -1
	for _, rng := range ranges {
		mt, params, err := mime.ParseMediaType(rng)
		if err != nil {
			continue
		}
		spec := -1
		switch {
		case mt == offer:
			spec = 2
		case mt == "*/*":
			spec = 0
		case strings.HasSuffix(mt, "/*") && strings.HasPrefix(offer, strings.TrimSuffix(mt, "*")):
			spec = 1
		}
		if spec <= specificity {
			continue
		}
		rq := 1.0
		if v, ok := params["q"]; ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 || f > 1 {
				continue
			}
			rq = f
		}
		q, specificity = rq, spec
	}
	return q
}
