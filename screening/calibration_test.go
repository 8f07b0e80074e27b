package screening

import (
	"strconv"
	"testing"

	"trex"
	"trex/synth"
)

// TestCalibrationFollowsTheRegister holds that the chance model's
// estimates come from the register: birth dates spread over the synthetic
// population's sixty-odd years, namesakes grow with the register, and the
// share of persons a near birth date still singles out falls as they do.
func TestCalibrationFollowsTheRegister(t *testing.T) {
	gen := synth.New(31)
	ix := New()
	var small Calibration
	n := 40_000
	if raceDetector {
		n = 20_000
	}
	for i := 0; i < n; i++ {
		ix.Put(trex.Subject{Key: strconv.Itoa(i), Person: gen.Person()})
		if i == 4_999 {
			small = ix.Calibration()
		}
	}
	big := ix.Calibration()
	t.Logf("5k: %+v", small)
	t.Logf("%d: %+v", n, big)
	days := 64 * 365.25 // synth's birth years, 1945-2008
	if big.BirthDays < 0.8*days || big.BirthDays > 1.2*days {
		t.Errorf("birth days %.0f, want about %.0f", big.BirthDays, days)
	}
	if big.Records != n || big.NearDates < 7 || big.NearDates > maxNearDates {
		t.Errorf("records %d, near dates %.2f", big.Records, big.NearDates)
	}
	if big.Namesakes.P90 <= small.Namesakes.P90 || big.ChanceNear.P90 <= small.ChanceNear.P90 {
		t.Errorf("namesakes did not grow with the register: %+v then %+v", small.Namesakes, big.Namesakes)
	}
	if big.NearDistinguishable >= small.NearDistinguishable || big.NearDistinguishable <= 0 {
		t.Errorf("near dates told apart %.3f at 5k, %.3f at 40k: want fewer, but some, in the larger register",
			small.NearDistinguishable, big.NearDistinguishable)
	}
	// Removing every record empties the statistics.
	for i := 0; i < n; i++ {
		ix.Remove(strconv.Itoa(i))
	}
	if c := ix.Calibration(); c.Records != 0 || c.Names != 0 || ix.stats.dated != 0 || ix.stats.dateCollisions != 0 || len(ix.tokens.bySkel) != 0 {
		t.Errorf("after removing all: %+v, dated %d, collisions %d, skeletons %d", c, ix.stats.dated, ix.stats.dateCollisions, len(ix.tokens.bySkel))
	}
}
