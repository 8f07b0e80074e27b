package web

import (
	"container/list"
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"

	"trex"
)

// Session defaults.
const (
	DefaultMaxSessions = 10000
	DefaultIdleTimeout = 30 * time.Minute
	// SessionCookie names the cookie holding a session's random id.
	SessionCookie = "trex_session"
	// maxHistory bounds a session's check history.
	maxHistory = 50
)

// Session is one signed-in browser: the token it signed in with (kept
// here only, never sent back to the browser), who the token names, and
// the per-session CSRF token every form carries.
type Session struct {
	ID        string
	Token     string
	Principal Principal
	CSRF      string

	mu       sync.Mutex
	history  []HistoryEntry
	lastUsed time.Time
}

// Principal is who a session's token names, as GET /v1/whoami says.
type Principal struct {
	TokenID   string    `json:"token_id"`
	Role      trex.Role `json:"role"`
	Authority string    `json:"authority,omitempty"`
	Name      string    `json:"name,omitempty"`
	Node      string    `json:"node,omitempty"`
}

// HistoryEntry is one check made in this browser session, for the
// officer's list of the session's checks.
type HistoryEntry struct {
	At       time.Time
	CheckID  string
	Decision string
	Who      string // the traveller as the officer entered them (name or document)
	// Traveller is the check's traveller, for a handover to a supervisor.
	Traveller TravellerData
	Handed    bool // handed to a supervisor
}

// AddHistory records a check, newest first, keeping the last few.
func (s *Session) AddHistory(e HistoryEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.history = append([]HistoryEntry{e}, s.history...)
	if len(s.history) > maxHistory {
		s.history = s.history[:maxHistory]
	}
}

// entry returns the session's check with id, if it made one.
func (s *Session) entry(id string) (HistoryEntry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.history {
		if e.CheckID == id {
			return e, true
		}
	}
	return HistoryEntry{}, false
}

// markHanded records that the check with id was handed over.
func (s *Session) markHanded(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.history {
		if s.history[i].CheckID == id {
			s.history[i].Handed = true
		}
	}
}

// History returns the session's checks, newest first.
func (s *Session) History() []HistoryEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]HistoryEntry(nil), s.history...)
}

// sessions is the in-memory session table: bounded in number (the least
// recently used goes first) and ended after an idle timeout.
type sessions struct {
	mu    sync.Mutex
	max   int
	idle  time.Duration
	now   func() time.Time
	byID  map[string]*list.Element
	order *list.List // front: most recently used
}

func newSessions(max int, idle time.Duration, now func() time.Time) *sessions {
	return &sessions{max: max, idle: idle, now: now, byID: map[string]*list.Element{}, order: list.New()}
}

// randomID returns 256 random bits, URL-safe.
func randomID() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// create starts a new session with a fresh id and CSRF token.
func (t *sessions) create(token string, p Principal) *Session {
	s := &Session{ID: randomID(), Token: token, Principal: p, CSRF: randomID(), lastUsed: t.now()}
	t.mu.Lock()
	defer t.mu.Unlock()
	for t.order.Len() >= t.max {
		old := t.order.Back()
		t.order.Remove(old)
		delete(t.byID, old.Value.(*Session).ID)
	}
	t.byID[s.ID] = t.order.PushFront(s)
	return s
}

// get returns the live session with id, touching it, or nil.
func (t *sessions) get(id string) *Session {
	if id == "" {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.byID[id]
	if !ok {
		return nil
	}
	s := e.Value.(*Session)
	now := t.now()
	s.mu.Lock()
	expired := now.Sub(s.lastUsed) > t.idle
	if !expired {
		s.lastUsed = now
	}
	s.mu.Unlock()
	if expired {
		t.order.Remove(e)
		delete(t.byID, id)
		return nil
	}
	t.order.MoveToFront(e)
	return s
}

// end deletes the session with id.
func (t *sessions) end(id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if e, ok := t.byID[id]; ok {
		t.order.Remove(e)
		delete(t.byID, id)
	}
}

// len is the number of sessions kept.
func (t *sessions) len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.order.Len()
}
