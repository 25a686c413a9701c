package handover

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"

	"github.com/openipu/openipu/core/journal"
)

const (
	// thumbWidth is the width a snapshot is kept at: enough to recognise
	// the view in the report, small enough that a site of hundreds of
	// cameras stays a few megabytes.
	thumbWidth = 480
	// maxSnapshot bounds a picture accepted from a camera.
	maxSnapshot = 16 << 20
	// maxPixels bounds a picture's size before it is decoded, so a
	// hostile camera's tiny file that claims a huge picture cannot take
	// the memory.
	maxPixels = 50_000_000
)

func snapshotName(mac string) string { return mac + ".jpg" }

// Thumbnail decodes a camera's JPEG and returns a smaller JPEG of it.
func Thumbnail(raw []byte) ([]byte, error) {
	if len(raw) > maxSnapshot {
		return nil, &Error{Kind: NotImage}
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(raw))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return nil, &Error{Kind: NotImage, Err: err}
	}
	src, err := jpeg.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, &Error{Kind: NotImage, Err: err}
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > thumbWidth {
		w, h = thumbWidth, max(1, h*thumbWidth/b.Dx())
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 80}); err != nil {
		return nil, &Error{Kind: NotImage, Err: err}
	}
	return out.Bytes(), nil
}

// AttachSnapshot keeps a camera's picture, made small, in the session's
// snapshot folder and ticks the camera's Snapshot step. The file is
// written atomically like the session.
func (l *Live) AttachSnapshot(mac string, raw []byte) error {
	small, err := Thumbnail(raw)
	if err != nil {
		return err
	}
	l.mu.Lock()
	_, known := l.s.Camera(mac)
	id := l.s.ID
	l.mu.Unlock()
	if !known {
		return &Error{Kind: UnknownCamera, Name: mac}
	}
	dir := l.st.SnapshotDir(id)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &Error{Kind: CannotWrite, Path: dir, Err: err}
	}
	path := filepath.Join(dir, snapshotName(mac))
	if err := l.st.writeAtomic(path, small); err != nil {
		return &Error{Kind: CannotWrite, Path: path, Err: err}
	}
	return l.change(func(s *Session) (bool, error) {
		i := s.index(mac)
		if i < 0 {
			return false, &Error{Kind: UnknownCamera, Name: mac}
		}
		s.Cameras[i].SnapshotFile = snapshotName(mac)
		s.apply(journal.Entry{Time: l.st.now(), Action: journal.Snapshot, Camera: journal.Camera{MAC: mac}, Outcome: journal.Done})
		return true, nil
	})
}

// SnapshotPath is the file of a camera's snapshot in the session, "" if
// it has none.
func (l *Live) SnapshotPath(mac string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	c, ok := l.s.Camera(mac)
	if !ok || c.SnapshotFile == "" {
		return ""
	}
	return filepath.Join(l.st.SnapshotDir(l.s.ID), c.SnapshotFile)
}

// Recorders writes each entry to every recorder: the journal and the live
// session, so that one workflow run is both recorded and ticked. The
// first error is returned, after every recorder had its turn.
type Recorders []interface{ Append(journal.Entry) error }

// Append implements the workflow recorder.
func (rs Recorders) Append(e journal.Entry) error {
	var first error
	for _, r := range rs {
		if r == nil {
			continue
		}
		if err := r.Append(e); err != nil && first == nil {
			first = err
		}
	}
	return first
}
