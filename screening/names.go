package screening

// maxTokens bounds the tokens of one name that take part in a comparison;
// further tokens are ignored (no real name has more).
const maxTokens = 12

// qtok is one token of the traveller's name.
type qtok struct {
	forms *tokenForms
	role  int
	// slot numbers the token among all of the traveller's tokens, across
	// names: it keys the token's comparisons in the memo. -1 when there
	// are more tokens than the memo holds (compared without the memo).
	slot int8
}

// nameResult is how one of the traveller's names compares with one of the
// record's names.
type nameResult struct {
	score float64
	// agree: the surname and the first given name (or, for names without
	// parts, enough of the tokens) match and nothing contradicts.
	agree bool
	// For explanations.
	nq, nr       int
	qOf          [maxTokens]int8 // record token j → traveller token, -1 if none
	rOf          [maxTokens]int8 // traveller token i → record token, -1 if none
	cm           [maxTokens]cmp  // comparison of record token j with its partner
	rRole        [maxTokens]uint8
	rTok         [maxTokens]uint32
	genderOf     int8 // record surname token compared in the other gender's form, -1 if none
	swapped      bool
	contradicts  int8 // traveller token read as a different patronymic, -1 if none
	conflicts    int
	unknownRoles bool
	givenAbsent  bool // the traveller's document carries no given name
	// partContradicted says that a part of the record's compound surname
	// has another part of the traveller's in its place.
	partContradicted bool
}

