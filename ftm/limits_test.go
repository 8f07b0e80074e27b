package ftm_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"trex"
	"trex/ftm"
)

// aliasEntity is a Person entity with n distinct aliases.
func aliasEntity(n int) []byte {
	aliases := make([]string, n)
	for i := range aliases {
		aliases[i] = fmt.Sprintf("Alias%d Person%d", i, i)
	}
	data, _ := json.Marshal(ftm.Entity{Schema: "Person", Properties: map[string][]string{"lastName": {"Ivanov"}, "alias": aliases}})
	return data
}

// An entity with thousands of aliases is refused by count, in both strict
// (API) and lenient (bulk import) reading, before any per-alias work.
func TestDecodeRefusesTooManyNames(t *testing.T) {
	for _, opt := range []ftm.Options{{Strict: true}, {}} {
		_, _, err := ftm.Decode(aliasEntity(16000), opt)
		if trex.ErrorCode(err) != trex.EINVALID || !strings.Contains(trex.ErrorMessage(err), fmt.Sprintf("at most %d", trex.MaxNames)) {
			t.Errorf("16000 aliases (strict=%v): err = %v, want invalid naming the limit", opt.Strict, err)
		}
	}
	if _, p, err := ftm.Decode(aliasEntity(trex.MaxNames-1), ftm.Options{Strict: true}); err != nil || len(p.Names) != trex.MaxNames {
		t.Errorf("%d aliases: %d names, %v; want all kept", trex.MaxNames-1, len(p.Names), err)
	}
}

func TestDecodeRefusesOversizedNames(t *testing.T) {
	cases := map[string]map[string][]string{
		"long surname":     {"lastName": {strings.Repeat("Щ", 450000)}},
		"many words":       {"name": {strings.Repeat("Ab ", 40)}},
		"many first names": {"lastName": {"Ivanov"}, "firstName": strings.Fields(strings.Repeat("Ivan ", 30))},
	}
	for name, props := range cases {
		data, _ := json.Marshal(ftm.Entity{Schema: "Person", Properties: props})
		if _, _, err := ftm.Decode(data, ftm.Options{}); trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
}

// BenchmarkDecodeMaxAliases measures the most expensive entity the limits
// let through.
func BenchmarkDecodeMaxAliases(b *testing.B) {
	data := aliasEntity(trex.MaxNames - 1)
	for b.Loop() {
		if _, _, err := ftm.Decode(data, ftm.Options{Strict: true}); err != nil {
			b.Fatal(err)
		}
	}
}
