package usermsg

import "testing"

type testKind int

const (
	kindGeneral testKind = iota
	kindNoAnswer
	kindWithoutWords
)

var testTable = map[testKind][2]Message{
	kindGeneral: {
		{Key: "t.general", Text: "Something failed at {{.Host}}."},
		{Key: "t.general.next", Text: "Try {{.Host}} again."},
	},
	kindNoAnswer: {
		{Key: "t.no_answer", Text: "Nothing answered at {{.Host}}."},
		{Key: "t.no_answer.next", Text: "Check the cable of {{.Host}}."},
	},
}

func TestLookupFillsBothSentencesOfTheKindWithTheArgs(t *testing.T) {
	p := Lookup(testTable, kindNoAnswer, kindGeneral, map[string]any{"Host": "10.0.0.5"})
	if p.What.Key != "t.no_answer" || p.What.String() != "Nothing answered at 10.0.0.5." {
		t.Errorf("What = %q %q", p.What.Key, p.What.String())
	}
	if p.Next.Key != "t.no_answer.next" || p.Next.String() != "Check the cable of 10.0.0.5." {
		t.Errorf("Next = %q %q", p.Next.Key, p.Next.String())
	}
}

func TestLookupGivesAKindWithoutWordsTheFallbacksPair(t *testing.T) {
	p := Lookup(testTable, kindWithoutWords, kindGeneral, map[string]any{"Host": "10.0.0.6"})
	if p.What.Key != "t.general" || p.What.String() != "Something failed at 10.0.0.6." {
		t.Errorf("What = %q %q", p.What.Key, p.What.String())
	}
	if p.Next.Key != "t.general.next" || p.Next.String() != "Try 10.0.0.6 again." {
		t.Errorf("Next = %q %q", p.Next.Key, p.Next.String())
	}
}

func TestLookupLeavesTheTableWithoutArgs(t *testing.T) {
	_ = Lookup(testTable, kindNoAnswer, kindGeneral, map[string]any{"Host": "10.0.0.7"})
	if m := testTable[kindNoAnswer]; m[0].Args != nil || m[1].Args != nil {
		t.Fatalf("the table's messages were given args: %+v", m)
	}
}
