package web

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template/parse"
)

// consoleOf is the console a catalog key belongs to ("checkpoint" for
// "checkpoint.title"), or "" for the framework's keys.
func consoleOf(key string, consoles []Console) (Console, bool) {
	prefix, _, _ := strings.Cut(key, ".")
	i := slices.IndexFunc(consoles, func(c Console) bool { return c.Name == prefix })
	if i < 0 {
		return Console{}, false
	}
	return consoles[i], true
}

// TestCatalogsAreComplete: every English key is translated in every
// language its console ships (the framework's keys in every language
// shipped at all), no catalog has a key English lacks, and every
// translation takes the same %-arguments as the English text.
func TestCatalogsAreComplete(t *testing.T) {
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	all := AllConsoles()
	shipped := (&Server{Consoles: all}).allLanguages()
	for _, lang := range shipped {
		if _, ok := cats[lang]; !ok {
			t.Errorf("language %s is shipped but has no catalog/%s.json", lang, lang)
		}
	}
	verbs := regexp.MustCompile(`%[sdv]`)
	for key, en := range cats["en"] {
		langs := shipped
		if c, ok := consoleOf(key, all); ok {
			langs = c.Languages
		}
		for _, lang := range langs {
			msg, ok := cats[lang][key]
			if !ok {
				t.Errorf("catalog/%s.json lacks %q", lang, key)
				continue
			}
			if strings.TrimSpace(msg) == "" {
				t.Errorf("catalog/%s.json: %q is empty", lang, key)
			}
			if a, b := verbs.FindAllString(en, -1), verbs.FindAllString(msg, -1); !slices.Equal(a, b) {
				t.Errorf("catalog/%s.json: %q takes %v, English takes %v", lang, key, b, a)
			}
		}
	}
	for lang, cat := range cats {
		for key := range cat {
			if _, ok := cats["en"][key]; !ok {
				t.Errorf("catalog/%s.json has %q, which English lacks", lang, key)
			}
		}
	}
}

// TestTemplatesUseOnlyKnownKeys: every literal key a template translates
// is in the English catalog.
// messageVerbs are the verbs a catalog message may hold.
var messageVerbs = regexp.MustCompile(`%[sdv]`)

func TestTemplatesUseOnlyKnownKeys(t *testing.T) {
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	forEachTemplate(t, func(name string, tree *parse.Tree) {
		walk(tree.Root, func(n parse.Node) {
			cmd, ok := n.(*parse.CommandNode)
			if !ok || len(cmd.Args) < 2 {
				return
			}
			if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && id.Ident == "t" {
				if s, ok := cmd.Args[1].(*parse.StringNode); ok && !cats.has("en", s.Text) {
					t.Errorf("%s: key %q is not in catalog/en.json", name, s.Text)
				} else if ok {
					// Each argument fills one of the message's verbs; one
					// too many would print as %!(EXTRA ...) on the page.
					if verbs, args := len(messageVerbs.FindAllString(cats["en"][s.Text], -1)), len(cmd.Args)-2; verbs != args {
						t.Errorf("%s: key %q is given %d arguments for %d verbs", name, s.Text, args, verbs)
					}
				}
			}
			// (input . "name" "label.key" ...) names its label's key.
			if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && id.Ident == "input" && len(cmd.Args) > 3 {
				if s, ok := cmd.Args[3].(*parse.StringNode); ok && !cats.has("en", s.Text) {
					t.Errorf("%s: label key %q is not in catalog/en.json", name, s.Text)
				}
			}
		})
	})
}

// visibleAttr finds attributes whose values a user sees or hears.
var visibleAttr = regexp.MustCompile(`(?i)\b(placeholder|title|alt|aria-label|value|label)="([^"]*)"`)

// TestTemplatesHaveNoLiteralText: with every {{...}} action taken out, no
// template holds a letter a user would see: text between tags, and the
// values of placeholder, title, alt, aria-label, value and label
// attributes, all come from the catalogs.
func TestTemplatesHaveNoLiteralText(t *testing.T) {
	action := regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	comment := regexp.MustCompile(`(?s)<!--.*?-->`)
	tag := regexp.MustCompile(`(?s)<[^>]*>`)
	entity := regexp.MustCompile(`&[a-zA-Z]+;|&#[0-9]+;`)
	letter := regexp.MustCompile(`\p{L}`)
	hidden := regexp.MustCompile(`<input type="hidden"[^>]*>`)
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	for _, n := range names {
		src, err := fs.ReadFile(templateFS, n)
		if err != nil {
			t.Fatal(err)
		}
		bare := comment.ReplaceAllString(action.ReplaceAllString(string(src), ""), "")
		bare = strings.Replace(bare, "<!DOCTYPE html>", "", 1)
		bare = hidden.ReplaceAllString(bare, "") // a hidden input's value is not shown
		for _, m := range visibleAttr.FindAllStringSubmatch(bare, -1) {
			if letter.MatchString(m[2]) {
				t.Errorf("%s: attribute %s=%q is literal text; use {{t \"key\"}}", n, m[1], m[2])
			}
		}
		for _, line := range strings.Split(entity.ReplaceAllString(tag.ReplaceAllString(bare, "\n"), " "), "\n") {
			if letter.MatchString(line) {
				t.Errorf("%s: literal text %q; use {{t \"key\"}}", n, strings.TrimSpace(line))
			}
		}
	}
}

func forEachTemplate(t *testing.T, f func(name string, tree *parse.Tree)) {
	t.Helper()
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	funcs := map[string]any{}
	for name := range templateFuncs {
		funcs[name] = true
	}
	for _, n := range names {
		src, err := fs.ReadFile(templateFS, n)
		if err != nil {
			t.Fatal(err)
		}
		trees, err := parse.Parse(n, string(src), "", "", funcs, builtinFuncs())
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		for name, tree := range trees {
			f(n+":"+name, tree)
		}
	}
}

func builtinFuncs() map[string]any {
	m := map[string]any{}
	for _, f := range []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"} {
		m[f] = true
	}
	return m
}

func walk(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, f)
		}
	case *parse.IfNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.RangeNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.WithNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	}
}
