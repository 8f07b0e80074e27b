package screening

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"trex"
)

// hugeName is a surname of n letters, different for each i.
func hugeName(i, n int) string {
	prefix := fmt.Sprintf("%c%c%c", 'A'+i%26, 'A'+i/26%26, 'A'+i/676%26)
	return prefix + strings.Repeat("KOVALENKO", n/9)
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Checks and subjects with huge names leave nothing of their size behind:
// a check is refused with a clear error, a subject's name is cut, the
// caches are bounded by bytes and the matcher reads a bounded part of
// each name.
func TestHugeNamesDoNotGrowTheHeap(t *testing.T) {
	ix := New()
	ix.Put(trex.Subject{Key: "R1", Person: trex.Person{Names: []trex.Name{{Surname: "KOVALENKO", Given: "OLENA"}},
		BirthDate: trex.MustPartialDate("1980-01-02")}})
	before := heapInUse()
	for i := 0; i < 50; i++ {
		q := trex.Person{Names: []trex.Name{{Surname: hugeName(i, 450_000), Given: "OLENA"}},
			BirthDate: trex.MustPartialDate("1980-01-02"), Documents: []trex.Document{{Number: hugeName(i, 100_000)}}}
		if _, _, err := ix.Match(context.Background(), q, nil); trex.ErrorCode(err) != trex.EINVALID {
			t.Fatalf("check with a 450k-letter surname: %v, want an EINVALID error", err)
		}
		// Just within the limit: read, within the token limits.
		q.Names[0].Surname = hugeName(i, maxNameBytes-3)
		matchAll(ix, q)
		ix.Put(trex.Subject{Key: fmt.Sprint("huge", i), Person: trex.Person{Names: []trex.Name{{Surname: hugeName(i+100, 450_000), Given: hugeName(i+200, 450_000)}},
			BirthDate: trex.MustPartialDate("1980-01-02"), Documents: []trex.Document{{Number: hugeName(i, 100_000)}}}})
	}
	after := heapInUse()
	growth := int64(after) - int64(before)
	t.Logf("heap growth after 50 checks and 50 subjects with 450k-letter names: %.1f MiB", float64(growth)/(1<<20))
	if growth > 8<<20 {
		t.Errorf("heap grew by %.1f MiB for good after 50 huge-name checks and subjects; want it bounded (< 8 MiB)", float64(growth)/(1<<20))
	}
	if b := ix.qtokens.bytes(); b > maxQueryTokenBytes {
		t.Errorf("query token cache holds %d bytes, above its bound %d", b, maxQueryTokenBytes)
	}
}

// The query token cache stays within its byte bound however many distinct
// tokens pass through it, and keeps serving the tokens in use.
func TestQueryTokenCacheIsBoundedByBytes(t *testing.T) {
	var c queryTokens
	for i := 0; i < 30_000; i++ {
		c.get(hugeName(i, 60))
		if i%1000 == 0 {
			c.get("IVANOV")
		}
	}
	if b := c.bytes(); b > maxQueryTokenBytes || b < maxQueryTokenBytes/4 {
		t.Errorf("cache holds %d bytes, want at most %d (and more than a quarter of it in use)", b, maxQueryTokenBytes)
	}
	f := c.get("IVANOV")
	if g := c.get("IVANOV"); f != g {
		t.Errorf("a token in use was not kept")
	}
}

// The tokens of a huge name are cut, and cut tokens do not pin the input.
func TestNameTokensAreBounded(t *testing.T) {
	many := strings.Repeat("ANNA ", 1000)
	toks := nameTokens(trex.Name{Surname: hugeName(0, 450_000), Given: many})
	if len(toks) > maxTokens {
		t.Errorf("%d tokens, want at most %d", len(toks), maxTokens)
	}
	for _, tk := range toks {
		if n := len([]rune(tk.text)); n > maxTokenLetters {
			t.Errorf("token of %d letters, want at most %d", n, maxTokenLetters)
		}
	}
}

// A long name-only check ends when its context does, with the context's
// error rather than a verdict.
func TestMatchStopsWhenTheContextEnds(t *testing.T) {
	ix := New()
	for i := 0; i < 5000; i++ {
		ix.Put(trex.Subject{Key: fmt.Sprint(i), Person: trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN"}},
			BirthDate: trex.PartialDate{Year: 1950 + i%50, Month: 1 + i%12, Day: 1 + i%28}}})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seen := 0
	stopEarly := func(string) bool {
		if seen++; seen == 10 {
			cancel() // the deadline passes while candidates are being scored
		}
		return true
	}
	_, ms, err := ix.Match(ctx, trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN"}}}, stopEarly)
	if err == nil {
		t.Errorf("match cancelled during the search returned %d matches and no error", len(ms))
	}
	if seen > 10+checkEvery {
		t.Errorf("%d candidates looked at after cancellation, want at most %d", seen-10, checkEvery)
	}
}

// The token table follows the register: tokens of removed subjects are
// dropped, so that churn does not grow the index for good.
func TestTokenTableFollowsTheRegister(t *testing.T) {
	ix := New()
	keep := trex.Subject{Key: "keep", Person: trex.Person{Names: []trex.Name{{Surname: "Иванов", Given: "Сергей", Patronymic: "Петрович"}}}}
	ix.Put(keep)
	base := ix.tokens.live()
	for round := 0; round < 3; round++ {
		for i := 0; i < 2000; i++ {
			ix.Put(trex.Subject{Key: fmt.Sprint(i), Person: trex.Person{Names: []trex.Name{{Surname: hugeName(i+round*2000, 30), Given: "SERGEY"}},
				BirthDate: trex.MustPartialDate("1980-01-02")}})
		}
		for i := 0; i < 2000; i++ {
			ix.Remove(fmt.Sprint(i))
		}
	}
	if n := ix.tokens.live(); n != base {
		t.Errorf("token table holds %d tokens after churn, want %d (those of the subject still indexed)", n, base)
	}
	if len(ix.tokens.toks) > 2000*2+base {
		t.Errorf("token table grew to %d slots over churn of 2000 subjects", len(ix.tokens.toks))
	}
	// The subject still indexed still matches.
	if v, _ := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "SERGEI"}}}); v != trex.Refer {
		t.Errorf("after churn: %s, want the kept subject referred", v)
	}
}

// The table of shared nationality strings stays within its bound however
// many distinct lists subjects bring.
func TestInternTableIsBounded(t *testing.T) {
	ix := New()
	for i := 0; i < 20_000; i++ {
		ix.Put(trex.Subject{Key: fmt.Sprint(i), Person: trex.Person{Names: []trex.Name{{Surname: "IVANOV"}},
			Nationality: []string{hugeName(i, 30), hugeName(i+1, 30)}}})
	}
	if ix.strBytes > maxInternBytes {
		t.Errorf("intern table holds %d bytes, above %d", ix.strBytes, maxInternBytes)
	}
}
