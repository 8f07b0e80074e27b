package main

import (
	"net/http"

	"trex/prom"
)

// withMetrics serves /metrics beside the API and counts the API's
// requests; a border node also reports its freshness and index size, a
// registry its outbox.
func withMetrics(api http.Handler, b *borderNode, reg *registryNode) http.Handler {
	m := prom.New()
	if reg != nil {
		m.RegisterOutbox(reg.DB.OutboxStats)
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
