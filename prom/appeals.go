package prom

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// appealsCollector counts overdue appeals when Prometheus scrapes.
type appealsCollector struct {
	overdue func(ctx context.Context, now time.Time) (int, error)
	desc    *prometheus.Desc
	up      *prometheus.Desc
}

// RegisterAppeals exposes how many pending appeals are past the deadline
// of their restriction's kind (trex_appeals_overdue), so that an
// authority that falls behind is seen.
func (m *Metrics) RegisterAppeals(overdue func(ctx context.Context, now time.Time) (int, error)) {
	m.Registry.MustRegister(&appealsCollector{
		overdue: overdue,
		desc:    prometheus.NewDesc("trex_appeals_overdue", "Pending appeals past the decision deadline of their restriction's kind.", nil, nil),
		up:      prometheus.NewDesc("trex_appeals_readable", "1 if the appeals could be read at scrape time.", nil, nil),
	})
}

// Describe implements prometheus.Collector.
func (c *appealsCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.desc
	ch <- c.up
}

// Collect implements prometheus.Collector: it counts now.
func (c *appealsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n, err := c.overdue(ctx, time.Now())
	if err != nil {
		ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 1)
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n))
}
