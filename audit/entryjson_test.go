package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sync"
	"testing"
	"time"
)

// FuzzEntryEncodingIsEncodingJSON: the entry encoder written out by hand
// writes, for any entry, exactly the bytes encoding/json writes (or
// leaves the entry to it): the tree hashes those bytes, so an entry
// written by either must hash alike, and older entries read the same.
func FuzzEntryEncodingIsEncodingJSON(f *testing.F) {
	f.Add("check", int64(1764500000123456789), "border-a", "T1", "officer", "CABCDEF", "sha256:00ff", "mrz:TD3", "hmac-sha256:ab", "hit", "R000001", 0.93, "", int64(0), false)
	f.Add("change.applied", int64(0), "registry", "", "", "", "", "", "", "", "", 0.0, "active", int64(7), false)
	f.Add("restriction.read", int64(-62135596800000000), "n", "<a&b>", "x\"y", "\\", "é", "\u2028", "\x00", "\xff", "R", 1e-7, "", int64(-1), true)
	f.Add("check", int64(253402300799999999), "n", "", "", "", "", "", "", "clear", "R", math.Inf(1), "", int64(0), false)
	f.Add("check", int64(1), "n", "", "", "", "", "", "", "clear", "R", 1e21, "", int64(0), false)
	f.Add("check", int64(1), "n", "", "", "", "", "", "", "clear", "R", math.Copysign(0, -1), "", int64(0), false)
	f.Fuzz(func(t *testing.T, typ string, at int64, node, actor, role, checkID, request, document, docHash, decision, rid string, score float64, status string, version int64, exempt bool) {
		e := &Entry{Type: typ, At: time.Unix(0, at).UTC(), Node: node, Actor: actor, Role: role, CheckID: checkID,
			Request: request, Document: document, DocumentHash: docHash, Decision: decision, Status: status,
			Version: version, Exempt: exempt, RestrictionID: rid, ReasonCode: role, Token: actor, SubjectHash: docHash}
		if rid != "" {
			e.Matches = []Match{{RestrictionID: rid, Score: score}, {RestrictionID: checkID, Score: score / 3}}
		}
		want, wantErr := json.Marshal(e)
		got, ok := appendEntryJSON([]byte("prefix"), e, e.At)
		if !bytes.HasPrefix(got, []byte("prefix")) {
			t.Fatalf("the encoder overwrote what it appends to: %q", got)
		}
		got = got[len("prefix"):]
		if !ok {
			if len(got) != 0 {
				t.Fatalf("the encoder gave up but left %q", got)
			}
			return
		}
		if wantErr != nil || !bytes.Equal(got, want) {
			t.Fatalf("entry %+v:\n got %s\nwant %s (%v)", e, got, want, wantErr)
		}
		enc, err := e.Encode()
		if err != nil || !bytes.Equal(enc, want) {
			t.Fatalf("Encode: %s, %v; want %s", enc, err, want)
		}
	})
}

// TestEntryEncodingTakesTheQuickPathForANodesEntries: the entries a node
// writes (hashes, ids, codes, scores in [0, 1]) are written by hand, not
// left to encoding/json.
func TestEntryEncodingTakesTheQuickPathForANodesEntries(t *testing.T) {
	e := &Entry{Type: TypeCheck, At: time.Date(2026, 11, 30, 13, 0, 0, 120000, time.UTC), Node: "border-a", Actor: "T1",
		Role: "officer", CheckID: "CABCDEFGHIJKLMNOP", Request: RequestHash([]byte("{}")), Document: "mrz:TD3",
		DocumentHash: keyedHash([]byte("k"), "X1234567"), Decision: "hit", ReasonHash: TextHash("r"),
		Matches: []Match{{RestrictionID: "R-1", Score: 0.875}, {RestrictionID: "R-2", Score: 0}}}
	got, ok := appendEntryJSON(nil, e, e.At)
	want, _ := json.Marshal(e)
	if !ok || !bytes.Equal(got, want) {
		t.Fatalf("got %s (%v), want %s", got, ok, want)
	}
	if n := testing.AllocsPerRun(100, func() { e.Encode() }); n > 1 {
		t.Errorf("Encode allocates %v times per entry; want one buffer", n)
	}
}

// TestHashIdentifierIsTheKeyedHash: the log's reused hashers give each
// identifier the keyed hash a fresh one gives, one after another and from
// many goroutines at once.
func TestHashIdentifierIsTheKeyedHash(t *testing.T) {
	l := &Log{Keys: &Keys{HMAC: []byte("0123456789abcdef0123456789abcdef")}}
	if l.HashIdentifier("") != "" {
		t.Error("an empty identifier has a hash")
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				s := fmt.Sprintf("X%07d-%d", i, g)
				if got, want := l.HashIdentifier(s), keyedHash(l.Keys.HMAC, s); got != want {
					t.Errorf("%s: %s, want %s", s, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestEntryEncoderKnowsEveryField: each field of Entry, set on its own,
// is written by the hand encoder exactly as encoding/json writes it, so
// a field added to Entry cannot be silently left out of what the log
// stores and hashes.
func TestEntryEncoderKnowsEveryField(t *testing.T) {
	typ := reflect.TypeOf(Entry{})
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		e := &Entry{Type: "check", At: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC), Node: "n"}
		v := reflect.ValueOf(e).Elem().Field(i)
		switch v.Kind() {
		case reflect.String:
			v.SetString("x1")
		case reflect.Int64:
			v.SetInt(7)
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Slice:
			switch v.Type().Elem().Kind() {
			case reflect.String:
				v.Set(reflect.ValueOf([]string{"R1", "R2"}))
			case reflect.Struct:
				v.Set(reflect.ValueOf([]Match{{RestrictionID: "R1", Score: 0.5}}))
			default:
				t.Fatalf("field %s: a slice of %s the test does not know how to fill", f.Name, v.Type().Elem())
			}
		case reflect.Struct:
			if f.Type != reflect.TypeOf(time.Time{}) {
				t.Fatalf("field %s: a struct the test does not know how to fill", f.Name)
			}
		default:
			t.Fatalf("field %s: kind %s the test does not know how to fill", f.Name, v.Kind())
		}
		want, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := appendEntryJSON(nil, e, e.At)
		if !ok {
			t.Errorf("field %s: the hand encoder gave up on a plain value", f.Name)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("field %s:\n got %s\nwant %s", f.Name, got, want)
		}
	}
}
