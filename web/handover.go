package web

import (
	"sync"
	"time"
)

// maxHandovers bounds the handovers kept; the oldest goes first.
const maxHandovers = 2000

// Handover is what an officer hands a supervisor with a referred check:
// the traveller's data as the officer read or typed it (the check log
// keeps no names, so without a handover the supervisor asks the officer).
type Handover struct {
	CheckID   string
	At        time.Time
	Officer   string
	Decision  string
	Traveller TravellerData
}

// TravellerData is the traveller as the officer's check described them.
type TravellerData struct {
	Surname, Given, BirthDate, Document, IssuingState, Nationality, Sex, Expiry, Source string
}

// handovers keeps recent handovers in memory, by check id.
type handovers struct {
	mu    sync.Mutex
	byID  map[string]Handover
	order []string
}

func newHandovers() *handovers { return &handovers{byID: map[string]Handover{}} }

func (h *handovers) put(x Handover) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.byID[x.CheckID]; !ok {
		h.order = append(h.order, x.CheckID)
	}
	h.byID[x.CheckID] = x
	for len(h.order) > maxHandovers {
		delete(h.byID, h.order[0])
		h.order = h.order[1:]
	}
}

func (h *handovers) get(id string) (Handover, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	x, ok := h.byID[id]
	return x, ok
}
