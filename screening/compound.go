package screening

// compoundPartMissing is what a part of a compound surname costs when the
// document carries another part but not this one (Римский-Корсаков on a
// document that reads KORSAKOV).
const compoundPartMissing = -0.5

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
