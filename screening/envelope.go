package screening

import "math/bits"

// typoEnvelope bounds what a token's skeletons (or its forms) can be: the
// shortest and longest, the fewest and most letters of each histogram bin
// (see letterCounts), and the letter pairs every one of them holds. Two
// envelopes far enough apart prove that no skeleton (form) of one token is
// within a typo of any skeleton (form) of the other, without comparing the
// pairs: most tokens a check meets are a different name, and a token has
// several skeletons and more forms.
type typoEnvelope struct {
	lo, hi         uint64 // per-bin minimum and maximum count, four bits a bin
	all, any       uint64 // bigram bits in every member, in some member
	minLen, maxLen int32
}

// envelopeOf builds the envelope of strings with the given histograms,
// bigram signatures and lengths.
func envelopeOf(counts, sigs []uint64, lens func(i int) int32) typoEnvelope {
	if len(counts) == 0 {
		return typoEnvelope{}
	}
	e := typoEnvelope{lo: counts[0], hi: counts[0], all: sigs[0], any: sigs[0], minLen: lens(0), maxLen: lens(0)}
	for i := 1; i < len(counts); i++ {
		e.lo, e.hi = binMin(e.lo, counts[i]), binMax(e.hi, counts[i])
		e.all &= sigs[i]
		e.any |= sigs[i]
		e.minLen, e.maxLen = min(e.minLen, lens(i)), max(e.maxLen, lens(i))
	}
	return e
}

// binMin and binMax are the per-bin minimum and maximum of two histograms.
func binMin(a, b uint64) uint64 {
	var out uint64
	for s := uint(0); s < 64; s += 4 {
		out |= min(a>>s&15, b>>s&15) << s
	}
	return out
}

func binMax(a, b uint64) uint64 {
	var out uint64
	for s := uint(0); s < 64; s += 4 {
		out |= max(a>>s&15, b>>s&15) << s
	}
	return out
}

// apart reports whether no member of a can be within edit distance limit of
// any member of b, by the tests of mayBeWithin taken over the envelopes:
// the lengths, the letter pairs one member has and the other lacks, and the
// histogram distance, each bounded below for every pair at once. limit
// must bound the limit any pair is compared with.
func (a *typoEnvelope) apart(b *typoEnvelope, limit float64) bool {
	if a.maxLen == 0 || b.maxLen == 0 {
		return false // nothing to bound: leave it to the pairs
	}
	if gap := max(a.minLen-b.maxLen, b.minLen-a.maxLen); float64(gap) > limit {
		return true
	}
	budget := int(4 * limit)
	if bits.OnesCount64(a.all&^b.any) > budget || bits.OnesCount64(b.all&^a.any) > budget {
		return true
	}
	d := 0
	for s := uint(0); s < 64; s += 4 {
		alo, ahi, blo, bhi := int(a.lo>>s&15), int(a.hi>>s&15), int(b.lo>>s&15), int(b.hi>>s&15)
		d += max(0, alo-bhi, blo-ahi)
	}
	return float64(d) > 2*limit
}

// setEnvelopes computes t's envelopes (and skel0Len) from its skeletons
// and forms; call it once they are all in place.
func (t *tokenForms) setEnvelopes() {
	t.skelEnv = envelopeOf(t.skelCounts, t.skelSig, func(i int) int32 { return int32(len(t.skels[i])) })
	t.formEnv = envelopeOf(t.formCounts, t.formSig, func(i int) int32 { return int32(len(t.forms[i])) })
	t.skel0Len, t.skel0Pairs = 0, 0
	if len(t.skelStr) > 0 {
		t.skel0Len = int32(len(t.skelStr[0]))
		t.skel0Pairs = pairBits(t.skelStr[0])
	}
}

// skelTypoApart reports whether no skeleton of q is within a typo of any
// skeleton of r, under the widest limit typoComparison could use for them.
func skelTypoApart(q, r *tokenForms) bool {
	n := int(max(q.skelEnv.maxLen, r.skelEnv.maxLen))
	limit := typoLimit(n)
	if q.script != r.script {
		limit = skelLimit(n)
	}
	return !plainComparisons && q.skelEnv.apart(&r.skelEnv, limit)
}

// formTypoApart is skelTypoApart for the forms.
func formTypoApart(q, r *tokenForms) bool {
	return !plainComparisons && q.formEnv.apart(&r.formEnv, typoLimit(int(max(q.formEnv.maxLen, r.formEnv.maxLen))))
}

// plainComparisons turns the shortcuts that only save work off, so that
// tests can compare every answer with the one the plain path gives.
var plainComparisons = false

// pairBits has one of 64 bits for each pair of adjacent bytes of s. When
// s holds t, every bit of pairBits(t) is in pairBits(s).
func pairBits(s string) uint64 {
	var b uint64
	for i := 1; i < len(s); i++ {
		b |= 1 << ((uint(s[i-1])*31 + uint(s[i])) % 64)
	}
	return b
}
