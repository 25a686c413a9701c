package camsim

import (
	"bytes"
	"encoding/hex"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// DefaultPictureSize is what image.cgi sends without resolution=. A real
// camera sends its configured resolution (often 1920x1080); the simulator
// keeps pictures small so a fleet's snapshots stay cheap.
const DefaultPictureSize = "640x360"

// pictureCache keeps each resolution's picture once made: it never
// changes for a camera.
type pictureCache struct {
	mu   sync.Mutex
	byWH map[string][]byte
}

// serveImage is image.cgi: one JPEG picture, for any logged-in user,
// at resolution=WxH when that is one the camera lists in
// Properties.Image.Resolution.
func (c *Camera) serveImage(w http.ResponseWriter, r *http.Request) {
	if !c.authorize(w, r, roleViewer) {
		return
	}
	size := r.URL.Query().Get("resolution")
	if size == "" {
		size = DefaultPictureSize
	}
	width, height, ok := c.pictureSize(size)
	if !ok {
		// How a camera refuses a resolution it lacks is not recorded.
		writeApache(w, http.StatusBadRequest, apache400)
		return
	}
	body, err := c.picture(width, height)
	if err != nil {
		writeApache(w, http.StatusInternalServerError, apache400)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	writeBody(w, http.StatusOK, "image/jpeg", body)
}

// pictureSize accepts a size from the camera's own resolution list.
func (c *Camera) pictureSize(s string) (int, int, bool) {
	for _, p := range c.currentParams() {
		if p.name != "Properties.Image.Resolution" {
			continue
		}
		for _, res := range strings.Split(p.value, ",") {
			if res == s {
				ws, hs, _ := strings.Cut(s, "x")
				wd, err1 := strconv.Atoi(ws)
				ht, err2 := strconv.Atoi(hs)
				return wd, ht, err1 == nil && err2 == nil
			}
		}
	}
	return 0, 0, false
}

// Picture is the camera's test picture at width×height, as image.cgi
// sends it.
func (c *Camera) Picture(width, height int) ([]byte, error) { return c.picture(width, height) }

func (c *Camera) picture(width, height int) ([]byte, error) {
	key := strconv.Itoa(width) + "x" + strconv.Itoa(height)
	pc := &c.pictures
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if b, ok := pc.byWH[key]; ok {
		return b, nil
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testPicture(c.cfg.MAC, width, height), &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	if pc.byWH == nil {
		pc.byWH = map[string][]byte{}
	}
	pc.byWH[key] = buf.Bytes()
	return buf.Bytes(), nil
}

// bars are the classic colour bars, left to right.
var bars = []color.RGBA{
	{235, 235, 235, 255}, {235, 235, 16, 255}, {16, 235, 235, 255}, {16, 235, 16, 255},
	{235, 16, 235, 255}, {235, 16, 16, 255}, {16, 16, 235, 255}, {16, 16, 16, 255},
}

// testPicture is colour bars over a band in the camera's own colour (from
// the last three bytes of its MAC), in which the 48 bits of the MAC show
// as light and dark squares: two cameras' pictures never look alike.
func testPicture(mac string, width, height int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	b, _ := hex.DecodeString(mac)
	if len(b) != 6 {
		b = make([]byte, 6)
	}
	own := color.RGBA{64 + b[3]/2, 64 + b[4]/2, 64 + b[5]/2, 255}
	barsEnd := height * 2 / 3
	cell := max(width/48, 1)
	for y := range height {
		for x := range width {
			var col color.RGBA
			switch {
			case y < barsEnd:
				col = bars[min(x*len(bars)/width, len(bars)-1)]
			case y >= barsEnd+(height-barsEnd)/3 && y < barsEnd+2*(height-barsEnd)/3 && x/cell < 48:
				bit := x / cell
				if b[bit/8]>>(7-bit%8)&1 == 1 {
					col = color.RGBA{240, 240, 240, 255}
				} else {
					col = color.RGBA{24, 24, 24, 255}
				}
			default:
				col = own
			}
			img.SetRGBA(x, y, col)
		}
	}
	return img
}

// validFriendlyName is what the simulator stores as a friendly name:
// printable text of at most 63 bytes (the DNS-SD instance name limit; a
// camera's own limit is not recorded).
func validFriendlyName(s string) bool {
	if s == "" || len(s) > 63 || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}