// scoreName compares the traveller name qs with the record tokens rs
// (tokenID<<2|role, one name).
func (x *Index) scoreName(qs []qtok, rs []uint32, mm *memo) nameResult {
	w := &x.Weights
	var res nameResult
	res.genderOf, res.contradicts = -1, -1
	nq, nr := len(qs), len(rs)
	if nq > maxTokens {
		nq = maxTokens
	}
	if nr > maxTokens {
		nr = maxTokens
	}
	res.nq, res.nr = nq, nr
	var mat [maxTokens][maxTokens]cmp
	for j := 0; j < nr; j++ {
		res.rRole[j] = uint8(rs[j] & 3)
		res.rTok[j] = rs[j] >> 2
		if res.rRole[j] == roleUnknown {
			res.unknownRoles = true
		}
		rf := x.tokens.toks[rs[j]>>2]
		for i := 0; i < nq; i++ {
			mat[i][j] = mm.get(qs[i].slot, qs[i].forms, rs[j]>>2, rf)
			if c := &mat[i][j]; c.out == outTruncated && documentLonger(qs[i].forms, rf) && !(j == nr-1 && recordMRZLong(x, rs[:nr])) {
				// The register holds the shorter name: documents are cut
				// short by their machine-readable zone, registers are
				// not (but for the last part of a name as long as a
				// zone's, which a register filled from zones may hold);
				// HARRISON is not HARRIS cut short. It may still be a
				// typo of another of the record's renderings.
				*c = typoComparison(qs[i].forms, rf)
			} else if c.out == outTruncated && !mrzLong(qs) {
				// A name too short to have been cut by the machine-readable
				// zone: a shortened given name is an abbreviation; a
				// surname counts as cut short only when most of it is kept
				// (VIK is not VIKTOROV).
				switch {
				case res.rRole[j] == roleGiven || res.rRole[j] == rolePatronymic:
					c.out, c.sim = outInitial, 0.5
				case !mostlyKept(qs[i].forms, rf):
					c.out, c.sim = outMismatch, 0
				}
			}
		}
		res.qOf[j] = -1
	}
	x.explainAway(qs[:nq], &res, &mat)
	x.judgeEdits(qs[:nq], &res, &mat)
	for i := 0; i < nq; i++ {
		res.rOf[i] = -1
	}
	// Greedy assignment, best pairs first; ties go to pairs whose roles
	// agree.
	for {
		bi, bj, best := -1, -1, 0.0
		for i := 0; i < nq; i++ {
			if res.rOf[i] >= 0 {
				continue
			}
			for j := 0; j < nr; j++ {
				if res.qOf[j] >= 0 || !mat[i][j].matched() {
					continue
				}
				v := mat[i][j].strength()
				if qr := qs[i].role; qr == int(res.rRole[j]) {
					v += 0.02
				} else if qr == roleGiven && res.rRole[j] == rolePatronymic {
					v += 0.01
				}
				if v > best {
					bi, bj, best = i, j, v
				}
			}
		}
		if bi < 0 {
			break
		}
		res.rOf[bi], res.qOf[bj] = int8(bj), int8(bi)
		res.cm[bj] = mat[bi][bj]
	}
	if res.unmatchedBoth() {
		x.joinTokens(qs, &res)
	}
	if res.unknownRoles {
		x.scoreUnknownRoles(qs, &res)
		return res
	}

	// Names with parts.
	surnameMatched, givenMatched := false, false
	anySurname := false
	for j := 0; j < nr; j++ {
		if res.rRole[j] == roleSurname && res.qOf[j] >= 0 {
			anySurname = true
		}
	}
	hasPatronymic, patronymicMatched := false, false
	firstGiven := true
	queryHasSurname := false
	for i := 0; i < nq; i++ {
		if qs[i].role == roleSurname {
			queryHasSurname = true
		}
	}
	for j := 0; j < nr; j++ {
		c := res.cm[j]
		matched := res.qOf[j] >= 0
		switch res.rRole[j] {
		case roleSurname:
			switch {
			case matched:
				res.score += w.Surname * c.strength()
				if c.out != outInitial {
					surnameMatched = true
				}
				if queryHasSurname && qs[res.qOf[j]].role == roleGiven {
					res.swapped = true
				}
			case anySurname && contradictingSurnamePart(qs, &res):
				// One part of a double surname, and another in its place.
				res.score += w.MissingSurname
				res.partContradicted = true
			case anySurname: // one part of a double surname missing
				res.score += compoundPartMissing
			default:
				gi := -1
				for i := 0; i < nq; i++ {
					if res.rOf[i] < 0 && mat[i][j].out == outGender {
						gi = i
					}
				}
				if gi >= 0 {
					res.genderOf = int8(j)
					res.rOf[gi] = -2 // accounted for
					res.score += w.GenderForm
				} else {
					res.score += w.MissingSurname
				}
			}
		case roleGiven:
			if firstGiven {
				firstGiven = false
				switch {
				case matched:
					res.score += w.Given * c.strength()
					givenMatched = c.out != outInitial
				case !hasGivenTokens(qs):
					// The document carries no given name at all: absent,
					// not contradicting.
					res.score += w.AbsentGiven
					res.givenAbsent = true
				default:
					res.score += w.MissingGiven
				}
			} else if matched {
				res.score += w.OtherGiven * c.strength()
			} else {
				res.score -= 0.3
			}
		case rolePatronymic:
			hasPatronymic = true
			if matched {
				res.score += w.Patronymic * c.strength()
				patronymicMatched = true
			}
		}
	}
	if firstGiven { // the record has no given name
		givenMatched = true
	}
	for i := 0; i < nq; i++ {
		if res.rOf[i] != -1 {
			continue
		}
		f := qs[i].forms
		if queryParticle(qs[:nq], i) {
			continue
		}
		if hasPatronymic && !patronymicMatched && len(f.forms) > 0 && looksPatronymic(f.forms[0]) && res.contradicts < 0 {
			res.contradicts = int8(i)
			res.score += w.ContradictingPatronymic
			continue
		}
		res.score += w.ExtraToken
	}
	if res.swapped {
		res.score += w.Swapped
	}
	res.agree = surnameMatched && givenMatched && res.genderOf < 0 && res.contradicts < 0
	return res
}

