package usermsg

import (
	"errors"
	"fmt"
	"testing"
)

type explained struct{}

func (explained) Error() string { return "technical" }
func (explained) Explain() Problem {
	return Problem{What: Message{Key: "k", Text: "Camera {{.Host}} said no.", Args: map[string]any{"Host": "10.0.0.5"}}}
}

func TestExplainFindsWrappedExplainer(t *testing.T) {
	err := fmt.Errorf("outer: %w", explained{})
	p, ok := Explain(err)
	if !ok || p.What.String() != "Camera 10.0.0.5 said no." {
		t.Fatalf("got %v %q", ok, p.What.String())
	}
}

func TestExplainFallsBackToGenericWithDetail(t *testing.T) {
	p, ok := Explain(errors.New("boom"))
	if ok || p.What.String() != "Something unexpected went wrong: boom" || p.Next.Key == "" {
		t.Fatalf("got %v %+v", ok, p)
	}
}

func TestWithDoesNotMutateOriginal(t *testing.T) {
	base := Message{Key: "k", Text: "{{.A}}", Args: map[string]any{"A": "1"}}
	changed := base.With("A", "2")
	if base.String() != "1" || changed.String() != "2" {
		t.Fatalf("base %q changed %q", base.String(), changed.String())
	}
}

func TestRenderKeepsTextOnBadTemplate(t *testing.T) {
	if got := Render("{{.A", map[string]any{"A": 1}); got != "{{.A" {
		t.Fatalf("got %q", got)
	}
}

func BenchmarkRenderDiagnosis(b *testing.B) {
	m := Message{Key: "k", Text: "This camera is on {{.Addr}}, another network than this computer's, which uses addresses starting with {{.Computer}}",
		Args: map[string]any{"Addr": "10.81.2.15", "Computer": "10.81.1."}}
	b.ReportAllocs()
	for b.Loop() {
		_ = m.String()
	}
}

// The parsed template is kept per text: the same text with other arguments
// must still say what those arguments say.
func TestTheSameTextRendersEachCallsOwnArguments(t *testing.T) {
	m := Message{Key: "k", Text: "Reachable at {{.Addr}}."}
	for _, addr := range []string{"10.0.4.5", "10.0.4.6", "10.0.4.5"} {
		if got, want := m.With("Addr", addr).String(), "Reachable at "+addr+"."; got != want {
			t.Fatalf("%q, want %q", got, want)
		}
	}
}
