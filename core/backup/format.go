// Package backup saves a camera's settings to a file before anything is
// reset, so that an installer who resets the wrong camera, or the right one
// too eagerly, can still see how it was set up.
//
// A backup is a text file: a few "#" comment lines naming the device and the
// time, then the camera's reply to param.cgi?action=list byte for byte, so
// that nothing is lost to our own parsing and a later "compare" or "restore"
// can work from exactly what the camera said.
//
// Camera parameter lists carry no account passwords in clear, but they can
// hold other secrets (SNMP communities, Wi-Fi keys, 802.1X settings). That is
// the point of a backup, as it is the owner's own configuration; but it is
// why every file is created readable by its owner only (0600).
package backup

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/openipu/openipu/core/devtext"
)

const (
	firstLine = "# OpenIPU settings backup"
	// endMarker separates our header from the camera's reply, which may
	// itself begin with "#" lines (param.cgi reports errors that way).
	endMarker = "# --- param.cgi?action=list reply follows, exactly as received ---"
	// maxFile bounds what Read loads. The largest real parameter lists are a
	// few hundred kilobytes.
	maxFile = 16 << 20
)

// Header field names, in the order they are written.
const (
	fieldMAC      = "MAC"
	fieldSerial   = "Serial"
	fieldModel    = "Model"
	fieldFirmware = "Firmware"
	fieldHost     = "Host"
	fieldTime     = "Time"
)

// Identity names the camera a backup came from.
type Identity struct {
	MAC      string // 12 uppercase hex digits
	Serial   string
	Model    string // e.g. "AXIS M1075-L"
	Firmware string // e.g. "12.9.57"
	Host     string // the address it was reached at
}

// DefaultDir is where backups go unless the user chooses: a folder in the
// per-user configuration folder, next to the journal that lists them.
func DefaultDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user configuration folder: %w", err)
	}
	return filepath.Join(dir, "openipu", "backups"), nil
}

// FileName is the default name of a backup: openipu-backup-<MAC>-<YYYYMMDD-HHMMSS>.txt,
// in local time so that it matches the clock the installer looks at.
func FileName(mac string, t time.Time) string {
	return fmt.Sprintf("openipu-backup-%s-%s.txt", fileSafeMAC(mac), t.Format("20060102-150405"))
}

// fileSafeMAC keeps only hex digits, so that whatever a device reported as
// its MAC cannot turn into a path.
func fileSafeMAC(mac string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(mac) {
		if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'F') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "unknown"
	}
	return b.String()
}

// headerValue keeps a value on its one line, so that a model name or host
// containing a newline cannot forge another header field, and free of
// escape sequences, which a terminal showing the file would obey. The values
// come cleaned from where they were read; this is the last stop before disk.
func headerValue(s string) string { return devtext.Clean(s) }

func header(id Identity, t time.Time) string {
	var b strings.Builder
	line := func(k, v string) { fmt.Fprintf(&b, "# %s: %s\n", k, headerValue(v)) }
	b.WriteString(firstLine + "\n")
	line(fieldMAC, id.MAC)
	line(fieldSerial, id.Serial)
	line(fieldModel, id.Model)
	line(fieldFirmware, id.Firmware)
	line(fieldHost, id.Host)
	line(fieldTime, t.Format(time.RFC3339))
	b.WriteString("# These settings may include secrets such as SNMP communities or Wi-Fi keys: keep this file private.\n")
	b.WriteString(endMarker + "\n")
	return b.String()
}
