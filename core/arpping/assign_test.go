package arpping

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/icmp"
	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/addrprobe"
	"github.com/openipu/openipu/core/usermsg"
)

// camera stands in for whatever is at the assigned address: nobody at
// first (silence), then a real loopback socket that accepts once the camera
// has "taken" the address, or a closed loopback port that refuses, as a
// host whose web server is not up yet does. The assigner's dialer sends
// the knock at the assigned address there.
type camera struct {
	mu       sync.Mutex
	ln       net.Listener
	refusing bool
	// closedAddr is a port nothing listens on, for a refusal.
	closedAddr string
}

func newCamera(t *testing.T) *camera {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	c := &camera{closedAddr: closed}
	t.Cleanup(func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.ln != nil {
			c.ln.Close()
		}
	})
	return c
}

func (c *camera) takeAddress(t *testing.T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ln != nil {
		return
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Error(err)
		return
	}
	c.ln = ln
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
}

// refuse makes the address refuse connections from now on.
func (c *camera) refuse() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refusing = true
}

func (c *camera) dial(ctx context.Context, network, address string) (net.Conn, error) {
	if !strings.HasPrefix(address, "10.0.4.50:") {
		return nil, errors.New("dialled " + address)
	}
	c.mu.Lock()
	var target string
	switch {
	case c.ln != nil:
		target = c.ln.Addr().String()
	case c.refusing:
		target = c.closedAddr
	}
	c.mu.Unlock()
	if target == "" {
		// What the dialer reports once nothing answered in time; returned
		// at once so the tests need not wait the timeout out.
		return nil, &net.OpError{Op: "dial", Net: network, Err: os.ErrDeadlineExceeded}
	}
	var d net.Dialer
	return d.DialContext(ctx, network, target)
}

// commands records the neighbour-table commands instead of running them,
// failing those that start with fail.
type commands struct {
	mu   sync.Mutex
	ran  []string
	fail map[string]string // command prefix -> what the OS says
}

func (c *commands) run(_ context.Context, name string, args ...string) ([]byte, error) {
	line := name + " " + strings.Join(args, " ")
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ran = append(c.ran, line)
	for prefix, out := range c.fail {
		if strings.HasPrefix(line, prefix) {
			return []byte(out), errors.New("exit status 2")
		}
	}
	return nil, nil
}

func (c *commands) list() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.ran...)
}

// pings records echo requests, checking each is the 408-byte kind.
type pings struct {
	t      *testing.T
	sent   atomic.Int32
	onSend func(n int)
}

func (p *pings) send(dst netip.Addr, seq int) error {
	b, err := echo(1, seq)
	if err != nil {
		return err
	}
	m, err := icmp.ParseMessage(1, b)
	if err != nil {
		p.t.Error(err)
	} else if e, ok := m.Body.(*icmp.Echo); !ok || m.Type != ipv4.ICMPTypeEcho || len(e.Data) != Payload || dst.String() != "10.0.4.50" {
		p.t.Errorf("sent %v to %s", m, dst)
	}
	n := int(p.sent.Add(1))
	if p.onSend != nil {
		p.onSend(n)
	}
	return nil
}

func (p *pings) close() error { return nil }

func testAssigner(cam *camera, cmds *commands, p *pings) *assigner {
	return &assigner{
		goos:     "linux",
		run:      cmds.run,
		ping:     func(netip.Addr) (sender, error) { return p, nil },
		interval: 10 * time.Millisecond,
		probe:    addrprobe.Prober{Dial: cam.dial},
		iface: func(name string) ([]netip.Prefix, error) {
			if name != "eth0" {
				return nil, errors.New("no such network interface")
			}
			return []netip.Prefix{netip.MustParsePrefix("10.0.4.2/24")}, nil
		},
	}
}

var req = Request{MAC: "ACCC8E270AD8", Addr: netip.MustParseAddr("10.0.4.50"), Interface: "eth0", Window: 5 * time.Second}

const (
	addEntry = "ip neigh replace 10.0.4.50 lladdr ac:cc:8e:27:0a:d8 dev eth0 nud permanent"
	delEntry = "ip neigh del 10.0.4.50 dev eth0"
)