// scoreUnknownRoles scores a record name given only in full: by how much of
// each side the other covers, with a penalty for every pair of tokens that
// contradict each other (both sides hold a name the other lacks).
func (x *Index) scoreUnknownRoles(qs []qtok, res *nameResult) {
	w := &x.Weights
	weight := func(f *tokenForms) float64 {
		switch {
		case isParticle(f.forms):
			return 0.2
		case f.isInitial():
			return 0.5
		}
		return 1
	}
	var mq, tq, mr, tr float64
	uq, ur, matched := 0, 0, 0
	for i := 0; i < res.nq; i++ {
		f := qs[i].forms
		wt := weight(f)
		tq += wt
		if j := res.rOf[i]; j >= 0 {
			mq += wt * res.cm[j].strength()
			if wt == 1 {
				matched++
			}
		} else if wt >= 0.5 {
			uq++
		}
	}
	for j := 0; j < res.nr; j++ {
		f := x.tokens.toks[res.rTok[j]]
		wt := weight(f)
		tr += wt
		if res.qOf[j] >= 0 {
			mr += wt * res.cm[j].strength()
		} else if wt >= 0.5 {
			ur++
		}
	}
	if tq == 0 || tr == 0 || matched == 0 {
		res.score = w.MissingSurname + w.MissingGiven
		return
	}
	res.conflicts = min(uq, ur)
	if x.lineageSwapped(qs, res) {
		res.conflicts += 2 // a different person's father and son
	}
	res.score = w.Unknown*(mq/tq+mr/tr)/2 + w.UnknownOffset + w.Conflict*float64(res.conflicts)
	res.agree = res.conflicts == 0 && (matched >= 2 || (res.nq == 1 && res.nr == 1))
}

// lineageParticles introduce a father's (or ancestor's) name: A BIN B is A,
// son of B.
var lineageParticles = map[string]bool{"BIN": true, "IBN": true, "BEN": true, "BINT": true, "BINTI": true, "BINTE": true, "OGLY": true, "KYZY": true}

// lineageSwapped reports whether both names name a father (A BIN B) and
// the fathers are names the other side holds in another place (A BIN B
// against B BIN A): father and son swapped.
func (x *Index) lineageSwapped(qs []qtok, res *nameResult) bool {
	qa := -1
	for i := 0; i+1 < res.nq; i++ {
		if f := qs[i].forms.forms; len(f) > 0 && lineageParticles[f[0]] {
			qa = i + 1
			break
		}
	}
	ra := -1
	for j := 0; j+1 < res.nr; j++ {
		if f := x.tokens.toks[res.rTok[j]].forms; len(f) > 0 && lineageParticles[f[0]] {
			ra = j + 1
			break
		}
	}
	if qa < 0 || ra < 0 {
		return false
	}
	return res.rOf[qa] >= 0 && res.qOf[ra] >= 0 && int(res.rOf[qa]) != ra
}

// joinTokens pairs a traveller token left unmatched with two neighbouring
// unmatched record tokens written as one word (a double surname or a
// double given name run together), and the other way round.
func (x *Index) joinTokens(qs []qtok, res *nameResult) {
	for i := 0; i < res.nq; i++ {
		if res.rOf[i] != -1 {
			continue
		}
		q := qs[i].forms
		for j := 0; j+1 < res.nr; j++ {
			if res.qOf[j] >= 0 || res.qOf[j+1] >= 0 {
				continue
			}
			a, b := x.tokens.toks[res.rTok[j]], x.tokens.toks[res.rTok[j+1]]
			if joinedMatch(q, a, b) {
				res.rOf[i] = int8(j)
				res.qOf[j], res.qOf[j+1] = int8(i), int8(i)
				res.cm[j] = cmp{out: outJoined, sim: 0.95, form: -1}
				res.cm[j+1] = res.cm[j]
				break
			}
		}
	}
	for j := 0; j < res.nr; j++ {
		if res.qOf[j] >= 0 {
			continue
		}
		r := x.tokens.toks[res.rTok[j]]
		for i := 0; i+1 < res.nq; i++ {
			if res.rOf[i] != -1 || res.rOf[i+1] != -1 {
				continue
			}
			if joinedMatch(r, qs[i].forms, qs[i+1].forms) {
				res.qOf[j] = int8(i)
				res.rOf[i], res.rOf[i+1] = int8(j), int8(j)
				res.cm[j] = cmp{out: outJoined, sim: 0.95, form: -1}
				break
			}
		}
	}
}

