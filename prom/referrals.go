package prom

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"

	"trex"
)

// RegisterReferrals exposes how many referred or hit checks wait for a
// supervisor (trex_referrals_open) and how long the oldest has waited
// (trex_referrals_oldest_age_seconds, 0 when none waits). An unreadable
// queue reports nothing rather than a false zero.
func (m *Metrics) RegisterReferrals(stats func(context.Context) (trex.ReferralStats, error)) {
	m.Registry.MustRegister(&scrapeGauges[trex.ReferralStats]{
		read: stats,
		values: func(s trex.ReferralStats) []float64 {
			return []float64{float64(s.Open), ageSeconds(s.Oldest)}
		},
		descs: []*prometheus.Desc{
			prometheus.NewDesc("trex_referrals_open", "Referred or hit checks no supervisor has resolved yet.", nil, nil),
			prometheus.NewDesc("trex_referrals_oldest_age_seconds", "Seconds the oldest unresolved referral has waited (0 when none waits).", nil, nil),
		},
	})
}
