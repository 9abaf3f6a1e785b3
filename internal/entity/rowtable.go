package entity

// rowTable maps feature hashes to weight rows with open addressing; it is
// the tagger's hottest lookup, and a flat probe beats a general map here.
type rowTable struct {
	keys []uint32
	rows []int32 // -1 marks an empty slot
	n    int
}

func (t *rowTable) slot(h uint32) uint32 {
	return (h * 0x9E3779B1) & uint32(len(t.keys)-1)
}

func (t *rowTable) get(h uint32) (int32, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	mask := uint32(len(t.keys) - 1)
	for i := t.slot(h); ; i = (i + 1) & mask {
		switch r := t.rows[i]; {
		case r < 0:
			return 0, false
		case t.keys[i] == h:
			return r, true
		}
	}
}

// put sets the row of h, growing the table to stay at most half full.
func (t *rowTable) put(h uint32, row int32) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint32(len(t.keys) - 1)
	for i := t.slot(h); ; i = (i + 1) & mask {
		if t.rows[i] < 0 {
			t.keys[i], t.rows[i] = h, row
			t.n++
			return
		}
		if t.keys[i] == h {
			t.rows[i] = row
			return
		}
	}
}

func (t *rowTable) grow() {
	old := *t
	size := max(1024, 2*len(old.keys))
	*t = rowTable{keys: make([]uint32, size), rows: make([]int32, size)}
	for i := range t.rows {
		t.rows[i] = -1
	}
	for i, r := range old.rows {
		if r >= 0 {
			t.put(old.keys[i], r)
		}
	}
}

// each calls f for every entry.
func (t *rowTable) each(f func(h uint32, row int32)) {
	for i, r := range t.rows {
		if r >= 0 {
			f(t.keys[i], r)
		}
	}
}