func TestAssignPingsUntilTheCameraAnswersReportingEachStepAndRemovesTheEntry(t *testing.T) {
	cam := newCamera(t)
	cmds := &commands{}
	p := &pings{t: t}
	p.onSend = func(n int) {
		if n == 3 {
			cam.takeAddress(t)
		}
	}
	var steps []Progress
	err := testAssigner(cam, cmds, p).assign(context.Background(), req, func(pr Progress) { steps = append(steps, pr) })
	if err != nil {
		t.Fatalf("Assign: %v", err)
	}
	var kinds []Step
	for _, s := range steps {
		kinds = append(kinds, s.Step)
		if s.Message.Key == "" || strings.Contains(s.Message.String(), "<no value>") {
			t.Errorf("step %d has message %q", s.Step, s.Message.String())
		}
	}
	want := []Step{StepNeighbour, StepPing, StepPing, StepPing, StepAnswered, StepCleanedUp}
	if !equalSteps(kinds, want) {
		t.Fatalf("steps %v, want %v", kinds, want)
	}
	if steps[3].Attempt != 3 || steps[3].Remaining <= 0 || steps[3].Remaining > req.Window {
		t.Errorf("third ping reported attempt %d, %v left", steps[3].Attempt, steps[3].Remaining)
	}
	if got := cmds.list(); len(got) != 2 || got[0] != addEntry || got[1] != delEntry {
		t.Errorf("commands %q, want the entry added then removed", got)
	}
	if !strings.Contains(steps[1].Message.String(), "10.0.4.50") {
		t.Errorf("ping message %q does not name the address", steps[1].Message.String())
	}
}

func TestAssignCountsARefusalAsTheCameraHavingTakenTheAddress(t *testing.T) {
	cam := newCamera(t)
	cmds := &commands{}
	p := &pings{t: t}
	p.onSend = func(n int) {
		if n == 2 {
			cam.refuse()
		}
	}
	var steps []Step
	err := testAssigner(cam, cmds, p).assign(context.Background(), req, func(pr Progress) { steps = append(steps, pr.Step) })
	if err != nil {
		t.Fatalf("Assign: %v", err)
	}
	want := []Step{StepNeighbour, StepPing, StepPing, StepAnswered, StepCleanedUp}
	if !equalSteps(steps, want) {
		t.Fatalf("steps %v, want %v", steps, want)
	}
	if got := cmds.list(); len(got) != 2 || got[1] != delEntry {
		t.Errorf("commands %q: the entry must go", got)
	}
}

func equalSteps(a, b []Step) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAssignGivesUpWhenTheWindowEndsAndStillRemovesTheEntry(t *testing.T) {
	cmds := &commands{}
	r := req
	r.Window = 100 * time.Millisecond
	var last Progress
	err := testAssigner(newCamera(t), cmds, &pings{t: t}).assign(context.Background(), r, func(p Progress) { last = p })
	if !errors.Is(err, NotTaken) {
		t.Fatalf("error %v, want %s", err, NotTaken)
	}
	p, ok := usermsg.Explain(err)
	if !ok || !strings.Contains(p.Next.String(), "2 minutes") || !strings.Contains(p.What.String(), "10.0.4.50") {
		t.Errorf("explanation %q / %q", p.What.String(), p.Next.String())
	}
	if got := cmds.list(); len(got) != 2 || got[1] != delEntry || last.Step != StepCleanedUp {
		t.Errorf("commands %q, last step %d: the entry must go", got, last.Step)
	}
}

func TestAssignStopsWhenCanceledAndRemovesTheEntry(t *testing.T) {
	cmds := &commands{}
	ctx, cancel := context.WithCancel(context.Background())
	p := &pings{t: t, onSend: func(n int) {
		if n == 2 {
			cancel()
		}
	}}
	err := testAssigner(newCamera(t), cmds, p).assign(ctx, req, nil)
	if !errors.Is(err, Canceled) || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want %s wrapping context.Canceled", err, Canceled)
	}
	if got := cmds.list(); len(got) != 2 || got[1] != delEntry {
		t.Errorf("commands %q: the entry must go after a cancel", got)
	}
}

func TestAssignRefusesWithoutTouchingTheComputerWhenItCannotWork(t *testing.T) {
	answering := newCamera(t)
	answering.takeAddress(t)
	refusing := newCamera(t)
	refusing.refuse()
	cases := []struct {
		name string
		req  Request
		cam  *camera
		want Kind
	}{
		{"bad MAC", Request{MAC: "ACCC8E27", Addr: req.Addr, Interface: "eth0"}, newCamera(t), InvalidRequest},
		{"broadcast address", Request{MAC: req.MAC, Addr: netip.MustParseAddr("255.255.255.255"), Interface: "eth0"}, newCamera(t), InvalidRequest},
		{"link-local address", Request{MAC: req.MAC, Addr: netip.MustParseAddr("169.254.3.4"), Interface: "eth0"}, newCamera(t), InvalidRequest},
		{"unknown interface", Request{MAC: req.MAC, Addr: req.Addr, Interface: "eth9"}, newCamera(t), InterfaceNotFound},
		{"address on another network", Request{MAC: req.MAC, Addr: netip.MustParseAddr("192.168.0.90"), Interface: "eth0"}, newCamera(t), NotOnNetwork},
		{"this computer's own address", Request{MAC: req.MAC, Addr: netip.MustParseAddr("10.0.4.2"), Interface: "eth0"}, newCamera(t), AddressInUse},
		{"address something answers at", req, answering, AddressInUse},
		{"address something refuses connections at", req, refusing, AddressInUse},
	}
	for _, tc := range cases {
		cmds := &commands{}
		p := &pings{t: t}
		err := testAssigner(tc.cam, cmds, p).assign(context.Background(), tc.req, nil)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %s", tc.name, err, tc.want)
		}
		if len(cmds.list()) != 0 || p.sent.Load() != 0 {
			t.Errorf("%s: ran %q and sent %d pings", tc.name, cmds.list(), p.sent.Load())
		}
	}
}

