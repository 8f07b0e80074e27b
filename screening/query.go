package screening

import (
	"sync"
	"sync/atomic"

	"trex"
)

// query is a traveller prepared for comparison.
type query struct {
	names [][]qtok
	dob   uint32
	sex   trex.Sex
	nats  []string
	ids   []string
	// hasGiven: some name of the traveller holds more than a surname.
	hasGiven bool
}

// queryTokens caches the analysis of travellers' name tokens: travellers'
// names repeat, and a token's analysis never changes. The cache stops
// growing at maxQueryTokens entries.
type queryTokens struct {
	m sync.Map // string → *tokenForms
	n atomic.Int64
}

const maxQueryTokens = 200_000

func (c *queryTokens) get(tok string) *tokenForms {
	if f, ok := c.m.Load(tok); ok {
		return f.(*tokenForms)
	}
	f := newTokenForms(tok)
	if c.n.Load() < maxQueryTokens {
		if _, loaded := c.m.LoadOrStore(tok, f); !loaded {
			c.n.Add(1)
		}
	}
	return f
}

func (x *Index) prepare(p trex.Person) *query {
	q := &query{dob: packDate(p.BirthDate), sex: p.Sex, ids: identifiers(p)}
	for _, n := range p.Names {
		if n.IsZero() {
			continue
		}
		var qs []qtok
		for _, t := range nameTokens(n) {
			qs = append(qs, qtok{forms: x.qtokens.get(t.text), role: t.role})
		}
		if len(qs) > 0 {
			q.names = append(q.names, qs)
			q.hasGiven = q.hasGiven || hasGivenTokens(qs)
		}
	}
	for _, n := range p.Nationality {
		if v := nationalities([]string{n}); v != "" {
			q.nats = append(q.nats, v)
		}
	}
	return q
}
