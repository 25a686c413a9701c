package backup

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/openipu/openipu/core/vapix"
)

// File is a backup read back.
type File struct {
	Identity Identity
	// Time is when the backup was taken (second precision).
	Time time.Time
	// Params are the parsed settings.
	Params []vapix.Param
	// Raw is the camera's reply exactly as it was received.
	Raw []byte
}

// Read loads a backup written by Save.
func Read(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, fmt.Errorf("open the settings backup: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return File{}, fmt.Errorf("read the settings backup: %w", err)
	}
	if len(data) > maxFile {
		return File{}, &Error{Kind: NotBackup, Path: path, Err: fmt.Errorf("larger than %d bytes", maxFile)}
	}
	b, err := parse(data)
	if err != nil {
		return File{}, &Error{Kind: NotBackup, Path: path, Err: err}
	}
	return b, nil
}

func parse(data []byte) (File, error) {
	var b File
	rest := data
	next := func() (string, bool) {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return "", false
		}
		line := strings.TrimSuffix(string(rest[:i]), "\r")
		rest = rest[i+1:]
		return line, true
	}
	if line, ok := next(); !ok || line != firstLine {
		return b, errors.New("missing the OpenIPU backup first line")
	}
	for {
		line, ok := next()
		if !ok {
			return b, errors.New("the header never ends")
		}
		if line == endMarker {
			break
		}
		k, v, ok := strings.Cut(strings.TrimPrefix(line, "# "), ": ")
		if !strings.HasPrefix(line, "#") {
			return b, errors.New("a header line does not start with #")
		}
		if !ok {
			continue // prose such as the privacy note
		}
		switch k {
		case fieldMAC:
			b.Identity.MAC = v
		case fieldSerial:
			b.Identity.Serial = v
		case fieldModel:
			b.Identity.Model = v
		case fieldFirmware:
			b.Identity.Firmware = v
		case fieldHost:
			b.Identity.Host = v
		case fieldTime:
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return b, fmt.Errorf("the time in the header: %w", err)
			}
			b.Time = t
		}
	}
	b.Raw = rest
	params, err := vapix.ParseParams(rest)
	if err != nil && !partial(params, err) {
		return b, fmt.Errorf("the settings: %w", err)
	}
	b.Params = params
	return b, nil
}
