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
