package web

// inputView is one text or date field of a form, for the "textfield" and
// "datefield" partials (templates/partials.html): its name, the catalog key
// of its label, its value, its autocomplete token and its messages.
type inputView struct {
	Name, Label, Value, Autocomplete string
	Messages                         []string
}

func init() {
	// input builds an inputView from the page's view: {{template
	// "textfield" (input . "name" "label.key" .Value "autocomplete")}}.
	templateFuncs["input"] = func(v *View, name, label, value, autocomplete string) inputView {
		return inputView{Name: name, Label: label, Value: value, Autocomplete: autocomplete, Messages: v.Fields[name]}
	}
}
