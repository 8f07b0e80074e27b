package screening

import "testing"

// TestSimilarSurnameIsNotARendering holds that a surname one syllable
// shorter than a record's is at most a typo of it, while spellings that
// romanisation systems (or a soft sign written as a vowel) explain stay
// variants or renderings.
func TestSimilarSurnameIsNotARendering(t *testing.T) {
	for _, c := range []struct{ traveller, record string }{
		{"ZHAROV", "ЗАХАРОВ"}, {"ZHAROVA", "ЗАХАРОВА"}, {"SMIRNV", "СМИРНОВ"},
	} {
		got := compareTokens(newTokenForms(c.traveller), newTokenForms(c.record))
		if got.out > outTypo || got.strength() >= 0.9 {
			t.Errorf("%s against %s: %s, strength %.2f; want a typo at most", c.traveller, c.record, got.out, got.strength())
		}
	}
	for _, c := range []struct{ traveller, record string }{
		{"ZAHAROW", "ЗАХАРОВ"}, {"ILIA", "ИЛЬЯ"}, {"MAJA", "МАЙЯ"},
		{"YELENA", "ЕЛЕНА"}, {"FIODOR", "ФЁДОР"}, {"IULIIA", "ЮЛИЯ"},
	} {
		got := compareTokens(newTokenForms(c.traveller), newTokenForms(c.record))
		if got.out < outVariant {
			t.Errorf("%s against %s: %s; want a variant or a rendering", c.traveller, c.record, got.out)
		}
	}
}
