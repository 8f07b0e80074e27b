package bench_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"testing"

	"trex"
	"trex/bench"
	"trex/synth"
)

// TestScreenJudgesEveryAnswerTheSameWay: recall counts a listed traveller
// found only when the answer flags them and names that very person (a
// namesake flagged instead does not count), false flags count unlisted
// travellers flagged, and a failed check finds nothing.
func TestScreenJudgesEveryAnswerTheSameWay(t *testing.T) {
	register := bench.Register(5, 300)
	qs := bench.Queries(register, 6, 1000, 0.5)
	boom := errors.New("boom")
	// A system that names the right person for system-spelled queries,
	// a wrong one for typos, fails on MRZ reads, clears the rest, and
	// flags the unlisted travellers born on a day divisible by three.
	var wantListed, wantFound, wantUnlisted, wantFlagged int
	for _, q := range qs {
		switch {
		case q.Listed < 0:
			wantUnlisted++
			if q.Person.BirthDate.Day%3 == 0 {
				wantFlagged++
			}
		default:
			wantListed++
			if q.Kind == bench.KindSystem {
				wantFound++
			}
		}
	}
	s := bench.Screen(context.Background(), qs, len(qs), 4, func(_ context.Context, q bench.Query) (bench.Answer, error) {
		switch {
		case q.Listed < 0:
			return bench.Answer{Flagged: q.Person.BirthDate.Day%3 == 0, Keys: []string{bench.RegisterID(0)}}, nil
		case q.Kind == bench.KindSystem:
			return bench.Answer{Flagged: true, Keys: []string{bench.RegisterID(q.Listed + 1), bench.RegisterID(q.Listed)}}, nil
		case q.Kind == bench.KindTypo:
			return bench.Answer{Flagged: true, Keys: []string{bench.RegisterID(q.Listed + 1)}}, nil
		case q.Kind == bench.KindMRZ:
			return bench.Answer{}, boom
		}
		return bench.Answer{Keys: []string{bench.RegisterID(q.Listed)}}, nil // cleared: naming is not enough
	})
	if s.N != len(qs) || s.Listed != wantListed || s.Unlisted != wantUnlisted {
		t.Fatalf("%d checks, %d listed, %d unlisted; want %d, %d, %d", s.N, s.Listed, s.Unlisted, len(qs), wantListed, wantUnlisted)
	}
	if s.Found != wantFound || s.FalseFlags != wantFlagged || !errors.Is(s.FirstErr, boom) || s.Errors == 0 {
		t.Errorf("found %d (want %d), flagged %d (want %d), errors %d %v", s.Found, wantFound, s.FalseFlags, wantFlagged, s.Errors, s.FirstErr)
	}
	if math.Abs(s.Recall-float64(wantFound)/float64(wantListed)) > 1e-12 || math.Abs(s.FalseFlagRate-float64(wantFlagged)/float64(wantUnlisted)) > 1e-12 {
		t.Errorf("recall %v, false flags %v", s.Recall, s.FalseFlagRate)
	}
	if s.RecallByKind[bench.KindSystem] != 1 || s.RecallByKind[bench.KindTypo] != 0 || s.RecallByKind[bench.KindDOBError] != 0 {
		t.Errorf("recall by kind %v", s.RecallByKind)
	}
}

// TestParseCheckAnswer reads the API's answer as the server writes it
// (indented, evidence last) and refuses what is not a check answer.
func TestParseCheckAnswer(t *testing.T) {
	body := []byte("{\n  \"check_id\": \"c1\",\n  \"decision\": \"refer\",\n  \"matches\": [\n    {\n      \"restriction_id\": \"B00000007\",\n      \"decision\": \"refer\"\n    },\n    {\n      \"restriction_id\": \"B00000009\"\n    }\n  ],\n  \"signature\": \"{\\\"restriction_id\\\":\\\"B00000001\\\"}\"\n}\n")
	a, err := bench.ParseCheckAnswer(body)
	if err != nil || !a.Flagged || len(a.Keys) != 2 || a.Keys[0] != "B00000007" || a.Keys[1] != "B00000009" {
		t.Errorf("%+v, %v", a, err)
	}
	a, err = bench.ParseCheckAnswer([]byte("{\n  \"decision\": \"clear\",\n  \"matches\": []\n}\n"))
	if err != nil || a.Flagged || len(a.Keys) != 0 {
		t.Errorf("clear answer read as %+v, %v", a, err)
	}
	for _, bad := range []string{"", "{}", `{"decision":"maybe"}`, `{"decision":"clear","matches":7}`, "[]", `{"type":"about:blank","status":500}`} {
		if _, err := bench.ParseCheckAnswer([]byte(bad)); err == nil {
			t.Errorf("%q read as a check answer", bad)
		}
	}
}

// referenceAnswer decodes a check answer whole, as encoding/json reads
// it, for comparison with ParseCheckAnswer, which skips the signature.
func referenceAnswer(body []byte) (bench.Answer, bool) {
	var ans struct {
		Decision string `json:"decision"`
		Matches  []struct {
			RestrictionID string `json:"restriction_id"`
		} `json:"matches"`
	}
	if json.Unmarshal(body, &ans) != nil || (ans.Decision != "clear" && ans.Decision != "refer" && ans.Decision != "hit") {
		return bench.Answer{}, false
	}
	a := bench.Answer{Flagged: ans.Decision != "clear", Keys: []string{}}
	for _, m := range ans.Matches {
		a.Keys = append(a.Keys, m.RestrictionID)
	}
	return a, true
}

