package prom

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// BorderStats is what a border node reports at scrape time.
type BorderStats struct {
	Restrictions int
	Indexed      int
	Applied      int64
	Refused      int64
	DataAsOf     time.Time
}

// borderCollector reads a node's state when Prometheus scrapes.
type borderCollector struct {
	node  string
	stats func() BorderStats
	descs map[string]*prometheus.Desc
}

// RegisterBorder exposes a border node's freshness and size.
func (m *Metrics) RegisterBorder(node string, stats func() BorderStats) {
	l := prometheus.Labels{"node": node}
	c := &borderCollector{node: node, stats: stats, descs: map[string]*prometheus.Desc{
		"held":      prometheus.NewDesc("trex_border_restrictions", "Restrictions held in the replica, in force or not.", nil, l),
		"indexed":   prometheus.NewDesc("trex_border_indexed", "Active restrictions in the screening index.", nil, l),
		"applied":   prometheus.NewDesc("trex_border_changes_applied_total", "Restriction changes applied since start.", nil, l),
		"refused":   prometheus.NewDesc("trex_border_envelopes_refused_total", "Envelopes refused (unsigned, tampered, unknown key, replay) since start.", nil, l),
		"staleness": prometheus.NewDesc("trex_border_data_age_seconds", "Seconds since the node last knew it had every change.", nil, l),
	}}
	m.Registry.MustRegister(c)
}

// Describe implements prometheus.Collector.
func (c *borderCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.descs {
		ch <- d
	}
}

// Collect implements prometheus.Collector: it reads the node now.
func (c *borderCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats()
	ch <- prometheus.MustNewConstMetric(c.descs["held"], prometheus.GaugeValue, float64(s.Restrictions))
	ch <- prometheus.MustNewConstMetric(c.descs["indexed"], prometheus.GaugeValue, float64(s.Indexed))
	ch <- prometheus.MustNewConstMetric(c.descs["applied"], prometheus.CounterValue, float64(s.Applied))
	ch <- prometheus.MustNewConstMetric(c.descs["refused"], prometheus.CounterValue, float64(s.Refused))
	age := -1.0 // never caught up
	if !s.DataAsOf.IsZero() {
		age = time.Since(s.DataAsOf).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(c.descs["staleness"], prometheus.GaugeValue, age)
}
