package mdnsresp

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// nameTable resolves instance-name conflicts the way the devices do after
// probing (RFC 6762 §9; docs/protocol.md, mDNS): the first "AXIS M1075-L"
// keeps its name, the next gets "AXIS M1075-L (2)", then "(3)". A camera
// keeps its name for as long as it stays announced.
type nameTable struct {
	owner map[string]string // lower-cased name -> MAC
	held  map[string]held   // MAC -> what it holds
}

type held struct{ base, name string }

func newNameTable() *nameTable {
	return &nameTable{owner: map[string]string{}, held: map[string]held{}}
}

// claim returns the name mac is to use for base, keeping the one it holds
// if the base is unchanged.
func (t *nameTable) claim(mac, base string) string {
	if h, ok := t.held[mac]; ok {
		if h.base == base {
			return h.name
		}
		t.release(mac)
	}
	for n := 1; ; n++ {
		cand := withSuffix(base, n)
		key := strings.ToLower(cand)
		if _, taken := t.owner[key]; !taken {
			t.owner[key] = mac
			t.held[mac] = held{base: base, name: cand}
			return cand
		}
	}
}

func (t *nameTable) release(mac string) {
	if h, ok := t.held[mac]; ok {
		delete(t.owner, strings.ToLower(h.name))
		delete(t.held, mac)
	}
}

// withSuffix appends " (n)" for n > 1, shortening base so the result still
// fits one DNS label (63 bytes) without splitting a character.
func withSuffix(base string, n int) string {
	suffix := ""
	if n > 1 {
		suffix = " (" + strconv.Itoa(n) + ")"
	}
	limit := 63 - len(suffix)
	for len(base) > limit {
		_, size := utf8.DecodeLastRuneInString(base)
		base = base[:len(base)-size]
	}
	return base + suffix
}
