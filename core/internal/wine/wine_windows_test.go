package wine

import (
	"testing"

	"golang.org/x/sys/windows/registry"
)

// Wine's own registry has HKLM\Software\Wine; a second, independent sign
// that must agree with the ntdll export Running looks for.
func TestRunningAgreesWithWinesRegistryKey(t *testing.T) {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `Software\Wine`, registry.QUERY_VALUE)
	hasKey := err == nil
	if hasKey {
		k.Close()
	}
	if got := Running(); got != hasKey {
		t.Fatalf("Running() = %v, but HKLM\\Software\\Wine exists: %v (%v)", got, hasKey, err)
	}
}
