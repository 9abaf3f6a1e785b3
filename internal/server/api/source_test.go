package api

import (
	"os"
	"strings"
)

func readSource(names ...string) (string, error) {
	var b strings.Builder
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			return "", err
		}
		b.Write(data)
	}
	return b.String(), nil
}
