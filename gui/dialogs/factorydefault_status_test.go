package dialogs

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
)

func TestFactoryDefaultClearsTheProgressLineWhenTheLoginFails(t *testing.T) {
	h := newFakeHost(t)
	cam := startSim(t, camsim.Config{Generation: camsim.Gen11, Admin: &camsim.Account{User: "root", Password: "the-right-one"}})
	h.connectTo(connectSims(cam))
	d := openFactoryDefault(t, h, simDevice(cam))
	test.Type(d.login.password, "the-wrong-one")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if d.status.Text != "" {
		t.Errorf("under the error the progress line still says %q", d.status.Text)
	}
}
