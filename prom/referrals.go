package prom

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"trex"
)

// referralCollector reads a border node's supervisors' queue when
// Prometheus scrapes.
type referralCollector struct {
	stats        func(context.Context) (trex.ReferralStats, error)
	open, oldest *prometheus.Desc
}

// RegisterReferrals exposes how many referred or hit checks wait for a
// supervisor (trex_referrals_open) and how long the oldest has waited
// (trex_referrals_oldest_age_seconds, 0 when none waits).
func (m *Metrics) RegisterReferrals(stats func(context.Context) (trex.ReferralStats, error)) {
	m.Registry.MustRegister(&referralCollector{
		stats:  stats,
		open:   prometheus.NewDesc("trex_referrals_open", "Referred or hit checks no supervisor has resolved yet.", nil, nil),
		oldest: prometheus.NewDesc("trex_referrals_oldest_age_seconds", "Seconds the oldest unresolved referral has waited (0 when none waits).", nil, nil),
	})
}

// Describe implements prometheus.Collector.
func (c *referralCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.open
	ch <- c.oldest
}

// Collect implements prometheus.Collector: it reads the queue now; an
// unreadable queue reports nothing rather than a false zero.
func (c *referralCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := c.stats(ctx)
	if err != nil {
		return
	}
	age := 0.0
	if !s.Oldest.IsZero() {
		age = time.Since(s.Oldest).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(c.open, prometheus.GaugeValue, float64(s.Open))
	ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, age)
}
