package mrz_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"trex"
	"trex/mrz"
)

var tolerant = mrz.Reader{Now: now, OCR: true}

func TestOCRCorrectsByFieldKind(t *testing.T) {
	// B for 8 in the birth date, O for 0 in the expiry date, 5 for S in the
	// name: each field's kind leaves one reading.
	text := replaceAt(td3Line1, 10, "5") + "\n" +
		replaceAt(replaceAt(td3Line2, 17, "B"), 24, "O")
	if _, err := strict.Read(text); err == nil {
		t.Fatal("strict mode accepted misreads")
	}
	z, err := tolerant.Read(text)
	if err != nil {
		t.Fatal(err)
	}
	want := []mrz.Correction{
		{Line: 1, Pos: 10, From: "5", To: "S", Field: "name"},
		{Line: 2, Pos: 17, From: "B", To: "8", Field: "date of birth"},
		{Line: 2, Pos: 24, From: "O", To: "0", Field: "date of expiry"},
	}
	if !reflect.DeepEqual(z.Corrections, want) {
		t.Errorf("Corrections:\ngot  %+v\nwant %+v", z.Corrections, want)
	}
	if z.Surname != "ERIKSSON" || z.BirthDate != trex.MustPartialDate("1974-08-12") || z.ExpiryDate != trex.MustPartialDate("2012-04-15") {
		t.Errorf("corrected zone: %+v", z)
	}
}

func TestOCRCorrectsByCheckDigit(t *testing.T) {
	// The document number L898902C3 read with O for its 0: only one
	// lookalike swap makes its check digit agree.
	text := td3Line1 + "\n" + replaceAt(td3Line2, 6, "O")
	z, err := tolerant.Read(text)
	if err != nil {
		t.Fatal(err)
	}
	if z.DocumentNumber != "L898902C3" {
		t.Errorf("DocumentNumber = %q", z.DocumentNumber)
	}
	want := []mrz.Correction{{Line: 2, Pos: 6, From: "O", To: "0", Field: "check digit of the document number"}}
	if !reflect.DeepEqual(z.Corrections, want) {
		t.Errorf("Corrections = %+v, want %+v", z.Corrections, want)
	}
}

func TestOCRCorrectsCompositeOnly(t *testing.T) {
	// TD1's second optional field is covered by the composite digit alone.
	orig := mustEncode(t, &mrz.Zone{Format: mrz.TD1, DocumentCode: "I", IssuingState: "UTO",
		Surname: "ERIKSSON", GivenNames: []string{"ANNA"}, DocumentNumber: "D23145890", Nationality: "UTO",
		BirthDate: trex.MustPartialDate("1974-08-12"), Sex: trex.SexFemale,
		ExpiryDate: trex.MustPartialDate("2030-04-15"), OptionalData2: "AB12"})
	lines := strings.Split(orig, "\n")
	lines[1] = replaceAt(lines[1], 21, "I") // AB12 read as ABI2
	z, err := tolerant.Read(strings.Join(lines, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if z.OptionalData2 != "AB12" || len(z.Corrections) != 1 || z.Corrections[0].Pos != 21 {
		t.Errorf("got %q, corrections %+v", z.OptionalData2, z.Corrections)
	}
}

func TestOCRRefusesAmbiguity(t *testing.T) {
	// The truth is 5AASAAAAA; the scan shows SAASAAAAA. Turning either S
	// (both weigh 7) into a 5 satisfies the check digit, so no correction
	// is safe.
	truth := mustEncode(t, &mrz.Zone{Format: mrz.TD3, DocumentCode: "P", IssuingState: "UTO",
		Surname: "ERIKSSON", DocumentNumber: "5AASAAAAA", Nationality: "UTO",
		BirthDate: trex.MustPartialDate("1974-08-12"), ExpiryDate: trex.MustPartialDate("2030-04-15")})
	lines := strings.Split(truth, "\n")
	lines[1] = replaceAt(lines[1], 1, "S")
	_, err := tolerant.Read(strings.Join(lines, "\n"))
	var e *mrz.Error
	if !errors.As(err, &e) || e.Line != 2 || e.Pos != 10 {
		t.Fatalf("got %v, want a check digit error at line 2, position 10", err)
	}
}

func TestOCRRefusesWhatNoSwapMends(t *testing.T) {
	text := td3Line1 + "\n" + replaceAt(td3Line2, 10, "1")
	if _, err := tolerant.Read(text); err == nil {
		t.Fatal("tolerant mode accepted a wrong check digit")
	}
}

func TestOCRRaisesCaseAndDropsSpaces(t *testing.T) {
	text := strings.ToLower(td3Line1) + "\n" + td3Line2[:22] + " " + td3Line2[22:]
	z, err := tolerant.Read(text)
	if err != nil {
		t.Fatal(err)
	}
	if z.Surname != "ERIKSSON" || z.DocumentNumber != "L898902C3" {
		t.Errorf("got %+v", z)
	}
}

func TestOCRCutsAZoneSentAsOneLine(t *testing.T) {
	for _, sp := range specimens {
		one := strings.ReplaceAll(sp.text, "\n", "")
		if _, err := strict.Read(one); err == nil {
			t.Errorf("%s: strict mode read a zone on one line", sp.name)
		}
		z, err := tolerant.Read(one)
		if err != nil {
			t.Errorf("%s: %v", sp.name, err)
			continue
		}
		if z.Format != sp.want.Format || z.DocumentNumber != sp.want.DocumentNumber {
			t.Errorf("%s: read as %s %s", sp.name, z.Format, z.DocumentNumber)
		}
	}
}

func mustEncode(t testing.TB, z *mrz.Zone) string {
	t.Helper()
	s, err := mrz.Encode(z)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return s
}

// misreads are the confusions the tolerant mode knows, both ways.
var misreads = map[byte]string{
	'0': "OQD", '1': "IL", '2': "Z", '5': "S", '6': "G", '8': "B",
	'O': "0", 'Q': "0", 'D': "0", 'I': "1", 'L': "1", 'Z': "2", 'S': "5", 'G': "6", 'B': "8",
}

// Put every known misread at every position of every specimen. Wherever
// the strict reader notices, the tolerant one must give back the specimen
// exactly or refuse: a correction never invents a different document.
func TestOCRRestoresOrRefuses(t *testing.T) {
	restored, refused := 0, 0
	for _, sp := range specimens {
		orig, err := strict.Read(sp.text)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(sp.text, "\n")
		for li, line := range lines {
			for col := 0; col < len(line); col++ {
				for _, c := range []byte(misreads[line[col]]) {
					mutated := append([]string(nil), lines...)
					mutated[li] = line[:col] + string(c) + line[col+1:]
					text := strings.Join(mutated, "\n")
					if _, err := strict.Read(text); err == nil {
						continue // not noticeable: a name letter, say
					}
					z, err := tolerant.Read(text)
					if err != nil {
						refused++
						continue
					}
					if len(z.Corrections) == 0 {
						t.Errorf("%s: line %d position %d %c→%c read without a correction", sp.name, li+1, col+1, line[col], c)
					}
					z.Corrections = nil
					want := *orig
					want.Corrections = nil
					if !reflect.DeepEqual(*z, want) {
						t.Errorf("%s: line %d position %d %c→%c read as a different document:\n%+v", sp.name, li+1, col+1, line[col], c, z)
					}
					restored++
				}
			}
		}
	}
	t.Logf("%d misreads restored, %d refused", restored, refused)
	if restored == 0 {
		t.Fatal("no misread was restored")
	}
}
