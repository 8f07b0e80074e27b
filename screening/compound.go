package screening

// compoundPartMissing is what a part of a compound surname costs when the
// document carries another part but not this one (Римский-Корсаков on a
// document that reads KORSAKOV).
const compoundPartMissing = -0.5

// A part of a record's compound surname that the document contradicts
// (the document carries a surname part that is none of the record's where
// this one should be: Иванова-Петрова against IVANOVA SIDOROVA) is
// weighed as a missing surname, Weights.MissingSurname: the document names
// another family, and one shared part of a double surname, common as
// both parts often are, does not outweigh it.

// contradictingSurnamePart reports whether the traveller carries a
// surname token (not a particle) that no token of the record matched.
func contradictingSurnamePart(qs []qtok, res *nameResult) bool {
	for i := 0; i < res.nq; i++ {
		if qs[i].role == roleSurname && res.rOf[i] == -1 && !queryParticle(qs[:res.nq], i) {
			return true
		}
	}
	return false
}

// surnamePartMatched reports whether some surname token of the record
// found a counterpart in the traveller's name.
func (n *nameResult) surnamePartMatched() bool {
	for j := 0; j < n.nr; j++ {
		if n.rRole[j] == roleSurname && n.qOf[j] >= 0 {
			return true
		}
	}
	return false
}
