package entity

// rowTable maps feature hashes to weight rows with open addressing; it is
// the tagger's hottest lookup, and a flat probe beats a general map here.
// A slot keeps its key and row side by side: one cache miss per probe.
type rowTable struct {
	slots []rowSlot
	n     int
}

type rowSlot struct {
	key uint32
	row int32 // -1 marks an empty slot
}

func (t *rowTable) slot(h uint32) uint32 {
	return (h * 0x9E3779B1) & uint32(len(t.slots)-1)
}

func (t *rowTable) get(h uint32) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint32(len(t.slots) - 1)
	for i := t.slot(h); ; i = (i + 1) & mask {
		switch s := t.slots[i]; {
		case s.row < 0:
			return 0, false
		case s.key == h:
			return s.row, true
		}
	}
}

// put sets the row of h, growing the table to stay at most half full.
func (t *rowTable) put(h uint32, row int32) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := uint32(len(t.slots) - 1)
	for i := t.slot(h); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.row < 0 {
			s.key, s.row = h, row
			t.n++
			return
		}
		if s.key == h {
			s.row = row
			return
		}
	}
}

func (t *rowTable) grow() {
	old := t.slots
	size := max(1024, 2*len(old))
	*t = rowTable{slots: make([]rowSlot, size)}
	for i := range t.slots {
		t.slots[i].row = -1
	}
	for _, s := range old {
		if s.row >= 0 {
			t.put(s.key, s.row)
		}
	}
}

// each calls f for every entry.
func (t *rowTable) each(f func(h uint32, row int32)) {
	for _, s := range t.slots {
		if s.row >= 0 {
			f(s.key, s.row)
		}
	}
}
