package ssdpresp

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Every camera serves its description on its own address at one shared
// port; one listener on 0.0.0.0 tells the cameras apart by the address a
// connection came in on.

func listenDescription(ctx context.Context, port int) (net.Listener, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp4", fmt.Sprintf("0.0.0.0:%d", port))
	if err != nil {
		// Taken (another responder, a real UPnP stack): libupnp, too,
		// moves to another port.
		ln, err = lc.Listen(ctx, "tcp4", "0.0.0.0:0")
	}
	if err != nil {
		return nil, fmt.Errorf("ssdpresp: description server: %w", err)
	}
	return ln, nil
}

// gateListener drops connections to an address where no SSDP camera is
// up, so a camera that is down or silent is unreachable, not a 404.
type gateListener struct {
	net.Listener
	serves func(netip.Addr) bool
}

func (g gateListener) Accept() (net.Conn, error) {
	for {
		c, err := g.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if ap, err := netip.ParseAddrPort(c.LocalAddr().String()); err == nil && g.serves(ap.Addr().Unmap()) {
			return c, nil
		}
		c.Close()
	}
}

func (r *Responder) serves(a netip.Addr) bool {
	return r.cameraAt(a) != nil
}

func (r *Responder) cameraAt(a netip.Addr) *camera {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed.Load() {
		return nil
	}
	return r.byIP[a]
}

func (r *Responder) descriptionServer() *http.Server {
	return &http.Server{
		Handler:           http.HandlerFunc(r.serveDescription),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       30 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
}

func (r *Responder) serveDescription(w http.ResponseWriter, req *http.Request) {
	la, _ := req.Context().Value(http.LocalAddrContextKey).(net.Addr)
	var cam *camera
	if la != nil {
		if ap, err := netip.ParseAddrPort(la.String()); err == nil {
			cam = r.cameraAt(ap.Addr().Unmap())
		}
	}
	if cam == nil || req.URL.Path != "/rootdesc1.xml" {
		http.NotFound(w, req)
		return
	}
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	r.mu.Lock()
	mis := r.misbehave[cam.mac]
	port := r.descPort
	done := r.done
	r.mu.Unlock()
	body := description(cam, port)
	h := w.Header()
	h.Set("Content-Type", `text/xml; charset="utf-8"`)
	h.Set("Server", server)
	h.Set("X-User-Agent", "redsonic")
	switch {
	case mis.SlowDescription:
		serveSlowly(w, req, body, done)
	case mis.HugeDescription:
		serveHuge(w, req, body, done)
	default:
		h.Set("Content-Length", strconv.Itoa(len(body)))
		if req.Method == http.MethodGet {
			_, _ = w.Write(body)
		}
	}
}

// description is rootdesc1.xml as the M1014 capture has it
// (testdata/axis/rootdesc1.xml; docs/protocol.md, SSDP), with this camera's
// identity and addresses.
func description(cam *camera, descPort uint16) []byte {
	info := cam.info
	presentation := "http://" + netip.AddrPortFrom(cam.ip, info.HTTPAddr.Port()).String() + "/"
	if !info.HTTPAddr.IsValid() {
		presentation = "https://" + netip.AddrPortFrom(cam.ip, info.HTTPSAddr.Port()).String() + "/"
	}
	e := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n")
	b.WriteString(`<root xmlns="urn:schemas-upnp-org:device-1-0">` + "\n")
	b.WriteString("  <specVersion><major>1</major><minor>0</minor></specVersion>\n")
	b.WriteString("  <device>\n")
	b.WriteString("    <deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>\n")
	b.WriteString("    <friendlyName>" + e(info.FriendlyNameUPnP) + "</friendlyName>\n")
	b.WriteString("    <manufacturer>AXIS</manufacturer>\n")
	b.WriteString("    <manufacturerURL>http://www.axis.com/</manufacturerURL>\n")
	b.WriteString("    <modelDescription>" + e(info.FullName) + "</modelDescription>\n")
	b.WriteString("    <modelName>" + e(info.ProdShortName) + "</modelName>\n")
	b.WriteString("    <modelNumber>" + e(info.Model) + "</modelNumber>\n")
	b.WriteString("    <modelURL>http://www.axis.com/</modelURL>\n")
	b.WriteString("    <serialNumber>" + e(info.MAC) + "</serialNumber>\n")
	b.WriteString("    <UDN>" + e(cam.udn) + "</UDN>\n")
	b.WriteString("    <serviceList><service>\n")
	b.WriteString("      <serviceType>urn:axis-com:service:BasicService:1</serviceType>\n")
	b.WriteString("      <serviceId>urn:axis-com:serviceId:BasicServiceId</serviceId>\n")
	b.WriteString("      <controlURL>/upnp/control/BasicServiceId</controlURL>\n")
	b.WriteString("      <eventSubURL>/upnp/event/BasicServiceId</eventSubURL>\n")
	b.WriteString("      <SCPDURL>/scpd_basic.xml</SCPDURL>\n")
	b.WriteString("    </service></serviceList>\n")
	b.WriteString("    <presentationURL>" + e(presentation) + "</presentationURL>\n")
	b.WriteString("  </device>\n")
	b.WriteString("  <URLBase>http://" + netip.AddrPortFrom(cam.ip, descPort).String() + "/</URLBase>\n")
	b.WriteString("</root>\n")
	return []byte(b.String())
}

// HugeDescriptionSize is what a camera set to HugeDescription sends.
const HugeDescriptionSize = 10 << 20

// serveHuge sends a valid description padded with a comment to 10 MB.
func serveHuge(w http.ResponseWriter, req *http.Request, body []byte, done <-chan struct{}) {
	head, tail, _ := bytes.Cut(body, []byte("\n"))
	open, closing := []byte("\n<!-- "), []byte(" -->\n")
	pad := HugeDescriptionSize - len(head) - len(open) - len(closing) - len(tail)
	w.Header().Set("Content-Length", strconv.Itoa(HugeDescriptionSize))
	if req.Method != http.MethodGet {
		return
	}
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	write := func(b []byte) bool {
		select {
		case <-done:
			return false
		case <-req.Context().Done():
			return false
		default:
		}
		_, err := w.Write(b)
		return err == nil
	}
	if !write(head) || !write(open) {
		return
	}
	for pad > 0 {
		n := min(pad, len(chunk))
		if !write(chunk[:n]) {
			return
		}
		pad -= n
	}
	_ = write(closing) && write(tail)
}

// slowStep is the pace of an endless slow description: one byte each.
const slowStep = 200 * time.Millisecond

// serveSlowly trickles the description a byte at a time and then keeps
// the reply open with whitespace, forever: until the client gives up or
// the responder closes.
func serveSlowly(w http.ResponseWriter, req *http.Request, body []byte, done <-chan struct{}) {
	if req.Method != http.MethodGet {
		return
	}
	rc := http.NewResponseController(w)
	w.WriteHeader(http.StatusOK)
	_ = rc.Flush()
	tick := time.NewTicker(slowStep)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-done:
			return
		case <-req.Context().Done():
			return
		case <-tick.C:
		}
		b := byte('\n')
		if i < len(body) {
			b = body[i]
		}
		if _, err := w.Write([]byte{b}); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}
