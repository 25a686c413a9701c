package usermsg

import "testing"

func TestCatalogueListsBothHalvesOfEveryKindInKindOrder(t *testing.T) {
	table := map[int][2]Message{
		3: {{Key: "c"}, {Key: "c.next"}},
		1: {{Key: "a"}, {Key: "a.next"}},
		2: {{Key: "b"}, {Key: "b.next"}},
	}
	got := Catalogue(table)
	want := []string{"a", "a.next", "b", "b.next", "c", "c.next"}
	if len(got) != len(want) {
		t.Fatalf("%d messages, want %d", len(got), len(want))
	}
	for i, m := range got {
		if m.Key != want[i] {
			t.Errorf("message %d is %q, want %q", i, m.Key, want[i])
		}
	}
}
