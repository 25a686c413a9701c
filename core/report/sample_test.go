package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/testdir"
	"github.com/openipu/openipu/core/usermsg"

	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/journal"
)

const (
	sampleSite = "Östra Hamngatan 7, block B"
	samplePass = "Sup3r-Secret!pw"
)

// testJPEG draws a small scene, different per camera, so a thumbnail in
// a rendered page is recognisable as a picture.
func testJPEG(t testing.TB, seed int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 640, 360))
	for y := 0; y < 360; y++ {
		for x := 0; x < 640; x++ {
			c := color.RGBA{uint8(x*255/640 + seed*40), uint8(y * 255 / 360), uint8(120 + seed*30), 255}
			if y > 250 {
				c = color.RGBA{60, 90 + uint8(seed*20), 60, 255} // ground
			}
			if (x-200-seed*40)*(x-200-seed*40)+(y-120)*(y-120) < 40*40 {
				c = color.RGBA{250, 220, 80, 255} // sun
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type sampleCamera struct {
	mac, serial, model, firmware, addr, name, location string
}

// sampleSession builds a handover through the handover API, as the window
// does: cameras found, journal entries applied, steps ticked by hand, one
// failure, one camera left out, snapshots attached. It returns the session
// and its snapshot folder.
func sampleSession(t testing.TB, n int) (handover.Session, string) {
	t.Helper()
	st := handover.NewStore(testdir.New(t))
	l, err := st.Create(sampleSite)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(l.SetPeople(sampleSite, "Jörg Müller, Łódź Installations", "Ångström Fastigheter AB"))
	base := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	fixed := []sampleCamera{
		{"ACCC8E0A0001", "ACCC8E0A0001", "AXIS M3086-V", "11.11.73", "10.0.20.11", "Entrance, \"main\" door", "Ground floor\nlobby, east"},
		{"ACCC8E0A0002", "ACCC8E0A0002", "AXIS M3086-V", "12.2.45", "10.0.20.12", "Car park – Łódź wing", "Basement -1"},
		{"ACCC8E0A0003", "ACCC8E0A0003", "AXIS P1465-LE", "11.8.64", "10.0.20.13", "=HYPERLINK(\"http://x\",\"a\")", "Roof"},
		{"ACCC8E0A0004", "ACCC8E0A0004", "AXIS P1465-LE", "11.8.64", "10.0.20.14", "Bike room", "Courtyard, Müller's side"},
	}
	for i := len(fixed); i < n; i++ {
		mac := fmt.Sprintf("ACCC8E%06X", 0x0B0000+i)
		fixed = append(fixed, sampleCamera{mac, mac, "AXIS M1075-L", "11.11.73", fmt.Sprintf("10.0.%d.%d", 21+i/250, 1+i%250),
			fmt.Sprintf("Stairwell %d", i), fmt.Sprintf("Floor %d", i%12)})
	}
	if n < len(fixed) {
		fixed = fixed[:n]
	}
	pic := testJPEG(t, 0)
	for i, c := range fixed {
		at := base.Add(time.Duration(i) * time.Minute)
		cam := journal.Camera{MAC: c.mac, Serial: c.serial, Model: c.model, Firmware: c.firmware, Host: "192.168.0.90"}
		must(l.Found(handover.Sighting{MAC: c.mac, Serial: c.serial, Model: c.model, Firmware: c.firmware,
			Address: "192.168.0.90", Via: "Bonjour", On: "eth0", At: at}))
		must(l.Append(journal.Entry{Time: at.Add(time.Second), Action: journal.FactoryDefault, Camera: cam, Outcome: journal.Done, Detail: "hard"}))
		must(l.Append(journal.Entry{Time: at.Add(2 * time.Second), Action: journal.SetPassword, Camera: cam, Outcome: journal.Done, User: "root"}))
		must(l.Describe(c.mac, c.name, c.location))
		if i == 1 {
			// The network step failed and is still open.
			must(l.Append(journal.Entry{Time: at.Add(3 * time.Second), Action: journal.SetIP, Camera: cam, Outcome: journal.Failed, ErrorKey: "vapix.unreachable"}))
		} else if i == 2 {
			must(l.MarkDone(c.mac, handover.Network, "Set by the site's IT on the DHCP reservation"))
		} else {
			must(l.Append(journal.Entry{Time: at.Add(3 * time.Second), Action: journal.SetIP, Camera: cam, Outcome: journal.Done, Detail: c.addr + "/24 gw 10.0.20.1"}))
		}
		if i != 1 {
			offset := int64(73200)
			if i%2 == 0 {
				offset = -3240
			}
			must(l.Append(journal.Entry{Time: at.Add(4 * time.Second), Action: journal.CheckClock, Camera: cam, Outcome: journal.Done, ClockOffsetMS: offset}))
		}
		if i != 1 && i != 3 {
			p := pic
			if i < 4 {
				p = testJPEG(t, i)
			}
			must(l.AttachSnapshot(c.mac, p))
		}
	}
	if n > 3 {
		must(l.Exclude(fixed[3].mac, true, "Owned by the tenant of unit 4, not the property"))
	}
	// Steps the store timed itself (names, snapshots, ticks by hand)
	// carry today's date; pin them to the sample's day so documents and
	// screenshots come out the same on every run.
	sess := l.Session()
	for i, c := range sess.Cameras {
		for st, tick := range c.Steps {
			if tick.At.After(base.Add(24 * time.Hour)) {
				tick.At = base.Add(time.Duration(i)*time.Minute + 30*time.Second)
				c.Steps[st] = tick
			}
		}
	}
	return sess, l.Store().SnapshotDir(l.ID())
}

var sampleNow = time.Date(2026, 3, 14, 16, 45, 0, 0, time.UTC)

func sampleOptions(dir string) Options {
	return Options{SnapshotDir: dir, Now: sampleNow, Location: time.UTC}
}

func translateUpper(m usermsg.Message) string { return strings.ToUpper(m.String()) }
