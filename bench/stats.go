package bench

import (
	"slices"
	"time"
)

// Percentile returns the p-th percentile (0..1) of lat, sorting it.
func Percentile(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	return lat[int(p*float64(len(lat)-1))]
}

// Micros and Millis express a duration as a float in that unit.
func Micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// Millis expresses a duration in milliseconds.
func Millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
