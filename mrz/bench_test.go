package mrz_test

import "testing"

// BenchmarkRead reads the TD3 specimen, as a passport reader at a
// checkpoint does for every traveller.
func BenchmarkRead(b *testing.B) {
	text := specimens[0].text
	b.ReportAllocs()
	for b.Loop() {
		if _, err := strict.Read(text); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "zones/s")
}