func TestAssignExplainsAnOSThatRefusesTheEntry(t *testing.T) {
	cases := []struct {
		says string
		want Kind
		key  string
	}{
		{"RTNETLINK answers: Operation not permitted", NeedsAdmin, "arpping.needs_admin"},
		{`Cannot find device "eth0"`, InterfaceNotFound, "arpping.interface_not_found"},
		{"RTNETLINK answers: Invalid argument", NotPossible, "arpping.not_possible"},
	}
	for _, tc := range cases {
		cmds := &commands{fail: map[string]string{"ip neigh replace": tc.says}}
		p := &pings{t: t}
		err := testAssigner(newCamera(t), cmds, p).assign(context.Background(), req, nil)
		if !errors.Is(err, tc.want) {
			t.Errorf("%q: error %v, want %s", tc.says, err, tc.want)
			continue
		}
		// Nothing was added, so nothing is removed and nothing is pinged.
		if got := cmds.list(); len(got) != 1 || p.sent.Load() != 0 {
			t.Errorf("%q: ran %q, sent %d pings", tc.says, got, p.sent.Load())
		}
		if pr, ok := usermsg.Explain(err); !ok || pr.What.Key != tc.key {
			t.Errorf("%q: explained as %q", tc.says, pr.What.Key)
		}
	}
}

func TestAssignNeedsAdminWhenNoICMPSocketMayBeOpened(t *testing.T) {
	cmds := &commands{}
	a := testAssigner(newCamera(t), cmds, nil)
	a.ping = func(netip.Addr) (sender, error) { return nil, errPingDenied }
	err := a.assign(context.Background(), req, nil)
	if !errors.Is(err, NeedsAdmin) {
		t.Fatalf("error %v, want %s", err, NeedsAdmin)
	}
	pr, _ := usermsg.Explain(err)
	if !strings.Contains(pr.Next.String(), "administrator") || !strings.Contains(pr.Next.String(), "starting with 192.168.0.") {
		t.Errorf("next step %q does not offer running as administrator and the alternatives", pr.Next.String())
	}
	if got := cmds.list(); len(got) != 2 || got[1] != delEntry {
		t.Errorf("commands %q: the entry must go", got)
	}
}

func TestAvailableSaysWhyNotAndWhatToDoInstead(t *testing.T) {
	lookup := func(name string) ([]netip.Prefix, error) {
		if name == "eth0" {
			return []netip.Prefix{netip.MustParsePrefix("10.0.4.2/24")}, nil
		}
		return nil, errors.New("no such network interface")
	}
	cases := []struct {
		name                  string
		iface                 string
		supported, privileged bool
		ok                    bool
		key                   string
	}{
		{"ready", "eth0", true, true, true, "arpping.available"},
		{"not administrator", "eth0", true, false, false, "arpping.available.needs_admin"},
		{"unknown interface", "eth9", true, true, false, "arpping.available.interface_not_found"},
		{"unsupported system", "eth0", false, true, false, "arpping.available.unsupported"},
	}
	for _, tc := range cases {
		ok, m := available(tc.iface, tc.supported, tc.privileged, lookup)
		if ok != tc.ok || m.Key != tc.key || strings.Contains(m.String(), "<no value>") {
			t.Errorf("%s: %v %q (%s), want %v %s", tc.name, ok, m.String(), m.Key, tc.ok, tc.key)
		}
	}
}

func TestEveryKindExplainsItselfWithAUniqueCatalogueKey(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range Messages() {
		if !strings.HasPrefix(m.Key, "arpping.") || m.Text == "" || seen[m.Key] {
			t.Errorf("message %q: %q", m.Key, m.Text)
		}
		seen[m.Key] = true
	}
	for k := Unknown; k <= Canceled; k++ {
		p := (&Error{Kind: k, Addr: "10.0.4.50", MAC: "ACCC8E270AD8", Interface: "eth0", Detail: "x"}).Explain()
		if !seen[p.What.Key] || !seen[p.Next.Key] || p.What.Key == p.Next.Key || strings.Contains(p.What.String()+p.Next.String(), "<no value>") {
			t.Errorf("%s explains as %q / %q", k, p.What.Key, p.Next.Key)
		}
	}
}
