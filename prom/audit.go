package prom

import "github.com/prometheus/client_golang/prometheus"

// RegisterAudit exports a node's audit log: its size, the size of its
// newest signed checkpoint, and, for each log it witnesses, whether that
// log has shown a split view (1) or not (0).
func (m *Metrics) RegisterAudit(size, checkpointSize func() int64, splitViews func() map[string]bool) {
	m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "trex_audit_log_entries", Help: "Entries in this node's audit log.",
	}, func() float64 { return float64(size()) }))
	m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "trex_audit_checkpoint_size", Help: "Entries covered by the newest signed checkpoint of this node's audit log.",
	}, func() float64 { return float64(checkpointSize()) }))
	if splitViews != nil {
		m.Registry.MustRegister(&splitCollector{views: splitViews, desc: prometheus.NewDesc("trex_audit_witness_split_view",
			"1 when the witnessed log (by origin) has shown a checkpoint inconsistent with one seen before.", []string{"origin"}, nil)})
	}
}

type splitCollector struct {
	views func() map[string]bool
	desc  *prometheus.Desc
}

// Describe implements prometheus.Collector.
func (c *splitCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

// Collect implements prometheus.Collector.
func (c *splitCollector) Collect(ch chan<- prometheus.Metric) {
	for origin, split := range c.views() {
		v := 0.0
		if split {
			v = 1
		}
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, v, origin)
	}
}
