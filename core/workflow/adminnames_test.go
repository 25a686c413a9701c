package workflow

import (
	"sync"
	"testing"
)

func TestAdminNamesRemembersEachCameraSeparatelyWhateverTheMACSpelling(t *testing.T) {
	a := NewAdminNames()
	a.Remember("ac:cc:8e:00:00:01", "root")
	a.Remember("ACCC8E000002", "siteadmin")
	if got, ok := a.Lookup("ACCC8E000001"); !ok || got != "root" {
		t.Errorf("first camera: %q, %v", got, ok)
	}
	if got, ok := a.Lookup("ac-cc-8e-00-00-02"); !ok || got != "siteadmin" {
		t.Errorf("second camera: %q, %v", got, ok)
	}
	if got, ok := a.Lookup("ACCC8E000003"); ok {
		t.Errorf("a camera never logged into: %q", got)
	}
	a.Remember("ACCC8E000001", "operator")
	if got, _ := a.Lookup("ACCC8E000001"); got != "operator" {
		t.Errorf("after a new name: %q", got)
	}
}

func TestAdminNamesIgnoresNamesAndMACsThatCannotBeRight(t *testing.T) {
	a := NewAdminNames()
	a.Remember("", "root")
	a.Remember("not a mac", "root")
	a.Remember("ACCC8E000001", "site admin")
	a.Remember("ACCC8E000001", "")
	if got, ok := a.Lookup("ACCC8E000001"); ok {
		t.Errorf("an invalid name was kept: %q", got)
	}
	if _, ok := a.Lookup(""); ok {
		t.Error("an empty MAC found a name")
	}
}

func TestANilAdminNamesRemembersNothingAndDoesNotCrash(t *testing.T) {
	var a *AdminNames
	a.Remember("ACCC8E000001", "root")
	if got, ok := a.Lookup("ACCC8E000001"); ok {
		t.Errorf("nil memory found %q", got)
	}
	var zero AdminNames
	zero.Remember("ACCC8E000001", "root")
	if got, _ := zero.Lookup("ACCC8E000001"); got != "root" {
		t.Errorf("the zero value: %q", got)
	}
}

func TestAdminNamesIsSafeFromManyGoroutines(t *testing.T) {
	a := NewAdminNames()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				a.Remember("ACCC8E00000"+string(rune('0'+i)), "root")
				a.Lookup("ACCC8E000000")
			}
		}()
	}
	wg.Wait()
	if got, _ := a.Lookup("ACCC8E000007"); got != "root" {
		t.Errorf("after concurrent use: %q", got)
	}
}
