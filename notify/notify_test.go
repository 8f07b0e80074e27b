package notify_test

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"trex"
	"trex/notify"
	"trex/sqlite"
)

func registry(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := &trex.Restriction{Person: trex.Person{Names: []trex.Name{{Surname: "Петров", Given: "Олег"}}, BirthDate: trex.MustPartialDate("1990-01-02"),
		Identifiers: []trex.Identifier{{Kind: "national_id", Country: "RU", Value: "4509 000111"}}},
		Kind: trex.KindCourtOrder, LegalBasis: "Case 1", Authority: "district-court", ValidUntil: time.Now().Add(time.Hour)}
	if err := db.CreateRestriction(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestWebhookRetriesUntilDelivered: while the receiver is down nothing is
// lost; once it is up every notice arrives signed, and none twice.
func TestWebhookRetriesUntilDelivered(t *testing.T) {
	db := registry(t)
	secret := []byte("shared secret")
	var (
		mu   sync.Mutex
		down = true
		got  = map[string]trex.Notice{}
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mac := hmac.New(sha256.New, secret)
		mac.Write(body)
		if r.Header.Get("X-Trex-Signature") != "sha256="+hex.EncodeToString(mac.Sum(nil)) {
			t.Errorf("bad signature on %s", body)
		}
		mu.Lock()
		defer mu.Unlock()
		if down {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		var n trex.Notice
		if err := json.Unmarshal(body, &n); err != nil || n.ID != r.Header.Get("X-Trex-Notice") {
			t.Errorf("notice %s: %v", body, err)
		}
		if _, dup := got[n.ID]; dup {
			t.Errorf("notice %s delivered twice", n.ID)
		}
		got[n.ID] = n
	}))
	defer srv.Close()
	now := time.Now()
	d := &notify.Dispatcher{Outbox: db, Sender: &notify.Webhook{URL: srv.URL, Secret: secret}, Now: func() time.Time { return now }}
	ctx := context.Background()
	if sent, err := d.Once(ctx); err != nil || sent != 0 {
		t.Fatalf("receiver down: sent %d, %v", sent, err)
	}
	mu.Lock()
	down = false
	mu.Unlock()
	if sent, err := d.Once(ctx); err != nil || sent != 0 {
		t.Errorf("before the retry time: sent %d, %v; want 0", sent, err)
	}
	now = now.Add(2 * time.Minute)
	if sent, err := d.Once(ctx); err != nil || sent != 2 {
		t.Fatalf("after the retry time: sent %d, %v; want the person's and the authority's", sent, err)
	}
	if sent, _ := d.Once(ctx); sent != 0 {
		t.Errorf("sent %d again", sent)
	}
	// Delivered notices are kept for a while, then purged.
	if n, _ := db.PurgeSentNotices(ctx, now.Add(time.Hour)); n != 2 {
		t.Errorf("delivered notices kept: %d, want 2", n)
	}
	d2 := &notify.Dispatcher{Outbox: db, Sender: &notify.Webhook{URL: srv.URL, Secret: secret}, Now: func() time.Time { return now }}
	if err := db.EnqueueNotices(ctx, []trex.Notice{{Event: trex.NoticeAppealFiled, Recipient: trex.RecipientAuthority, Authority: "district-court", RestrictionID: "R1"}}); err != nil {
		t.Fatal(err)
	}
	if sent, err := d2.Once(ctx); err != nil || sent != 1 {
		t.Fatalf("sent %d, %v", sent, err)
	}
	now = now.Add(notify.DefaultKeepSent + time.Hour)
	if _, err := d2.Once(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.PurgeSentNotices(ctx, now.Add(time.Hour)); n != 0 {
		t.Errorf("%d delivered notices outlived DefaultKeepSent", n)
	}
	recipients := map[string]bool{}
	for _, n := range got {
		recipients[n.Recipient] = recipients[n.Recipient] || n.Event == trex.NoticeCreated
	}
	if !recipients[trex.RecipientPerson] || !recipients[trex.RecipientAuthority] {
		t.Errorf("delivered %v", got)
	}
}

// TestFileGetsOneLinePerNotice: the file channel appends one JSON notice
// per line, readable by its owner only, and the person's carries no name.
func TestFileGetsOneLinePerNotice(t *testing.T) {
	db := registry(t)
	path := filepath.Join(t.TempDir(), "notices.jsonl")
	d := &notify.Dispatcher{Outbox: db, Sender: notify.Fanout{&notify.File{Path: path}}}
	if sent, err := d.Once(context.Background()); err != nil || sent != 2 {
		t.Fatalf("sent %d, %v", sent, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	f, _ := os.Open(path)
	defer f.Close()
	lines := 0
	for sc := bufio.NewScanner(f); sc.Scan(); lines++ {
		var n trex.Notice
		if err := json.Unmarshal(sc.Bytes(), &n); err != nil || n.Event != trex.NoticeCreated || n.RestrictionID == "" {
			t.Errorf("line %q: %v", sc.Text(), err)
		}
		if n.Recipient == trex.RecipientPerson && (len(n.Subjects) != 1 || n.Subjects[0] != "national_id:RU:4509000111") {
			t.Errorf("person's notice subjects %v", n.Subjects)
		}
		if strings.Contains(sc.Text(), "Петров") || strings.Contains(sc.Text(), "1990-01-02") {
			t.Errorf("notice carries the name or birth date: %s", sc.Text())
		}
	}
	if lines != 2 {
		t.Errorf("%d lines, want 2", lines)
	}
}
