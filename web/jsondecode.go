package web

import (
	"encoding/json"
	"fmt"
)

// decodeJSON reads an API answer the console asked for raw.
func decodeJSON(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("web: read API answer: %w", err)
	}
	return nil
}
