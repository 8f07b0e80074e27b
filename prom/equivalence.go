package prom

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// EquivalenceStats is what a border node's self-check (border.SelfCheck)
// reports at scrape time.
type EquivalenceStats struct {
	Rounds, Unreachable, Compared int64
	// Divergent counts divergences by kind; every kind should be present,
	// at zero, so that an alert can tell "none" from "not reported".
	Divergent  map[string]int64
	LastAgreed time.Time
}

type equivalenceCollector struct {
	stats                                            func() EquivalenceStats
	rounds, unreachable, compared, divergent, agreed *prometheus.Desc
}

// RegisterEquivalence exposes a border node's replica self-check:
// trex_replica_equivalence_rounds_total, _unreachable_total (rounds the
// registry did not answer), _compared_total (restrictions compared),
// _divergent_total by kind, and _last_agreed_age_seconds (-1: never).
func (m *Metrics) RegisterEquivalence(node string, stats func() EquivalenceStats) {
	l := prometheus.Labels{"node": node}
	m.Registry.MustRegister(&equivalenceCollector{stats: stats,
		rounds:      prometheus.NewDesc("trex_replica_equivalence_rounds_total", "Self-check rounds comparing the replica with the registry.", nil, l),
		unreachable: prometheus.NewDesc("trex_replica_equivalence_unreachable_total", "Self-check rounds the registry did not answer.", nil, l),
		compared:    prometheus.NewDesc("trex_replica_equivalence_compared_total", "Restrictions compared with the registry's view.", nil, l),
		divergent:   prometheus.NewDesc("trex_replica_equivalence_divergent_total", "Restrictions on which the replica diverged from the registry, by kind.", []string{"kind"}, l),
		agreed:      prometheus.NewDesc("trex_replica_equivalence_last_agreed_age_seconds", "Seconds since a self-check round last found the replica equivalent (-1: never).", nil, l),
	})
}

// Describe implements prometheus.Collector.
func (c *equivalenceCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.rounds, c.unreachable, c.compared, c.divergent, c.agreed} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *equivalenceCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats()
	ch <- prometheus.MustNewConstMetric(c.rounds, prometheus.CounterValue, float64(s.Rounds))
	ch <- prometheus.MustNewConstMetric(c.unreachable, prometheus.CounterValue, float64(s.Unreachable))
	ch <- prometheus.MustNewConstMetric(c.compared, prometheus.CounterValue, float64(s.Compared))
	for kind, n := range s.Divergent {
		ch <- prometheus.MustNewConstMetric(c.divergent, prometheus.CounterValue, float64(n), kind)
	}
	age := -1.0
	if !s.LastAgreed.IsZero() {
		age = time.Since(s.LastAgreed).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(c.agreed, prometheus.GaugeValue, age)
}
