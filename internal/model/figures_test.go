package model

import (
	"reflect"
	"testing"
)

func TestFigureDisputes(t *testing.T) {
	fig := func(kind string, v int, q string) Figure { return Figure{Kind: kind, Value: v, Qualifier: q} }
	tests := []struct {
		name string
		in   []Figure
		want []string
	}{
		{"95 against more than 100", []Figure{fig(Killed, 95, ""), fig(Killed, 100, "more")}, []string{Killed}},
		{"at least 8 against 12", []Figure{fig(Killed, 8, "min"), fig(Killed, 12, "")}, nil},
		{"nearly 100 against 95", []Figure{fig(Killed, 100, "less"), fig(Killed, 95, "")}, nil},
		{"up to 50 against 60", []Figure{fig(Wounded, 50, "max"), fig(Wounded, 60, "")}, []string{Wounded}},
		{"about 100 against 110", []Figure{fig(Killed, 100, "about"), fig(Killed, 110, "")}, nil},
		{"kinds apart", []Figure{fig(Killed, 8, ""), fig(Wounded, 30, ""), fig(Killed, 8, "")}, nil},
		{"one disputed kind of two", []Figure{fig(Wounded, 30, ""), fig(Killed, 8, ""), fig(Killed, 9, ""), fig(Wounded, 30, "min")}, []string{Killed}},
	}
	for _, tc := range tests {
		if got := FigureDisputes(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}
