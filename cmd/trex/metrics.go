package main

import (
	"net/http"

	"trex/prom"
)

// withMetrics serves /metrics beside the API and counts the API's
// requests; a border node also reports its freshness and index size, and
// an API that screens its travellers not screened (notScreened).
func withMetrics(api http.Handler, b *borderNode, notScreened ...func() map[string]int64) http.Handler {
	m := prom.New()
	for _, counts := range notScreened {
		m.RegisterTravellerRefusals(counts)
	}
	if b != nil {
		node := b.Node
		m.RegisterBorder(node.ID, func() prom.BorderStats {
			st := node.Stats()
			return prom.BorderStats{Restrictions: st.Restrictions, Indexed: st.Indexed, Applied: st.Applied, Refused: st.Refused, DataAsOf: st.DataAsOf}
		})
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	mux.Handle("/", m.Instrument(api))
	return mux
}
