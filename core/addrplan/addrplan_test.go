package addrplan

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/usermsg"
)

func addr(s string) netip.Addr { return netip.MustParseAddr(s) }

func answersAt(addrs ...string) func(netip.Addr) bool {
	set := map[netip.Addr]bool{}
	for _, a := range addrs {
		set[addr(a)] = true
	}
	return func(a netip.Addr) bool { return set[a] }
}

func planned(p Plan) string {
	var b strings.Builder
	for _, a := range p.Assignments {
		b.WriteString(a.MAC + "=" + a.Addr.String() + " ")
	}
	return strings.TrimSpace(b.String())
}

func TestMakeGivesAddressesInOrderSkippingWhatAnswersTheComputerAndTheGateway(t *testing.T) {
	p, err := Make(Request{
		Start: addr("10.0.4.15"), Bits: 24,
		Cameras:  []string{"A", "B", "C", "D"},
		Gateway:  addr("10.0.4.16"),
		Computer: []netip.Addr{addr("10.0.4.17")},
		InUse:    answersAt("10.0.4.18", "10.0.4.20"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := planned(p), "A=10.0.4.15 B=10.0.4.19 C=10.0.4.21 D=10.0.4.22"; got != want {
		t.Errorf("plan %s, want %s", got, want)
	}
	want := []Skip{{Addr: addr("10.0.4.16"), Reason: GatewayAddress}, {Addr: addr("10.0.4.17"), Reason: ComputerAddress}, {Addr: addr("10.0.4.18"), Reason: Answers}, {Addr: addr("10.0.4.20"), Reason: Answers}}
	if len(p.Skipped) != len(want) {
		t.Fatalf("skipped %+v, want %+v", p.Skipped, want)
	}
	for i := range want {
		if p.Skipped[i] != want[i] {
			t.Errorf("skip %d: %+v, want %+v", i, p.Skipped[i], want[i])
		}
	}
	if p.Prefix != netip.MustParsePrefix("10.0.4.0/24") {
		t.Errorf("network %s", p.Prefix)
	}
}

func TestMakeNeverGivesTheNetworkOrBroadcastAddress(t *testing.T) {
	p, err := Make(Request{Start: addr("192.168.7.0"), Bits: 30, Cameras: []string{"A", "B", "C"}})
	if KindOf(err) != RangeExhausted {
		t.Fatalf("err %v, want the range to run out", err)
	}
	if got := planned(p); got != "A=192.168.7.1 B=192.168.7.2" {
		t.Errorf("plan %s", got)
	}
	if len(p.Skipped) != 2 || p.Skipped[0].Reason != NetworkAddress || p.Skipped[1].Reason != BroadcastAddress || p.Skipped[1].Addr != addr("192.168.7.3") {
		t.Errorf("skipped %+v", p.Skipped)
	}
}

func TestMakeAsksWhetherAnAddressAnswersOnlyForAddressesItWouldGive(t *testing.T) {
	asked := map[netip.Addr]int{}
	_, err := Make(Request{
		Start: addr("10.0.4.0"), Bits: 24, Cameras: []string{"A", "B"},
		Gateway: addr("10.0.4.1"), Computer: []netip.Addr{addr("10.0.4.2")},
		Holders: map[netip.Addr]string{addr("10.0.4.3"): "B"},
		InUse:   func(a netip.Addr) bool { asked[a]++; return false },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(asked) != 2 || asked[addr("10.0.4.4")] != 1 || asked[addr("10.0.4.5")] != 1 {
		t.Errorf("asked about %v, want only .4 and .5, once each", asked)
	}
}

func TestMakeLeavesACameraAtItsAddressWhenItsTurnComesThereAndSkipsAnotherCamerasAddress(t *testing.T) {
	p, err := Make(Request{
		Start: addr("10.0.4.50"), Bits: 24, Cameras: []string{"A", "B", "C"},
		Holders: map[netip.Addr]string{addr("10.0.4.50"): "A", addr("10.0.4.51"): "C"},
		// The cameras themselves answer, as they would on a network.
		InUse: answersAt("10.0.4.50", "10.0.4.51"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := planned(p); got != "A=10.0.4.50 B=10.0.4.52 C=10.0.4.53" {
		t.Errorf("plan %s", got)
	}
	if !p.Assignments[0].Stays || p.Assignments[1].Stays {
		t.Errorf("stays: %+v", p.Assignments)
	}
	if len(p.Skipped) != 1 || p.Skipped[0].Reason != OtherCamera || p.Skipped[0].MAC != "C" {
		t.Errorf("skipped %+v", p.Skipped)
	}
}

func TestMakeStopsAtTheLastAddressAndSaysHowManyCamerasGotOne(t *testing.T) {
	p, err := Make(Request{
		Start: addr("10.0.4.250"), Bits: 24, Cameras: []string{"A", "B", "C", "D", "E", "F"},
		InUse: answersAt("10.0.4.252"),
	})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, RangeExhausted) {
		t.Fatalf("err %v", err)
	}
	if e.Planned != 4 || e.Cameras != 6 || e.Last != addr("10.0.4.255") || len(p.Assignments) != 4 {
		t.Errorf("error %+v, plan %s", e, planned(p))
	}
	prob, ok := usermsg.Explain(err)
	what := prob.What.String()
	if !ok || prob.What.Key != "addrplan.range_exhausted" || !strings.Contains(what, "4 of 6 cameras") || !strings.Contains(what, "from 10.0.4.250 to 10.0.4.255") {
		t.Errorf("explained as %q (%s)", what, prob.What.Key)
	}
	if prob.Next.String() == "" {
		t.Error("no next step")
	}

	_, err = Make(Request{Start: addr("10.0.4.10"), Last: addr("10.0.4.11"), Bits: 24, Cameras: []string{"A", "B", "C"}})
	if e, ok := err.(*Error); !ok || e.Kind != RangeExhausted || e.Planned != 2 {
		t.Errorf("with a last address: %v", err)
	}
}

func TestMakeRefusesWhatCannotBeARange(t *testing.T) {
	for _, c := range []struct {
		name string
		req  Request
		kind Kind
	}{
		{"no start", Request{Bits: 24, Cameras: []string{"A"}}, BadStart},
		{"IPv6 start", Request{Start: addr("fe80::1"), Bits: 64, Cameras: []string{"A"}}, BadStart},
		{"a /31", Request{Start: addr("10.0.4.1"), Bits: 31, Cameras: []string{"A"}}, BadBits},
		{"a /4", Request{Start: addr("10.0.4.1"), Bits: 4, Cameras: []string{"A"}}, BadBits},
		{"last before start", Request{Start: addr("10.0.4.9"), Last: addr("10.0.4.8"), Bits: 24, Cameras: []string{"A"}}, BadLast},
		{"last on another network", Request{Start: addr("10.0.4.9"), Last: addr("10.0.5.8"), Bits: 24, Cameras: []string{"A"}}, BadLast},
	} {
		_, err := Make(c.req)
		if KindOf(err) != c.kind {
			t.Errorf("%s: %v, want %v", c.name, err, c.kind)
		}
		if p, ok := usermsg.Explain(err); !ok || !strings.HasPrefix(p.What.Key, "addrplan.") {
			t.Errorf("%s: explained as %+v", c.name, p)
		}
	}
}

func TestMakeWithNoCamerasPlansNothingAndAsksNothing(t *testing.T) {
	p, err := Make(Request{Start: addr("10.0.4.9"), Bits: 24, InUse: func(netip.Addr) bool { t.Error("asked"); return false }})
	if err != nil || len(p.Assignments) != 0 || len(p.Skipped) != 0 {
		t.Errorf("plan %+v, err %v", p, err)
	}
}

func TestEveryKindHasBothSentences(t *testing.T) {
	for k := BadStart; k <= BadMask; k++ {
		p := (&Error{Kind: k}).Explain()
		if p.What.Key == "" || p.Next.Key == "" || (k != BadStart && p.What.Key == messages[BadStart][0].Key) {
			t.Errorf("kind %v explained as %+v", k, p)
		}
	}
	if len(Messages()) != 2*len(messages) {
		t.Errorf("%d messages listed", len(Messages()))
	}
}

func TestSuggestStartCarriesOnAfterTheHighestAddressOnTheNetwork(t *testing.T) {
	office := netip.MustParsePrefix("10.0.4.17/24")
	for _, c := range []struct {
		used []netip.Addr
		want string
	}{
		{[]netip.Addr{addr("10.0.4.103"), addr("10.0.4.108"), addr("192.168.0.90"), addr("10.0.4.101")}, "10.0.4.109"},
		{nil, "10.0.4.2"},
		{[]netip.Addr{addr("192.168.0.90")}, "10.0.4.2"},
		{[]netip.Addr{addr("10.0.4.254")}, ""},
	} {
		got, ok := SuggestStart(office, c.used)
		if (c.want == "") == ok || (ok && got.String() != c.want) {
			t.Errorf("after %v: %v %v, want %q", c.used, got, ok, c.want)
		}
	}
	if g := Gateway(office); g != addr("10.0.4.1") {
		t.Errorf("gateway %v", g)
	}
	if b := Broadcast(netip.MustParsePrefix("172.16.0.0/12")); b != addr("172.31.255.255") {
		t.Errorf("broadcast %v", b)
	}
}
