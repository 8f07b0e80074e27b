package paxlst_test

import (
	"math/rand/v2"
	"testing"

	"trex/paxlst"
)

// BenchmarkRead500 parses a manifest of one message with 500 passengers,
// the load of a wide-body flight.
func BenchmarkRead500(b *testing.B) {
	ic := randomInterchange(rand.New(rand.NewPCG(5, 6)), 500)
	ic.Messages = ic.Messages[:1]
	data, err := paxlst.Encode(ic)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	travellers := 0
	for b.Loop() {
		got, err := reader.Read(data)
		if err != nil {
			b.Fatal(err)
		}
		travellers += len(got.Travellers())
	}
	if travellers != 500*b.N {
		b.Fatalf("read %d travellers in %d runs", travellers, b.N)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/manifest")
	b.ReportMetric(float64(travellers)/b.Elapsed().Seconds(), "travellers/s")
}
