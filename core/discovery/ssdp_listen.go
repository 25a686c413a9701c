package discovery

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strconv"

	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
)

// ssdpGroup is where cameras announce themselves (NOTIFY ssdp:alive and
// ssdp:byebye).
var ssdpGroup = &net.UDPAddr{IP: net.IPv4(239, 255, 255, 250), Port: 1900}

// AnnouncementsUnheardError says that port 1900, where cameras announce
// themselves, could not be opened: most often another program holds it
// without sharing it (PortHeld). Searching goes on from a port of its own,
// and cameras answer it there, so they are still found; a camera that only
// announces itself is not heard until the next search.
type AnnouncementsUnheardError struct {
	Err error
	// PortHeld is true when the system said the port is in use; only then
	// does the notice blame another program.
	PortHeld bool
}

func (e *AnnouncementsUnheardError) Error() string {
	return fmt.Sprintf("ssdp: cannot listen for announcements on UDP port 1900: %v", e.Err)
}

func (e *AnnouncementsUnheardError) Unwrap() error { return e.Err }

// Explain is the plain-language notice; it is not a failure of the search.
func (e *AnnouncementsUnheardError) Explain() usermsg.Problem {
	if !e.PortHeld {
		return usermsg.Problem{What: MsgAnnouncementsNotListening, Next: MsgAnnouncementsUnheardNext}
	}
	return usermsg.Problem{What: MsgAnnouncementsUnheard, Next: MsgAnnouncementsUnheardNext}
}

// The notice for AnnouncementsUnheardError, in the status the window
// shows.
var (
	MsgAnnouncementsUnheard = usermsg.Message{Key: "discovery.ssdp_port_held",
		Text: "Announcements from cameras cannot be heard here because another program holds UDP port 1900; searching still finds them."}
	MsgAnnouncementsNotListening = usermsg.Message{Key: "discovery.ssdp_listen_refused",
		Text: "Announcements from cameras cannot be heard here: this computer did not let OpenIPU listen on UDP port 1900. Searching still looks for cameras."}
	MsgAnnouncementsUnheardNext = usermsg.Message{Key: "discovery.ssdp_port_held.next",
		Text: "Nothing needs to be done. A camera that was just plugged in appears at the next search; “Search again” looks at once."}
)

// listenNotify opens the socket that hears NOTIFY on 239.255.255.250:1900.
// The port is shared (reuseAddrControl), so it binds next to Windows' own
// SSDP Discovery service, miniupnpd or a media server that allowed sharing
// too. go-ssdp's Monitor cannot be handed a socket, so the announcements
// are read here and go to the same handling as before (ssdpClient.notify).
func listenNotify(ctx context.Context, ifaces []netif.Interface) (*ipv4.PacketConn, error) {
	lc := net.ListenConfig{Control: reuseAddrControl}
	c, err := lc.ListenPacket(ctx, "udp4", fmt.Sprintf("0.0.0.0:%d", ssdpGroup.Port))
	if err != nil {
		return nil, &AnnouncementsUnheardError{Err: err, PortHeld: portInUse(err)}
	}
	pc := ipv4.NewPacketConn(c)
	var errs []error
	joined := 0
	for _, it := range ifaces {
		if err := pc.JoinGroup(&net.Interface{Index: it.Index, Name: it.Name}, ssdpGroup); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", it.Name, err))
			continue
		}
		joined++
	}
	if joined == 0 {
		c.Close()
		return nil, fmt.Errorf("ssdp: could not join the announcement group on any interface: %w", errors.Join(errs...))
	}
	return pc, nil
}

// readNotify hands every announcement to c.notify until pc is closed.
func (c *ssdpClient) readNotify(pc *ipv4.PacketConn) {
	buf := make([]byte, maxDatagram+1)
	for {
		n, _, src, err := pc.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		if n > maxDatagram {
			c.stats.dropped.Add(1)
			continue
		}
		m, ok := parseNotify(buf[:n])
		if !ok {
			continue
		}
		c.notify(src, m.usn, m.location, m.maxAge, m.bye)
	}
}

type notifyMessage struct {
	usn, location string
	maxAge        int // -1 when not said
	bye           bool
}

var maxAgeRE = regexp.MustCompile(`(?i)\bmax-age\s*=\s*(\d+)\b`)

// parseNotify reads a NOTIFY ssdp:alive or ssdp:byebye; anything else
// (the M-SEARCH of other programs, replies) is not an announcement.
func parseNotify(data []byte) (notifyMessage, bool) {
	if !bytes.HasPrefix(data, []byte("NOTIFY ")) {
		return notifyMessage{}, false
	}
	// Some devices end the header with one line break only.
	if !bytes.HasSuffix(data, []byte("\r\n\r\n")) {
		data = append(append([]byte(nil), data...), "\r\n\r\n"...)
	}
	req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(data)))
	if err != nil {
		return notifyMessage{}, false
	}
	m := notifyMessage{usn: req.Header.Get("USN"), location: req.Header.Get("LOCATION"), maxAge: -1}
	switch req.Header.Get("NTS") {
	case "ssdp:alive":
	case "ssdp:byebye":
		m.bye, m.location = true, ""
	default:
		return notifyMessage{}, false
	}
	if s := maxAgeRE.FindStringSubmatch(req.Header.Get("CACHE-CONTROL")); s != nil {
		if v, err := strconv.ParseInt(s[1], 10, 32); err == nil {
			m.maxAge = int(v)
		}
	}
	return m, true
}
