package prom

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// RegisterAppeals exposes how many pending appeals are past the deadline
// of their restriction's kind (trex_appeals_overdue), so that an
// authority that falls behind is seen.
func (m *Metrics) RegisterAppeals(overdue func(ctx context.Context, now time.Time) (int, error)) {
	m.Registry.MustRegister(&scrapeGauges[int]{
		read:   func(ctx context.Context) (int, error) { return overdue(ctx, time.Now()) },
		values: func(n int) []float64 { return []float64{float64(n)} },
		descs: []*prometheus.Desc{
			prometheus.NewDesc("trex_appeals_overdue", "Pending appeals past the decision deadline of their restriction's kind.", nil, nil),
		},
		up: prometheus.NewDesc("trex_appeals_readable", "1 if the appeals could be read at scrape time.", nil, nil),
	})
}
