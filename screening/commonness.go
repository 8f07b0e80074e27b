package screening

import "math"

// Shares of birth dates that a near or partial date relation admits by
// chance: about ten near dates among some 22,000 days of birth in a
// register; a known year is one of about sixty, a known month one of 720.
const nearDateShare = 10.0 / 22000

func partialDateShare(a, b uint32) float64 {
	da, db := unpackDate(a), unpackDate(b)
	if da.Month != 0 && db.Month != 0 {
		return 1.0 / 720
	}
	return 1.0 / 60
}

// commonness weighs how many namesakes of rec the register should hold
// whose birth date relates to the traveller's by chance alone (dateShare
// is the chance of that relation). For rare names it is about zero; for a
// name thousands share, a near or partial date cannot single out one of
// them, and the weight pushes the candidate below the refer threshold.
func (x *Index) commonness(rec *record, dateShare float64) float64 {
	sur, giv := noGate, noGate
	for _, t := range rec.toks {
		if t == nameBreak {
			break
		}
		switch t & 3 {
		case roleSurname, roleUnknown:
			if sur == noGate {
				sur = t >> 2
			} else if giv == noGate && t&3 == roleUnknown {
				giv = t >> 2
			}
		case roleGiven:
			if giv == noGate {
				giv = t >> 2
			}
		}
	}
	n := float64(len(x.byKey))
	if sur == noGate || giv == noGate || n == 0 {
		return 0
	}
	namesakes := float64(x.tokens.holders[sur]) * float64(x.tokens.holders[giv]) / n
	expected := namesakes * dateShare
	return -x.Weights.Commonness * math.Log1p(20*expected)
}
