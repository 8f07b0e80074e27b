package screening

import "trex"

// query is a traveller prepared for comparison.
type query struct {
	names [][]qtok
	dob   uint32
	sex   trex.Sex
	nats  []string
	ids   []string
}

func prepare(p trex.Person) *query {
	q := &query{dob: packDate(p.BirthDate), sex: p.Sex, ids: identifiers(p)}
	cache := map[string]*tokenForms{}
	for _, n := range p.Names {
		if n.IsZero() {
			continue
		}
		var qs []qtok
		for _, t := range nameTokens(n) {
			f, ok := cache[t.text]
			if !ok {
				f = newTokenForms(t.text)
				cache[t.text] = f
			}
			qs = append(qs, qtok{forms: f, role: t.role})
		}
		if len(qs) > 0 {
			q.names = append(q.names, qs)
		}
	}
	for _, n := range p.Nationality {
		if v := nationalities([]string{n}); v != "" {
			q.nats = append(q.nats, v)
		}
	}
	return q
}
