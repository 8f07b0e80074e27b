package pki

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// PrincipalsFile is where dir lists the client principals it issued to.
func PrincipalsFile(dir string) string { return filepath.Join(dir, "principals.json") }

// LoadPrincipals reads a principals file. A missing file is an empty list.
func LoadPrincipals(path string) ([]Principal, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read principals: %w", err)
	}
	var ps []Principal
	if err := json.Unmarshal(data, &ps); err != nil {
		return nil, fmt.Errorf("principals %s: %w", path, err)
	}
	for _, p := range ps {
		if err := ValidName(p.Name); err != nil {
			return nil, fmt.Errorf("principals %s: %w", path, err)
		}
		if p.Role != RoleRegistry && p.Role != RoleBorder {
			return nil, fmt.Errorf("principals %s: %s has role %q; want registry or border", path, p.Name, p.Role)
		}
	}
	return ps, nil
}

// AddPrincipal adds p to the principals file (replacing an entry of the
// same name).
func AddPrincipal(path string, p Principal) error {
	return editPrincipals(path, func(ps []Principal) []Principal {
		return append(dropPrincipal(ps, p.Name), p)
	})
}

// RemovePrincipal withdraws name from the principals file: an exchange that
// reloads it no longer lets that certificate in.
func RemovePrincipal(path, name string) error {
	return editPrincipals(path, func(ps []Principal) []Principal { return dropPrincipal(ps, name) })
}

func dropPrincipal(ps []Principal, name string) []Principal {
	out := ps[:0]
	for _, q := range ps {
		if q.Name != name {
			out = append(out, q)
		}
	}
	return out
}

func editPrincipals(path string, edit func([]Principal) []Principal) error {
	ps, err := LoadPrincipals(path)
	if err != nil {
		return err
	}
	ps = edit(ps)
	sort.Slice(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
	data, err := json.MarshalIndent(ps, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(path, data, 0o644)
}
