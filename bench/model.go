package bench

import (
	"fmt"

	"trex"
	"trex/synth"
)

// Model draws synthetic persons for a seed: synth.New (a few hundred
// names, namesakes far commoner than in life) or synth.NewPopulation (a
// model of a national register's population).
type Model func(seed uint64) *synth.Generator

// Models are the person models trex bench offers, by the name its
// --population flag takes.
var Models = map[string]Model{
	"simple":     synth.New,
	"population": synth.NewPopulation,
}

// ModelNamed returns the model called name, or an error naming the
// choices.
func ModelNamed(name string) (Model, error) {
	if m, ok := Models[name]; ok {
		return m, nil
	}
	return nil, fmt.Errorf("bench: person model %q: want simple or population", name)
}

// RegisterFrom is n persons drawn from model, the same for a seed.
func RegisterFrom(model Model, seed uint64, n int) []trex.Person {
	gen := model(seed)
	out := make([]trex.Person, n)
	for i := range out {
		out[i] = gen.Person()
	}
	return out
}
