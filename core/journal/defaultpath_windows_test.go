package journal

import (
	"testing"

	"github.com/openipu/openipu/core/internal/appdatatest"
)

func TestDefaultPathIsInTheRoamingAppDataFolder(t *testing.T) {
	got, err := DefaultPath()
	appdatatest.IsRoaming(t, got, err, "openipu", "journal.jsonl")
}
