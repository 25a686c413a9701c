package backend

import (
	"context"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/openipu/openipu/core/testdir"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/workflow"
)

// quiet searches nothing: these tests are about the backend's parts, and
// send no multicast.
func quiet() discovery.Options {
	return discovery.Options{
		DisableMDNS: true, DisableSSDP: true,
		ListInterfaces: func() ([]netif.Interface, error) {
			return []netif.Interface{{Name: "eth0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}}}, nil
		},
	}
}

func files(t *testing.T) Files {
	dir := testdir.New(t)
	return Files{Pins: filepath.Join(dir, "pins.json"), Journal: filepath.Join(dir, "journal.jsonl"), Backups: filepath.Join(dir, "backups")}
}

// httpsTarget is a simulated camera as discovery would have found it.
func httpsTarget(t *testing.T) (workflow.Target, *camsim.Camera) {
	t.Helper()
	cam, err := camsim.New(camsim.Config{Generation: camsim.Gen12})
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cam.Close() })
	hu, _ := url.Parse(cam.HTTPURL())
	su, _ := url.Parse(cam.HTTPSURL())
	hp, _ := strconv.Atoi(hu.Port())
	sp, _ := strconv.Atoi(su.Port())
	return workflow.Target{Host: hu.Hostname(), HTTPPort: hp, HTTPSPort: sp, MAC: cam.MAC()}, cam
}

func TestTheRealNetworkReachesCamerasOverHTTPSAndRecordsInTheUsersFiles(t *testing.T) {
	f := files(t)
	b := Network(quiet(), f)
	defer b.Shutdown()
	if len(b.Problems) != 0 || b.PinsUnavailable != nil {
		t.Fatalf("problems %v, pins %v", b.Problems, b.PinsUnavailable)
	}
	if b.Simulated || b.Power != nil || b.ARPPing == nil || b.AddressInUse == nil || b.SearchOnly == nil || b.Admins == nil || b.BackupDir != f.Backups {
		t.Errorf("the real network offers the wrong parts: %+v", b)
	}
	target, cam := httpsTarget(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := b.Env.Connect(ctx, target, workflow.ConnectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !c.Encrypted() {
		t.Error("a camera that offers HTTPS is reached over plain HTTP")
	}
	id, err := c.Identify(ctx)
	if err != nil || id.MAC != cam.MAC() {
		t.Fatalf("identify: %+v, %v", id.MAC, err)
	}
	if err := b.Env.Journal.Append(journal.Entry{Action: journal.Restart, Camera: journal.Camera{MAC: cam.MAC()}, Outcome: journal.Done}); err != nil {
		t.Fatal(err)
	}
	if es, err := journal.Read(f.Journal); err != nil || len(es) != 1 {
		t.Errorf("the user's journal holds %v, %v", es, err)
	}
	if _, err := b.SearchOnly([]string{"wlan9"}); err == nil {
		t.Error("a search on a connection this computer does not have was started")
	}
	web := b.WebURL(discovery.Device{Addresses: []netip.Addr{netip.MustParseAddr("10.0.4.101")}, HTTPPort: 80, HTTPSPort: 443})
	if web != "https://10.0.4.101/" {
		t.Errorf("the web page of a camera that announced HTTPS is %q", web)
	}
}

func TestAnUnusableCertificateFileIsSaidAndNothingFallsBackToPlainHTTP(t *testing.T) {
	f := files(t)
	if err := os.WriteFile(f.Pins, []byte(`{"pins":null}`), 0o600); err != nil {
		t.Fatal(err)
	}
	b := Network(quiet(), f)
	defer b.Shutdown()
	if b.PinsUnavailable == nil || len(b.Problems) == 0 {
		t.Fatalf("a damaged certificate list went unmentioned: %v", b.Problems)
	}
	target, _ := httpsTarget(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := b.Env.Connect(ctx, target, workflow.ConnectOptions{}); workflow.KindOf(err) != workflow.NoPinStore {
		t.Fatalf("without a certificate store the connector said %v, want NoPinStore", err)
	}
	kept := b.WithPinsInMemory()
	c, err := kept.Env.Connect(ctx, target, workflow.ConnectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !c.Encrypted() || kept.PinsUnavailable != nil {
		t.Error("certificates kept in memory did not give an HTTPS connection")
	}
	b.Admins.Remember("ACCC8E000001", "siteadmin")
	if got, _ := kept.Admins.Lookup("ACCC8E000001"); got != "siteadmin" {
		t.Error("the backend with pins in memory forgot the administrator names the window already knew")
	}
	if _, err := b.Env.Connect(ctx, target, workflow.ConnectOptions{}); workflow.KindOf(err) != workflow.NoPinStore {
		t.Error("WithPinsInMemory changed the backend it was made from")
	}
}

func TestAJournalThatCannotBeOpenedRefusesEntriesWithItsReason(t *testing.T) {
	f := files(t)
	f.Journal = testdir.New(t) // a folder, not a file
	b := Network(quiet(), f)
	defer b.Shutdown()
	if len(b.Problems) == 0 {
		t.Fatal("an unusable journal went unmentioned")
	}
	if err := b.Env.Journal.Append(journal.Entry{Action: journal.Restart, Outcome: journal.Done}); err == nil {
		t.Error("an entry was taken by a journal that could not be opened")
	}
}
