package usermsg

import (
	"cmp"
	"maps"
	"slices"
)

// Lookup explains kind k from a package's table of what happened and what to
// do next. A kind missing from the table gets fallback's pair rather than
// nothing, so a new kind added without words still reaches the user as the
// package's general failure. Both messages share args, because a
// translation of either sentence may use any of them.
func Lookup[K comparable](table map[K][2]Message, k, fallback K, args map[string]any) Problem {
	m, ok := table[k]
	if !ok {
		m = table[fallback]
	}
	what, next := m[0], m[1]
	what.Args, next.Args = args, args
	return Problem{What: what, Next: next}
}

// Catalogue lists every message of a package's table, both halves of each
// kind in the order of the kinds, for translators and for the tests that
// keep the English catalogue complete. A kind added to the table is listed
// without anyone remembering to.
func Catalogue[K cmp.Ordered](table map[K][2]Message) []Message {
	out := make([]Message, 0, 2*len(table))
	for _, k := range slices.Sorted(maps.Keys(table)) {
		out = append(out, table[k][0], table[k][1])
	}
	return out
}
