package screening

// gateAhead is how many postings of a birth-date list the surname gate
// warms at once (see warmSurnames).
const gateAhead = 16

// gatedDatePostings calls each with the records born on packed date k
// whose surname token gate admits (all of them when gate is nil), in the
// order dobPostings gives them, and reports whether each asked for more.
//
// The postings are read a batch at a time, the surname tokens of the
// batch warmed first: a register of realistic names has tens of thousands
// of surnames, so the gate meets most of them cold, and waiting for one
// token's cache misses at a time would be most of a check's work.
func (x *Index) gatedDatePostings(k uint32, gate func(surnameTok uint32) bool, each func(id uint32, how uint8) bool) bool {
	visit := func(ps []posting, base bool) bool {
		for len(ps) > 0 {
			batch := ps[:min(gateAhead, len(ps))]
			ps = ps[len(batch):]
			if gate != nil && !plainComparisons {
				x.warmSurnames(batch)
			}
			for _, p := range batch {
				if base && x.base.removed(p.id) {
					continue
				}
				if p.surname != noGate && gate != nil && !gate(p.surname) {
					continue
				}
				if !each(p.id, viaDate) {
					return false
				}
			}
		}
		return true
	}
	return visit(x.base.dates.get(k), true) && visit(x.byDOB[k], false)
}

// warmSurnames reads, for each posting of ps with a gated surname, one
// field in each cache line of the fields of its surname token that the
// gate compares first (textSum to skel0Pairs, see tokenForms), the loads
// one after another with nothing waiting on them, so that the processor
// overlaps their cache misses. What it read goes to warmSink, so that the
// compiler keeps the loads. (Warming what the token's slices point to as
// well was measured, and saved nothing more: most pairs of tokens are
// told apart before the slices are read.)
func (x *Index) warmSurnames(ps []posting) {
	var toks [gateAhead]*tokenForms
	n := 0
	for _, p := range ps {
		if p.surname != noGate && int(p.surname) < len(x.tokens.toks) {
			toks[n] = x.tokens.toks[p.surname]
			n++
		}
	}
	var sum uint64
	for _, t := range toks[:n] {
		if t != nil {
			sum += t.textSum + t.altBits.skels + t.skelEnv.any + t.formEnv.any + t.skel0Pairs
		}
	}
	warmSink.Add(uint32(sum))
}
