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
// names repeat, and a token's analysis never changes. The cache is bounded
// by bytes: it keeps two generations, and when the current one has taken
// half of maxQueryTokenBytes the older is dropped and a new one begun, so
// tokens in use stay cached and the rest age out.
type queryTokens struct {
	mu       sync.RWMutex
	cur, old map[string]*tokenForms
	curBytes int
}

// maxQueryTokenBytes bounds the memory the query token cache holds.
const maxQueryTokenBytes = 16 << 20

func (c *queryTokens) get(tok string) *tokenForms {
	c.mu.RLock()
	f, inCur := c.cur[tok]
	inOld := false
	if !inCur {
		f, inOld = c.old[tok]
	}
	c.mu.RUnlock()
	if inCur {
		return f
	}
	if !inOld {
		f = newTokenForms(tok)
	}
	c.put(f) // a token still in use moves to the current generation
	return f
}

// put adds f to the current generation, starting a new one when it is
// full.
func (c *queryTokens) put(f *tokenForms) {
	size := f.size()
	if size > maxQueryTokenBytes/64 {
		return // not worth the room
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur[f.text]; ok {
		return
	}
	if c.cur == nil || c.curBytes+size > maxQueryTokenBytes/2 {
		c.old, c.cur, c.curBytes = c.cur, make(map[string]*tokenForms), 0
	}
	c.cur[f.text] = f
	c.curBytes += size
}

// bytes is how much memory the cache holds, as its entries estimate it.
func (c *queryTokens) bytes() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := c.curBytes
	for _, f := range c.old {
		n += f.size()
	}
	return n
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
		spaced, twice := spacedReading(n)
		both := [2]trex.Name{n, spaced}
		for _, n := range both[:1+b2i(twice)] {
			if len(q.names) == maxQueryNames {
				break
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
	}
	for _, n := range p.Nationality {
		if v := nationalities([]string{n}); v != "" {
			q.nats = append(q.nats, v)
		}
	}
}