// TestParseCheckAnswerSkipsOnlyTheSignature: the signature is skipped only
// when it is the answer's last top-level field and a whole JSON string;
// bodies built to fool the cut (a signature in a nested object, escapes
// that are not JSON, a quote or the field's name inside the signature, a
// field after it, a body cut short) read exactly as the whole body does.
func TestParseCheckAnswerSkipsOnlyTheSignature(t *testing.T) {
	for _, body := range []string{
		`{"decision":"hit","matches":[{"restriction_id":"B1"}],"signature":"e30=\",\"signature\":\"x\"}"}`,
		`{"decision":"hit","matches":[{"restriction_id":"B1"}],"signature":"\u00e9\n"}` + "\n",
		`{"decision":"hit","matches":[{"restriction_id":"B1","signature":"x"}]}`,
		`{"decision":"hit","matches":[],"x":{"signature":"s"}}`,
		`{"decision":"hit","matches":[],"x":{"decision":"clear","signature":"s"}}`,
		`{"decision":"hit","matches":[],"signature":"s","decision":"clear"}`,
		`{"decision":"hit","matches":[],"signature":"bad \q escape"}`,
		`{"decision":"hit","matches":[],"signature":"bad \u12 escape"}`,
		`{"decision":"hit","matches":[],"signature":"raw` + "\x01" + `control"}`,
		`{"decision":"hit","matches":[],"signature":"unterminated}`,
		`{"decision":"hit","matches":[],"signature":"s"}}`,
		`{"decision":"hit","matches":[{"restriction_id":"B1"},"signature":"s"}`,
		`{"decision":"clear","matches":[],"signature":""}`,
		`{"signature":"s"}`,
		`,"signature":"s"}`,
	} {
		got, err := bench.ParseCheckAnswer([]byte(body))
		want, ok := referenceAnswer([]byte(body))
		if ok != (err == nil) || (ok && (got.Flagged != want.Flagged || !slices.Equal(got.Keys, want.Keys))) {
			t.Errorf("%s: read as %+v, %v; whole, as %+v, %v", body, got, err, want, ok)
		}
	}
}

// FuzzParseCheckAnswer: any body is read or refused, never a panic, and
// read exactly as encoding/json reads the whole body.
func FuzzParseCheckAnswer(f *testing.F) {
	f.Add([]byte(`{"decision":"hit","matches":[{"restriction_id":"B00000001"}]}`))
	f.Add([]byte(`{"decision":"clear","matches":[]}`))
	f.Add([]byte(`{"decision":"refer","matches":[{"restriction_id":null},{}]}`))
	f.Add([]byte(`{"decision":"refer","matches":[{"restriction_id":"B2"}],"signature":"e30=\\u0041\""}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := bench.ParseCheckAnswer(body)
		want, ok := referenceAnswer(body)
		if ok != (err == nil) {
			t.Fatalf("%q: read %v, whole body valid %v", body, err, ok)
		}
		if err != nil {
			return
		}
		if a.Keys == nil || a.Flagged != want.Flagged || !slices.Equal(a.Keys, want.Keys) {
			t.Errorf("%q read as %+v; whole, as %+v", body, a, want)
		}
	})
}

// TestQueriesMarkSameDayNamesakes holds that an unlisted traveller whom a
// register person matches in name and birth date is marked a twin, and
// that Screen keeps such travellers' flags apart: a register drawn from
// the strangers' own generator holds the first strangers themselves, and
// a system that flags exactly the twins causes no false flag beyond them.
func TestQueriesMarkSameDayNamesakes(t *testing.T) {
	strangers := synth.New(7) // QueriesFrom draws strangers from seed+1
	register := make([]trex.Person, 200)
	for i := range register {
		register[i] = strangers.Person()
	}
	qs := bench.QueriesFrom(synth.New, register, 6, 400, 1)
	twins := 0
	for i, q := range qs {
		if q.Listed >= 0 {
			t.Fatalf("query %d is listed; every query should be unlisted", i)
		}
		if i < len(register) && !q.Twin {
			t.Errorf("query %d is register person %d and not marked a twin", i, i)
		}
		if q.Twin {
			twins++
		}
	}
	s := bench.Screen(context.Background(), qs, len(qs), 2, func(_ context.Context, q bench.Query) (bench.Answer, error) {
		return bench.Answer{Flagged: q.Twin}, nil
	})
	if s.Twins != twins || s.TwinFlags != twins || s.FalseFlags != twins {
		t.Errorf("twins %d, flagged %d, false flags %d; want %d each", s.Twins, s.TwinFlags, s.FalseFlags, twins)
	}
	if s.FalseFlagRateBeyondTwins != 0 || s.FalseFlagRate == 0 {
		t.Errorf("false flags %.4f, beyond twins %.4f; want above 0 and 0", s.FalseFlagRate, s.FalseFlagRateBeyondTwins)
	}
}
