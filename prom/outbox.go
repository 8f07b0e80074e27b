package prom

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"trex"
)

// outboxCollector reads a registry's outbox when Prometheus scrapes.
type outboxCollector struct {
	stats                 func(context.Context) (trex.OutboxStats, error)
	depth, oldest, parked *prometheus.Desc
	up                    *prometheus.Desc
}

// RegisterOutbox exposes how many changes wait to leave the registry, how
// long the oldest has waited, and how many are parked (failed at least
// once and waiting for a retry).
func (m *Metrics) RegisterOutbox(stats func(context.Context) (trex.OutboxStats, error)) {
	m.Registry.MustRegister(&outboxCollector{
		stats:  stats,
		depth:  prometheus.NewDesc("trex_outbox_depth", "Changes not yet published to the exchange, parked or not.", nil, nil),
		oldest: prometheus.NewDesc("trex_outbox_oldest_unpublished_age_seconds", "Seconds the oldest unpublished change has waited (0 when none waits).", nil, nil),
		parked: prometheus.NewDesc("trex_outbox_parked", "Unpublished changes that failed to publish at least once and wait for a retry.", nil, nil),
		up:     prometheus.NewDesc("trex_outbox_readable", "1 if the outbox could be read at scrape time.", nil, nil),
	})
}

// Describe implements prometheus.Collector.
func (c *outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.depth
	ch <- c.oldest
	ch <- c.parked
	ch <- c.up
}

// Collect implements prometheus.Collector: it reads the outbox now.
func (c *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := c.stats(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 1)
	age := 0.0
	if !s.OldestUnpublished.IsZero() {
		age = time.Since(s.OldestUnpublished).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(c.depth, prometheus.GaugeValue, float64(s.Depth))
	ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, age)
	ch <- prometheus.MustNewConstMetric(c.parked, prometheus.GaugeValue, float64(s.Parked))
}
