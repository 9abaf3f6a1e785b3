package model

import (
	"reflect"
	"testing"
)

func TestFigureDisputes(t *testing.T) {
	fig := func(source, kind string, v int, q string) SourcedFigure {
		return SourcedFigure{Source: source, Figure: Figure{Kind: kind, Value: v, Qualifier: q}}
	}
	tests := []struct {
		name string
		in   []SourcedFigure
		want []string
	}{
		{"95 against more than 100", []SourcedFigure{fig("a", Killed, 95, ""), fig("b", Killed, 100, "more")}, []string{Killed}},
		{"at least 8 against 12", []SourcedFigure{fig("a", Killed, 8, "min"), fig("b", Killed, 12, "")}, nil},
		{"nearly 100 against 95", []SourcedFigure{fig("a", Killed, 100, "less"), fig("b", Killed, 95, "")}, nil},
		{"up to 50 against 60", []SourcedFigure{fig("a", Wounded, 50, "max"), fig("b", Wounded, 60, "")}, []string{Wounded}},
		{"about 100 against 110", []SourcedFigure{fig("a", Killed, 100, "about"), fig("b", Killed, 110, "")}, nil},
		{"kinds apart", []SourcedFigure{fig("a", Killed, 8, ""), fig("b", Wounded, 30, ""), fig("c", Killed, 8, "")}, nil},
		{"counts far apart tell of different incidents", []SourcedFigure{fig("a", Killed, 11, ""), fig("b", Killed, 200000, "more")}, nil},
		{"estimates a few times apart disagree", []SourcedFigure{fig("a", Killed, 50000, ""), fig("b", Killed, 200000, "max"), fig("c", Killed, 10000, "")}, []string{Killed}},
		{"one source's counts do not dispute each other", []SourcedFigure{fig("a", Killed, 8, ""), fig("a", Killed, 12, "")}, nil},
		{"one disputed kind of two", []SourcedFigure{fig("a", Wounded, 30, ""), fig("a", Killed, 8, ""), fig("b", Killed, 9, ""), fig("b", Wounded, 30, "min")}, []string{Killed}},
	}
	for _, tc := range tests {
		if got := FigureDisputes(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}
