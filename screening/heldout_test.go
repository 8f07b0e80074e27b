package screening

import (
	"context"
	"testing"
)

// The held-out split: a synth seed no weight or threshold was tuned on,
// and the error model border checks are believed to meet. A traveller's
// document renders the name under the rule in force when it was issued
// (mostly ICAO 9303, some earlier passport rules, BGN/PCGN or everyday
// English on other documents, a few spelled letter by letter in no one
// system); a few names carry a typing error, a few birth dates a
// data-entry error; some documents add the patronymic, some swap the
// order; a quarter of listed travellers show a passport the register
// holds. Unlisted travellers are other persons of the same population.
const (
	heldOutSeed     = 2026
	heldOutRegister = 50_000
	heldOutQueries  = 3000
	// heldOutPopulationSeed seeds the split drawn from synth's population
	// model, and heldOutPopulationRecall is the overall recall it holds
	// (with false flags at most 0.2%, namesakes born the same day
	// included): the deployment's bar, which this split meets at 50,000
	// records. The figures as the register grows to two million (trex
	// screen --split population --size 2000000) are in the README: the
	// near-date limit tightens with the register, so near-date false
	// flags stay flat, while namesakes born the same day grow with it.
	heldOutPopulationSeed   = 2027
	heldOutPopulationRecall = 0.995
)

// TestQualityHeldOut measures recall, false flags and hit precision on
// two held-out splits (see RunSplit): synth's few hundred names, which
// make namesakes far commoner than in life, and synth's population model.
// trex screen --split prints the same figures.
func TestQualityHeldOut(t *testing.T) {
	size, queries := heldOutRegister, heldOutQueries
	if raceDetector {
		size, queries = heldOutRegister/4, heldOutQueries/2
	}
	for _, population := range []bool{false, true} {
		seed := uint64(heldOutSeed)
		if population {
			seed = heldOutPopulationSeed
		}
		rep, err := RunSplit(context.Background(), SplitConfig{Population: population, Seed: seed, Records: size, Queries: queries})
		if err != nil {
			t.Fatal(err)
		}
		t.Log(rep.String())
		holdSplit(t, rep)
	}
}

// A grown held-out split: the population model at a seed no weight,
// threshold or rule was tuned on, with a register four times the default
// split's, so that namesakes and chance agreements are common enough to
// count (the bars are the deployment's: recall 0.995, false flags 0.2%
// with namesakes born the same day, every hit right).
const (
	grownSplitSeed    = 4049
	grownSplitRecords = 200_000
	grownSplitQueries = 8000
)

// TestQualityHeldOutGrownRegister screens the grown held-out split (trex
// screen --split population --seed 4049 --size 200000 --split-queries
// 8000 prints the same figures).
func TestQualityHeldOutGrownRegister(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("a register of 200,000 records: not in -short or race runs (TestQualityHeldOut covers the split at 50,000)")
	}
	rep, err := RunSplit(context.Background(), SplitConfig{Population: true, Seed: grownSplitSeed, Records: grownSplitRecords, Queries: grownSplitQueries})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(rep.String())
	holdSplit(t, rep)
}

// holdSplit asserts the bars a deployment needs on a held-out split.
func holdSplit(t *testing.T, rep SplitReport) {
	t.Helper()
	name := rep.Generator
	minRecall := 0.985
	if rep.Generator == "population" {
		minRecall = heldOutPopulationRecall
	}
	// Overall recall on synth's names gives up the birth-date errors of
	// names so common in the register that a near date cannot single one
	// person out (see the chance model); every other kind is held at 0.995
	// below.
	if r := rep.Recall(); r < minRecall {
		t.Errorf("%s: recall %.4f, want >= %.3f", name, r, minRecall)
	}
	for _, c := range []string{"clean", "patronymic", "swapped", "clean+document"} {
		if tl := rep.ByCategory[c]; tl != nil && tl.Recall() < 0.995 {
			t.Errorf("%s: %s: recall %.4f, want >= 0.995", name, c, tl.Recall())
		}
	}
	if r := share(rep.ToldApartFound, rep.ToldApart); r < 0.95 {
		t.Errorf("%s: birth-date errors the register can tell apart: recall %.4f, want >= 0.95", name, r)
	}
	if f := rep.FalseFlagsBeyondTwins(); f > 0.002 {
		t.Errorf("%s: unlisted travellers without a namesake born the same day: false flags %.4f, want <= 0.002", name, f)
	}
	// Referrals resting on a near birth date are held within the budget
	// the decision limit is worked out from (twice it, for the noise of
	// a few thousand draws); documents never coincide.
	if f := share(rep.FlagCauses[causeNearDate], rep.All.Unlisted); f > 2*DefaultWeights().NearDateFlags {
		t.Errorf("%s: unlisted travellers referred on a near birth date %.4f, want <= %.4f", name, f, 2*DefaultWeights().NearDateFlags)
	}
	if n := rep.FlagCauses[causeDocument]; n > 0 {
		t.Errorf("%s: %d unlisted travellers referred on a document number they do not share", name, n)
	}
	if rep.Generator == "population" && rep.FalseFlags() > 0.002 {
		t.Errorf("%s: false flags %.4f, want <= 0.002", name, rep.FalseFlags())
	}
	if rep.All.Hits == 0 {
		t.Errorf("%s: no hits: listed travellers showing their passport should hit", name)
	} else if p := rep.HitPrecision(); p < 1 {
		t.Errorf("%s: hit precision %.4f, want 1", name, p)
	}
}
