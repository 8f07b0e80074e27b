package romanize

import "testing"

// TestTurkicOVAfterHushedLetters holds that the Azerbaijani or Turkic
// reading of a Russian form ending in -ЕВ after Ж, Ч, Ш, Щ, Ц or ДЖ is
// the original's -OV (Russian writes no unstressed О after them), that
// -ЕВ after other letters stays -EV, and that a one-letter stem is not
// read as an ending.
func TestTurkicOVAfterHushedLetters(t *testing.T) {
	has := func(word, want string) bool {
		for _, r := range append(Renderings(word), Alternates(word, nil)...) {
			if r.Text == want {
				return true
			}
		}
		return false
	}
	for word, want := range map[string]string{"Оруджев": "ORUCOV", "Кулиев": "KULIYEV", "Ганджев": "HANCOV", "Бабаев": "BABAYEV"} {
		if !has(word, want) {
			t.Errorf("%s: no reading %s among %v", word, want, Alternates(word, nil))
		}
	}
	if has("Оруджев", "ORUCEV") {
		t.Error("Оруджев read ORUCEV: the Turkic original after ДЖ is -OV")
	}
	if has("Жев", "JOV") {
		t.Error("Жев, all ending, read JOV")
	}
}
