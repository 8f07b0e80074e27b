package trex_test

import (
	"strings"
	"testing"

	"trex"
)

func TestPersonCheckLimits(t *testing.T) {
	ok := trex.Person{Names: []trex.Name{{Surname: "Rimsky-Korsakov", Given: "Nikolai Andreyevich"}, {Full: strings.Repeat("x", trex.MaxTokenLetters)}}}
	if err := ok.CheckLimits(); err != nil {
		t.Errorf("ordinary person refused: %v", err)
	}
	bad := map[string]trex.Person{
		"too many names":   {Names: make([]trex.Name, trex.MaxNames+1)},
		"long word":        {Names: []trex.Name{{Surname: strings.Repeat("Щ", trex.MaxTokenLetters+1)}}},
		"450k-letter word": {Names: []trex.Name{{Surname: strings.Repeat("Щ", 450000)}}},
		"too many words":   {Names: []trex.Name{{Surname: "A B C D", Given: "E F G H", Patronymic: "I J K L", Full: "M"}}},
		"only separators":  {Names: []trex.Name{{Full: "A" + strings.Repeat(" ", 20000) + "B"}}},
	}
	for name, p := range bad {
		err := p.CheckLimits()
		if trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
		if len(trex.ErrorMessage(err)) > 200 {
			t.Errorf("%s: message quotes the input: %.80s...", name, trex.ErrorMessage(err))
		}
	}
}
