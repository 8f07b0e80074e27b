package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"trex"
	thttp "trex/http"
	"trex/notify"
)

// noticeFlags say where the registry's notices to persons and authorities
// go: a file of JSON lines, a webhook, or both.
type noticeFlags struct {
	file, webhook, secretFile *string
}

func addNoticeFlags(fs *flag.FlagSet, defaultFile string) *noticeFlags {
	return &noticeFlags{
		file:       fs.String("notify-file", defaultFile, "append notices to persons and authorities (created, lifted, expired, appeal received and decided) to this file as JSON lines"),
		webhook:    fs.String("notify-webhook", "", "POST each notice as JSON to this URL (a mail or state messaging gateway); retried until it answers 2xx"),
		secretFile: fs.String("notify-webhook-secret-file", "", "file holding the secret that signs webhook notices (X-Trex-Signature: sha256=HMAC)"),
	}
}

// sender builds the channels asked for; nil when none.
func (f *noticeFlags) sender() (trex.NoticeSender, error) {
	var out notify.Fanout
	if *f.file != "" {
		out = append(out, &notify.File{Path: *f.file})
	}
	if *f.webhook != "" {
		if !strings.HasPrefix(*f.webhook, "https://") && !strings.HasPrefix(*f.webhook, "http://") {
			return nil, fmt.Errorf("--notify-webhook %q: want an http:// or https:// URL", *f.webhook)
		}
		h := &notify.Webhook{URL: *f.webhook}
		if *f.secretFile != "" {
			b, err := os.ReadFile(*f.secretFile)
			if err != nil {
				return nil, fmt.Errorf("--notify-webhook-secret-file: %w", err)
			}
			h.Secret = []byte(strings.TrimSpace(string(b)))
		}
		out = append(out, h)
	} else if *f.secretFile != "" {
		return nil, errors.New("--notify-webhook-secret-file is for --notify-webhook")
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// servePersons gives the API the registry's appeals and notice outbox, and
// starts delivering notices over sender (when there is one).
func servePersons(api *thttp.Server, db registryStore, sender trex.NoticeSender, log *slog.Logger, start func(string, func(context.Context) error)) error {
	appeals, ok := db.(trex.AppealService)
	if !ok {
		return fmt.Errorf("registry store %T keeps no appeals", db)
	}
	api.Appeals = appeals
	if sender == nil {
		return nil
	}
	outbox, ok := db.(trex.NoticeOutbox)
	if !ok {
		return fmt.Errorf("registry store %T keeps no notices", db)
	}
	api.Notices = outbox
	d := &notify.Dispatcher{Outbox: outbox, Sender: sender, Log: log}
	start("notices", func(ctx context.Context) error { d.Run(ctx); return nil })
	return nil
}
