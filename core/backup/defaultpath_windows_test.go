package backup

import (
	"testing"

	"github.com/openipu/openipu/core/internal/appdatatest"
)

func TestDefaultDirIsInTheRoamingAppDataFolder(t *testing.T) {
	got, err := DefaultDir()
	appdatatest.IsRoaming(t, got, err, "openipu", "backups")
}
