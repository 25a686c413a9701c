package addrprobe

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

var loopback = netip.MustParseAddr("127.0.0.1")

// hangLimit is how long a check may take before the test calls it hung; it
// is never waited out when the code works.
const hangLimit = 10 * time.Second

// within runs check and fails the test if it does not return in hangLimit.
func within(t *testing.T, check func() bool) bool {
	t.Helper()
	done := make(chan bool, 1)
	go func() { done <- check() }()
	select {
	case got := <-done:
		return got
	case <-time.After(hangLimit):
		t.Fatalf("the check did not return in %v", hangLimit)
		return false
	}
}

// listening is a loopback port that accepts connections.
func listening(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

// refusing is a loopback port nothing listens on, checked to refuse.
func refusing(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err == nil {
		c.Close()
		t.Skipf("port %d was taken again before the test could use it", port)
	}
	if !Refused(err) {
		t.Fatalf("a closed loopback port gave %v, which Refused does not recognise", err)
	}
	return port
}

// silent is a Dial to a host that never answers: it returns only when its
// ctx ends, as a dial whose SYN is dropped does. started, if not nil, gets
// the address once the dial is under way.
func silent(started chan<- string) func(ctx context.Context, network, address string) (net.Conn, error) {
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		if started != nil {
			started <- address
		}
		<-ctx.Done()
		return nil, &net.OpError{Op: "dial", Net: network, Err: ctx.Err()}
	}
}

func TestAnswersWhenTheConnectionIsAccepted(t *testing.T) {
	p := Prober{Ports: []int{listening(t)}}
	if !within(t, func() bool { return p.Answers(context.Background(), loopback) }) {
		t.Fatal("a listening port did not count as an answer")
	}
}

func TestAnswersWhenTheConnectionIsRefusedBecauseOnlyAHostCanRefuse(t *testing.T) {
	p := Prober{Ports: []int{refusing(t)}}
	if !within(t, func() bool { return p.Answers(context.Background(), loopback) }) {
		t.Fatal("a refused connection did not count as an answer")
	}
}

func TestAnswersFindsThisComputerAtLoopbackOnTheDefaultWebPorts(t *testing.T) {
	// Ports 80 and 443 here either listen or refuse; both are answers.
	if !within(t, func() bool { return Answers(context.Background(), loopback) }) {
		t.Fatal("this computer did not answer at 127.0.0.1 on ports 80 and 443")
	}
}

func TestSilenceIsNobodyOnceTheTimeoutEnds(t *testing.T) {
	p := Prober{Ports: []int{80, 443}, Timeout: 20 * time.Millisecond, Dial: silent(nil)}
	if within(t, func() bool { return p.Answers(context.Background(), netip.MustParseAddr("192.0.2.1")) }) {
		t.Fatal("silence counted as an answer")
	}
}

func TestCancelingTheContextEndsTheCheckAtOnce(t *testing.T) {
	started := make(chan string, 2)
	p := Prober{Ports: []int{80, 443}, Timeout: time.Hour, Dial: silent(started)}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		<-started
		cancel()
	}()
	if within(t, func() bool { return p.Answers(ctx, netip.MustParseAddr("192.0.2.1")) }) {
		t.Fatal("a canceled check counted as an answer")
	}
}

func TestTheFirstAnswerWinsWithoutWaitingForASilentPort(t *testing.T) {
	open := listening(t)
	abandoned := make(chan struct{})
	var dialed sync.Map
	dial := func(ctx context.Context, network, address string) (net.Conn, error) {
		dialed.Store(address, true)
		if address == net.JoinHostPort("127.0.0.1", "1") {
			<-ctx.Done()
			close(abandoned)
			return nil, ctx.Err()
		}
		var d net.Dialer
		return d.DialContext(ctx, network, address)
	}
	// The silent port comes first and the timeout is long: only knocking
	// at both at once answers before hangLimit.
	p := Prober{Ports: []int{1, open}, Timeout: time.Hour, Dial: dial}
	if !within(t, func() bool { return p.Answers(context.Background(), loopback) }) {
		t.Fatal("the listening port did not count as an answer")
	}
	select {
	case <-abandoned:
	case <-time.After(hangLimit):
		t.Fatal("the knock at the silent port went on after the answer")
	}
	if _, ok := dialed.Load(net.JoinHostPort("127.0.0.1", strconv.Itoa(open))); !ok {
		t.Error("the listening port was not dialled")
	}
}

func TestAnswersKnocksAtPorts80And443ByDefaultAndBracketsIPv6(t *testing.T) {
	var mu sync.Mutex
	var got []string
	dial := func(_ context.Context, network, address string) (net.Conn, error) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, network+" "+address)
		return nil, &net.OpError{Op: "dial", Net: network, Err: os.ErrDeadlineExceeded}
	}
	if (Prober{Dial: dial}).Answers(context.Background(), netip.MustParseAddr("fe80::1%eth0")) {
		t.Fatal("timeouts counted as an answer")
	}
	slices.Sort(got)
	want := []string{"tcp [fe80::1%eth0]:443", "tcp [fe80::1%eth0]:80"}
	if !slices.Equal(got, want) {
		t.Errorf("dialled %q, want %q", got, want)
	}
}

func TestAnInvalidAddressAnswersNothingAndIsNotDialled(t *testing.T) {
	dial := func(context.Context, string, string) (net.Conn, error) {
		t.Error("dialled for an invalid address")
		return nil, errors.New("dialled")
	}
	if (Prober{Dial: dial}).Answers(context.Background(), netip.Addr{}) {
		t.Fatal("the zero address answered")
	}
}

func TestRefusedTellsARefusalFromSilenceAndOtherFailures(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"ECONNREFUSED", &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, true},
		{"Windows' wording", errors.New("dial tcp 10.0.0.5:80: connectex: No connection could be made because the target machine actively refused it."), true},
		{"timeout", &net.OpError{Op: "dial", Net: "tcp", Err: os.ErrDeadlineExceeded}, false},
		{"canceled", &net.OpError{Op: "dial", Net: "tcp", Err: context.Canceled}, false},
		{"no route", &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.EHOSTUNREACH)}, false},
		{"no error", nil, false},
	}
	for _, tc := range cases {
		if got := Refused(tc.err); got != tc.want {
			t.Errorf("%s: Refused(%v) = %v, want %v", tc.name, tc.err, got, tc.want)
		}
	}
}
