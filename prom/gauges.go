package prom

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// scrapeGauges is a collector that reads a T when Prometheus scrapes and
// reports it as gauges, one value for each of descs. With up set, it also
// reports whether the read succeeded (1 or 0); without, an unreadable T
// reports nothing rather than a false zero.
type scrapeGauges[T any] struct {
	read   func(context.Context) (T, error)
	values func(T) []float64
	descs  []*prometheus.Desc
	up     *prometheus.Desc
}

// Describe implements prometheus.Collector.
func (c *scrapeGauges[T]) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.descs {
		ch <- d
	}
	if c.up != nil {
		ch <- c.up
	}
}

// Collect implements prometheus.Collector: it reads now, within five
// seconds.
func (c *scrapeGauges[T]) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	v, err := c.read(ctx)
	if c.up != nil {
		up := 1.0
		if err != nil {
			up = 0
		}
		ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, up)
	}
	if err != nil {
		return
	}
	for i, x := range c.values(v) {
		ch <- prometheus.MustNewConstMetric(c.descs[i], prometheus.GaugeValue, x)
	}
}

// ageSeconds is how many seconds ago t was; 0 for a zero t (nothing waits).
func ageSeconds(t time.Time) float64 {
	if t.IsZero() {
		return 0
	}
	return time.Since(t).Seconds()
}