// joinedMatch reports whether whole reads as a followed by b in one word,
// allowing one typo in the skeletons.
func joinedMatch(whole, a, b *tokenForms) bool {
	if len(a.skelStr) == 0 || len(b.skelStr) == 0 || len(whole.skels) == 0 || a.isInitial() || b.isInitial() {
		return false
	}
	if n := len(whole.skels[0]); n+1 < len(a.skelStr[0])+len(b.skelStr[0])-2 || n < 6 {
		return false
	}
	for _, w := range whole.skels {
		for _, sa := range a.skelStr {
			for _, sb := range b.skelStr {
				j := []rune(sa + sb)
				if len(j) < 6 {
					continue
				}
				if editDistance(w, j, 1) <= 1 {
					return true
				}
			}
		}
	}
	return false
}

// unmatchedBoth reports whether both sides still hold unmatched tokens.
func (res *nameResult) unmatchedBoth() bool {
	q, r := false, false
	for i := 0; i < res.nq; i++ {
		q = q || res.rOf[i] == -1
	}
	for j := 0; j < res.nr; j++ {
		r = r || res.qOf[j] < 0
	}
	return q && r
}

// mrzLong reports whether a traveller's name is long enough to have been
// truncated to fit a machine-readable zone (30 characters on ID cards, 39
// on passports, counting the fillers between the parts).
func mrzLong(qs []qtok) bool {
	n := 1
	for _, q := range qs {
		if len(q.forms.forms) > 0 {
			n += len(q.forms.forms[0]) + 1
		}
	}
	return n >= 28
}

// mostlyKept reports whether one token is the other cut short with at
// least four letters and half of it kept.
func mostlyKept(q, r *tokenForms) bool {
	for _, qf := range q.forms {
		for _, rf := range r.forms {
			short, long := qf, rf
			if len(short) > len(long) {
				short, long = long, short
			}
			if len(short) >= 4 && 2*len(short) >= len(long) && truncationOf(short, long) {
				return true
			}
		}
	}
	return false
}

// hasGivenTokens reports whether the traveller's name holds anything but
// a surname.
func hasGivenTokens(qs []qtok) bool {
	for _, q := range qs {
		if q.role != roleSurname {
			return true
		}
	}
	return false
}

// parts returns, for the parts that name a person (of a name with parts,
// the surname and the given name the traveller's name agrees with best;
// of a name without, its first two tokens), the record token and how the
// traveller's name agrees with it (outMismatch when nothing does); noGate
// for a part the record lacks.
func (res *nameResult) parts() (sur, giv uint32, surOut, givOut outcome) {
	sur, giv = noGate, noGate
	unknown := 0
	for j := 0; j < res.nr; j++ {
		out := outMismatch
		if res.qOf[j] >= 0 {
			out = res.cm[j].out
		}
		// Of a record's several surnames (a compound or double surname)
		// or given names, the part the traveller's name agrees with best
		// is the one whose holders could agree by chance.
		switch role := res.rRole[j]; {
		case role == roleSurname && (sur == noGate || out > surOut):
			sur, surOut = res.rTok[j], out
		case role == roleGiven && (giv == noGate || out > givOut):
			giv, givOut = res.rTok[j], out
		case role == roleUnknown:
			unknown++
			if unknown == 1 && sur == noGate {
				sur, surOut = res.rTok[j], out
			} else if giv == noGate {
				giv, givOut = res.rTok[j], out
			}
		}
	}
	return sur, giv, surOut, givOut
}
