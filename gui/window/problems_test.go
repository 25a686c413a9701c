package window

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// refusing is a connector as the real one is without a certificate store.
func refusing(context.Context, workflow.Target, workflow.ConnectOptions) (workflow.Client, error) {
	return nil, &workflow.Error{Kind: workflow.NoPinStore}
}

func TestUnusableCertificatesAreAQuestionAndYesRemembersThemUntilClosing(t *testing.T) {
	bad := errors.New("the list is damaged")
	b := &backend.Backend{
		Discovery:       &fakes.Discoverer{},
		Env:             workflow.Env{Connect: refusing},
		PinsUnavailable: bad,
		Problems:        []error{fmt.Errorf("certificate pins: %w", bad)},
	}
	w := newTestWindowOn(t, b)
	if w.pinsQuestion == nil || !strings.Contains(overlayText(w), "certificates") {
		t.Fatalf("no question about the certificates: %q", overlayText(w))
	}
	if strings.Contains(overlayText(w), "files cannot be used") {
		t.Error("the certificate problem was also shown as a plain file problem")
	}
	w.pinsQuestion.Confirm()
	now := w.Backend()
	if now.PinsUnavailable != nil {
		t.Fatal("yes did not take certificates into memory")
	}
	if _, err := now.Env.Connect(context.Background(), workflow.Target{Host: "192.0.2.1", Scheme: workflow.HTTPS}, workflow.ConnectOptions{}); workflow.KindOf(err) == workflow.NoPinStore {
		t.Error("after yes the window still has no certificate store")
	}
}

func TestAJournalThatCannotBeOpenedIsSaidAtStart(t *testing.T) {
	b := &backend.Backend{Discovery: &fakes.Discoverer{}, Problems: []error{errors.New("the journal: permission denied")}}
	w := newTestWindowOn(t, b)
	if got := overlayText(w); !strings.Contains(got, "files cannot be used") || !strings.Contains(got, "permission denied") {
		t.Errorf("start-up problems shown as %q", got)
	}
	if w.pinsQuestion != nil {
		t.Error("asked about certificates that are fine")
	}
}

// overlayText is what the window's dialogs paint.
func overlayText(w *testWindow) string {
	var b strings.Builder
	for _, o := range w.win.Canvas().Overlays().List() {
		uitest.WalkShown(o, func(c fyne.CanvasObject) {
			if t, ok := c.(*canvas.Text); ok {
				b.WriteString(t.Text + " ")
			}
		})
	}
	return b.String()
}
