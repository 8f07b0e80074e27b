package bench_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"trex"
	"trex/bench"
	"trex/mrz"
)

// TestQueriesAreRealistic: the queries mix unlisted travellers with listed
// persons met in every way a booth meets them, and each is what it says:
// an MRZ query is a zone that reads with valid check digits, a birth-date
// error differs from the record, a typo differs from every correct
// spelling.
func TestQueriesAreRealistic(t *testing.T) {
	register := bench.Register(5, 500)
	qs := bench.Queries(register, 6, 2000, 0.5)
	kinds := map[string]int{}
	for _, q := range qs {
		kinds[q.Kind]++
		if (q.Kind == bench.KindUnlisted) != (q.Listed < 0) {
			t.Fatalf("%s query with listed index %d", q.Kind, q.Listed)
		}
		var body map[string]json.RawMessage
		if err := json.Unmarshal(q.Body, &body); err != nil {
			t.Fatalf("%s query body: %v", q.Kind, err)
		}
		switch q.Kind {
		case bench.KindMRZ:
			var text string
			json.Unmarshal(body["mrz"], &text)
			z, err := mrz.Parse(text)
			if err != nil {
				t.Fatalf("MRZ query does not read: %v\n%s", err, text)
			}
			if z.BirthDate != register[q.Listed].BirthDate {
				t.Errorf("MRZ birth date %v, record %v", z.BirthDate, register[q.Listed].BirthDate)
			}
		case bench.KindDOBError:
			if q.Person.BirthDate == register[q.Listed].BirthDate {
				t.Errorf("a birth-date error query carries the recorded date %v", q.Person.BirthDate)
			}
		default:
			if _, ok := body["traveller"]; !ok {
				t.Fatalf("%s query without a traveller: %s", q.Kind, q.Body)
			}
		}
	}
	for _, k := range []string{bench.KindUnlisted, bench.KindSystem, bench.KindTypo, bench.KindDOBError, bench.KindMRZ} {
		if kinds[k] < 100 {
			t.Errorf("only %d %s queries in 2,000: %v", kinds[k], k, kinds)
		}
	}
	if kinds[bench.KindUnlisted] < 800 || kinds[bench.KindUnlisted] > 1200 {
		t.Errorf("%d unlisted of 2,000, want about half", kinds[bench.KindUnlisted])
	}
	spellings := map[string]bool{}
	for _, q := range qs {
		if q.Kind == bench.KindSystem {
			spellings[q.Person.Names[0].Given] = true
		}
	}
	if len(spellings) < 20 {
		t.Errorf("only %d given-name spellings: the romanisation systems are not mixed", len(spellings))
	}
}

// TestRunBoundsWhatIsInFlight: the load generator never has more
// operations in flight than its workers, runs each exactly once, and
// counts failures.
func TestRunBoundsWhatIsInFlight(t *testing.T) {
	var inFlight, peak atomic.Int64
	var mu sync.Mutex
	seen := map[int]int{}
	boom := errors.New("boom")
	r := bench.Run(context.Background(), 500, 8, func(_ context.Context, i int) error {
		n := inFlight.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(100 * time.Microsecond)
		inFlight.Add(-1)
		mu.Lock()
		seen[i]++
		mu.Unlock()
		if i%100 == 0 {
			return boom
		}
		return nil
	})
	if peak.Load() > 8 {
		t.Errorf("%d operations in flight, bound 8", peak.Load())
	}
	if r.N != 500 || len(seen) != 500 || r.Errors != 5 || !errors.Is(r.FirstErr, boom) {
		t.Errorf("result %+v, %d distinct operations", r, len(seen))
	}
	for i, n := range seen {
		if n != 1 {
			t.Errorf("operation %d ran %d times", i, n)
		}
	}
	if r.P99 < r.P50 || r.P50 <= 0 || r.PerSecond <= 0 {
		t.Errorf("latencies p50 %v p99 %v, %.0f/s", r.P50, r.P99, r.PerSecond)
	}
}

// TestPropagationTimesEveryDelivery: with nodes that receive each
// restriction a known delay after its create, every delivery is timed
// from its create, and a node that never receives is reported, not waited
// for forever.
func TestPropagationTimesEveryDelivery(t *testing.T) {
	var mu sync.Mutex
	arrived := map[string]time.Time{}
	create := func(_ context.Context, r *trex.Restriction) error {
		mu.Lock()
		r.ID = "R" + time.Now().Format("150405.000000000") + r.LegalBasis
		arrived[r.ID] = time.Now().Add(30 * time.Millisecond)
		mu.Unlock()
		return nil
	}
	holds := func(id string) bool {
		mu.Lock()
		defer mu.Unlock()
		at, ok := arrived[id]
		return ok && time.Now().After(at)
	}
	rs := bench.Restrictions(1, 200, "district-court")
	for i, r := range rs {
		r.LegalBasis = string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	lat, _, err := bench.Propagation(context.Background(), rs, 4, 0, create, []bench.Holds{holds, holds}, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(lat) != 400 {
		t.Fatalf("%d deliveries timed, want 400", len(lat))
	}
	if p := bench.Percentile(lat, 0); p < 30*time.Millisecond {
		t.Errorf("fastest delivery %v, before the node had it", p)
	}
	never := func(string) bool { return false }
	if _, _, err := bench.Propagation(context.Background(), rs[:5], 2, 0, create, []bench.Holds{never}, 200*time.Millisecond); err == nil {
		t.Error("a node that never receives was not reported")
	}
}

// TestBirthDateErrorsAreDates: every birth date a query carries is one a
// form accepts, so that no check of a large run is refused as invalid.
func TestBirthDateErrorsAreDates(t *testing.T) {
	register := bench.Register(9, 20000)
	for _, q := range bench.Queries(register, 10, 20000, 0.2) {
		if d := q.Person.BirthDate; d.IsFull() {
			if _, err := trex.ParsePartialDate(d.String()); err != nil {
				t.Fatalf("%s query with birth date %v: %v", q.Kind, d, err)
			}
		}
	}
}
