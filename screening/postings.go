package screening

// without removes id from list (order is not kept); empty calls gone.
func without(list []uint32, id uint32, gone func()) []uint32 {
	for i, v := range list {
		if v == id {
			list[i] = list[len(list)-1]
			list = list[:len(list)-1]
			break
		}
	}
	if len(list) == 0 {
		gone()
		return nil
	}
	return list
}

// posting is a record in a birth-date list, with the token the surname
// gate looks at, so that most candidates are dismissed without touching
// the record.
type posting struct {
	id      uint32
	surname uint32 // surname token of the only name, or noGate
}

// noGate marks a record the surname gate cannot judge from its posting
// (several names, names without parts, no surname, or a surname of
// several parts, any of which a document may carry alone).
const noGate = ^uint32(0)

func gateToken(rec *record) uint32 {
	tok := noGate
	for _, t := range rec.toks {
		switch {
		case t == nameBreak, t&3 == roleUnknown:
			return noGate
		case t&3 == roleSurname && tok == noGate:
			tok = t >> 2
		case t&3 == roleSurname:
			return noGate
		}
	}
	return tok
}

func withoutPosting(list []posting, id uint32, gone func()) []posting {
	for i, v := range list {
		if v.id == id {
			list[i] = list[len(list)-1]
			list = list[:len(list)-1]
			break
		}
	}
	if len(list) == 0 {
		gone()
		return nil
	}
	return list
}
