package assets

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// windowsIconSizes are the pictures in windows/openipu.ico: Explorer picks
// 16 and 32 for lists, 48 for tiles and 256 for large icons; 24 and 64 are
// what it scales to at 150 % and 200 %. Each is rendered from icon.svg at its
// own size rather than shrunk from the 512 PNG, so small ones stay crisp.
var windowsIconSizes = []int{16, 24, 32, 48, 64, 256}

const windowsIconPath = "windows/openipu.ico"

// encodeICO writes an .ico whose entries are PNG-compressed, which Windows
// has read since Vista; the header and directory are the ICONDIR and
// ICONDIRENTRY records the format defines (a width or height of 256 is
// written as 0).
func encodeICO(images []*image.NRGBA) ([]byte, error) {
	var pngs [][]byte
	for _, img := range images {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			return nil, err
		}
		pngs = append(pngs, b.Bytes())
	}
	var out bytes.Buffer
	le := binary.LittleEndian
	_ = binary.Write(&out, le, [3]uint16{0, 1, uint16(len(images))}) // reserved, type icon, count
	offset := 6 + 16*len(images)
	for i, img := range images {
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		dim := func(n int) uint8 {
			if n >= 256 {
				return 0
			}
			return uint8(n)
		}
		_ = binary.Write(&out, le, struct {
			W, H, Colors, Reserved uint8
			Planes, BitCount       uint16
			Size, Offset           uint32
		}{dim(w), dim(h), 0, 0, 1, 32, uint32(len(pngs[i])), uint32(offset)})
		offset += len(pngs[i])
	}
	for _, p := range pngs {
		out.Write(p)
	}
	return out.Bytes(), nil
}

// decodeICO reads back the PNG entries encodeICO writes.
func decodeICO(data []byte) ([]image.Image, error) {
	le := binary.LittleEndian
	if len(data) < 6 || le.Uint16(data[0:]) != 0 || le.Uint16(data[2:]) != 1 {
		return nil, fmt.Errorf("not an icon file")
	}
	n := int(le.Uint16(data[4:]))
	var out []image.Image
	for i := 0; i < n; i++ {
		e := 6 + 16*i
		if e+16 > len(data) {
			return nil, fmt.Errorf("entry %d is cut off", i)
		}
		size, off := int(le.Uint32(data[e+8:])), int(le.Uint32(data[e+12:]))
		if off < 0 || size < 0 || off+size > len(data) {
			return nil, fmt.Errorf("entry %d points outside the file", i)
		}
		img, err := png.Decode(bytes.NewReader(data[off : off+size]))
		if err != nil {
			return nil, fmt.Errorf("entry %d: %w", i, err)
		}
		w, h := int(data[e]), int(data[e+1])
		if w == 0 {
			w = 256
		}
		if h == 0 {
			h = 256
		}
		if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
			return nil, fmt.Errorf("entry %d says %dx%d but holds %dx%d", i, w, h, b.Dx(), b.Dy())
		}
		out = append(out, img)
	}
	return out, nil
}

// The .ico is committed, like icon.png, so that the Windows build needs no
// image tool; after icon.svg changes:
//
//	go test ./assets -run TestWindowsIconIsLogoRenderedAtEachSize -update
func TestWindowsIconIsLogoRenderedAtEachSize(t *testing.T) {
	var want []*image.NRGBA
	for _, s := range windowsIconSizes {
		want = append(want, renderLogo(t, s))
	}
	if *update {
		data, err := encodeICO(want)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.FromSlash(windowsIconPath), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log(windowsIconPath + " rewritten")
		return
	}
	data, err := os.ReadFile(filepath.FromSlash(windowsIconPath))
	if err != nil {
		t.Fatalf("%v: regenerate it with -update", err)
	}
	got, err := decodeICO(data)
	if err != nil {
		t.Fatalf("%s: %v", windowsIconPath, err)
	}
	if len(got) != len(want) {
		t.Fatalf("%s holds %d pictures, want %d (%v); regenerate it with -update", windowsIconPath, len(got), len(want), windowsIconSizes)
	}
	for i, w := range want {
		bad := differingPixels(t, got[i], w, 0)
		b := w.Bounds()
		if bad > 0 {
			t.Errorf("the %dx%d picture differs from icon.svg in %d pixels: %s is stale; regenerate it with -update", b.Dx(), b.Dy(), bad, windowsIconPath)
		}
	}
}
