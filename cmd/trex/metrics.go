package main

import (
	"net/http"

	"trex"
	thttp "trex/http"
	"trex/prom"
)

// withMetrics has the API serve /metrics (so that its OpenAPI document
// lists it) and counts the API's requests; a border node also reports its
// freshness, index size and supervisors' queue, a registry its outbox, and an API that screens
// its travellers not screened (notScreened).
func withMetrics(api *thttp.Server, b *borderNode, reg *registryNode, notScreened ...func() map[string]int64) http.Handler {
	m := prom.New()
	if reg != nil {
		m.RegisterOutbox(reg.DB.OutboxStats)
		if a, ok := reg.DB.(trex.AppealService); ok {
			m.RegisterAppeals(a.OverdueAppeals)
		}
	}
	for _, counts := range notScreened {
		m.RegisterTravellerRefusals(counts)
	}
	if b != nil {
		node := b.Node
		m.RegisterBorder(node.ID, func() prom.BorderStats {
			st := node.Stats()
			return prom.BorderStats{Restrictions: st.Restrictions, Indexed: st.Indexed, Applied: st.Applied, Refused: st.Refused, DataAsOf: st.DataAsOf}
		})
		m.RegisterReferrals(b.DB.ReferralStats)
		if sc := b.SelfCheck; sc != nil {
			m.RegisterEquivalence(node.ID, func() prom.EquivalenceStats {
				st := sc.Stats()
				return prom.EquivalenceStats{Rounds: st.Rounds, Unreachable: st.Unreachable, Compared: st.Compared, Divergent: st.Divergent, LastAgreed: st.LastAgreed}
			})
		}
	}
	if api.Audit != nil {
		var ws *witnessSet
		if b != nil {
			ws = b.Witnesses
		} else if reg != nil {
			ws = reg.Witnesses
		}
		m.RegisterAudit(api.Audit.Size, api.Audit.LatestSize, ws.SplitViews)
	}
	api.Metrics = m.Handler()
	return m.Instrument(api.Handler())
}
