package screening

import (
	"sync"

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

	nameBuf [4][]qtok
	tokBuf  [12]qtok
}

// queryTokens caches the analysis of travellers' name tokens: travellers'
// names repeat, and a token's analysis never changes. The cache stops
// growing at maxQueryTokens entries.
type queryTokens struct {
	mu sync.RWMutex
	m  map[string]*tokenForms
}

const maxQueryTokens = 200_000

func (c *queryTokens) get(tok string) *tokenForms {
	c.mu.RLock()
	f, ok := c.m[tok]
	c.mu.RUnlock()
	if ok {
		return f
	}
	f = newTokenForms(tok)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[tok]; ok {
		return old
	}
	if len(c.m) < maxQueryTokens {
		if c.m == nil {
			c.m = make(map[string]*tokenForms)
		}
		c.m[tok] = f
	}
	return f
}

// prepare fills q with traveller p. The tokens of its names share one
// buffer in q for the usual short names.
func (x *Index) prepare(q *query, p trex.Person) {
	*q = query{dob: packDate(p.BirthDate), sex: p.Sex, ids: identifiers(p)}
	toks := q.tokBuf[:0]
	q.names = q.nameBuf[:0]
	for _, n := range p.Names {
		if n.IsZero() {
			continue
		}
		start := len(toks)
		for _, t := range nameTokens(n) {
			slot := int8(-1)
			if len(toks) < maxTokens {
				slot = int8(len(toks))
			}
			toks = append(toks, qtok{forms: x.qtokens.get(t.text), role: t.role, slot: slot})
		}
		if qs := toks[start:len(toks):len(toks)]; len(qs) > 0 {
			q.names = append(q.names, qs)
			q.hasGiven = q.hasGiven || hasGivenTokens(qs)
		}
	}
	for _, n := range p.Nationality {
		if v := nationalities([]string{n}); v != "" {
			q.nats = append(q.nats, v)
		}
	}
}
