package prom

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"

	"trex"
)

// RegisterOutbox exposes how many changes wait to leave the registry, how
// long the oldest has waited, and how many are parked (failed at least
// once and waiting for a retry).
func (m *Metrics) RegisterOutbox(stats func(context.Context) (trex.OutboxStats, error)) {
	m.Registry.MustRegister(&scrapeGauges[trex.OutboxStats]{
		read: stats,
		values: func(s trex.OutboxStats) []float64 {
			return []float64{float64(s.Depth), ageSeconds(s.OldestUnpublished), float64(s.Parked)}
		},
		descs: []*prometheus.Desc{
			prometheus.NewDesc("trex_outbox_depth", "Changes not yet published to the exchange, parked or not.", nil, nil),
			prometheus.NewDesc("trex_outbox_oldest_unpublished_age_seconds", "Seconds the oldest unpublished change has waited (0 when none waits).", nil, nil),
			prometheus.NewDesc("trex_outbox_parked", "Unpublished changes that failed to publish at least once and wait for a retry.", nil, nil),
		},
		up: prometheus.NewDesc("trex_outbox_readable", "1 if the outbox could be read at scrape time.", nil, nil),
	})
}
