package prom

import "github.com/prometheus/client_golang/prometheus"

// refusalCollector reads, at scrape time, how many travellers sent in
// checks and manifests were not screened, by reason.
type refusalCollector struct {
	desc   *prometheus.Desc
	counts func() map[string]int64
}

// RegisterTravellerRefusals exposes trex_travellers_not_screened_total by
// reason ("incomplete", "failed", "cancelled"), read from counts.
func (m *Metrics) RegisterTravellerRefusals(counts func() map[string]int64) {
	m.Registry.MustRegister(&refusalCollector{counts: counts, desc: prometheus.NewDesc("trex_travellers_not_screened_total",
		"Travellers sent in checks and manifests that were not screened, by reason.", []string{"reason"}, nil)})
}

// Describe implements prometheus.Collector.
func (c *refusalCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

// Collect implements prometheus.Collector.
func (c *refusalCollector) Collect(ch chan<- prometheus.Metric) {
	for reason, n := range c.counts() {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(n), reason)
	}
}
