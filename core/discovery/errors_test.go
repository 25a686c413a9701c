package discovery

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/miekg/dns"

	"github.com/openipu/openipu/core/camaddr"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// nameServer answers on a real UDP socket: cam.openipu.test is 10.0.4.60,
// names starting with "broken." get a server failure, every other name
// does not exist. It counts the questions it is asked.
func nameServer(t *testing.T) (*net.Resolver, *atomic.Int32) {
	t.Helper()
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var asked atomic.Int32
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, q *dns.Msg) {
		asked.Add(1)
		m := new(dns.Msg)
		m.SetReply(q)
		name := q.Question[0].Name
		switch {
		case name == "cam.openipu.test." && q.Question[0].Qtype == dns.TypeA:
			m.Answer = append(m.Answer, &dns.A{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: 60}, A: net.IPv4(10, 0, 4, 60)})
		case strings.HasPrefix(name, "broken."):
			m.Rcode = dns.RcodeServerFailure
		case name != "cam.openipu.test.":
			m.Rcode = dns.RcodeNameError
		}
		_ = w.WriteMsg(m)
	})}
	go func() { _ = srv.ActivateAndServe() }()
	t.Cleanup(func() { _ = srv.Shutdown() })
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp4", pc.LocalAddr().String())
	}}, &asked
}

func TestAddHostSaysInPlainWordsWhyANameOrAddressCannotBeUsed(t *testing.T) {
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		if target == "http://10.0.4.60/" {
			return vapix.Identity{MAC: "00408C123456"}, nil
		}
		return vapix.Identity{}, &vapix.Error{Kind: vapix.NoAnswer, Host: target}
	})
	resolver, asked := nameServer(t)
	eng.resolver = resolver
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := eng.Run(ctx); err != nil {
		t.Fatal(err)
	}

	d, err := eng.AddHost(ctx, "cam.openipu.test")
	if err != nil || d.MAC != "00408C123456" || d.HTTPURL != "http://10.0.4.60/" {
		t.Fatalf("a name that resolves: %+v, %v", d, err)
	}

	cases := []struct {
		host string
		kind Kind
		key  string
		says string // part of the English sentence
	}{
		{"nosuch.openipu.test", HostNotFound, "discovery.host_not_found", "cannot find a device named nosuch.openipu.test"},
		{"broken.openipu.test", LookupFailed, "discovery.lookup_failed", "could not look up the name broken.openipu.test"},
		// A refused text is explained by camaddr's reason, without
		// repeating it.
		{"192.168.1.300", InvalidAddress, "camaddr.not_ipv4", "This is not an IP address"},
		{"10.0.4.60:99999", InvalidAddress, "camaddr.port", "must be a number from 1 to 65535"},
		{"10.0.4.60:http", InvalidAddress, "camaddr.port", "must be a number from 1 to 65535"},
		{"camera one", InvalidAddress, "camaddr.not_a_name", "neither an IP address nor a name"},
	}
	for _, c := range cases {
		before := asked.Load()
		_, err := eng.AddHost(ctx, c.host)
		if KindOf(err) != c.kind || !errors.Is(err, c.kind) {
			t.Errorf("AddHost(%q) = %v, want kind %v", c.host, err, c.kind)
			continue
		}
		p, ok := usermsg.Explain(err)
		if !ok || p.What.Key != c.key || p.Next.Key != c.key+".next" || !strings.Contains(p.What.String(), c.says) || p.Next.String() == "" {
			t.Errorf("AddHost(%q) explains %q (%s) / %q", c.host, p.What.String(), p.What.Key, p.Next.String())
		}
		if c.kind == InvalidAddress && asked.Load() != before {
			t.Errorf("AddHost(%q) asked the name server about an address that cannot be one", c.host)
		}
		if c.kind == InvalidAddress && strings.Contains(err.Error()+p.What.String()+p.Next.String(), c.host) {
			t.Errorf("AddHost(%q) repeats what was typed: %v / %q", c.host, err, p.What.String())
		}
	}
}

func TestAddHostRefusesAPasswordTypedAsTheAddressBeforeAskingAnyoneAndKeepsNoCopy(t *testing.T) {
	var probes atomic.Int32
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		probes.Add(1)
		return vapix.Identity{}, &vapix.Error{Kind: vapix.NoAnswer, Host: target}
	})
	resolver, asked := nameServer(t)
	eng.resolver = resolver
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := eng.Run(ctx); err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{"Tr0ub4dor", "Quartz-Zebra 42", "root:Tr0ub4dor@10.0.4.60"} {
		_, err := eng.AddHost(ctx, typed)
		var de *Error
		if !errors.As(err, &de) || de.Kind != InvalidAddress || de.Host != "" {
			t.Errorf("AddHost(%q) = %#v, want InvalidAddress without the text", typed, err)
			continue
		}
		p, _ := usermsg.Explain(err)
		for _, said := range []string{err.Error(), p.What.String(), p.Next.String()} {
			if strings.Contains(said, "Tr0ub4dor") || strings.Contains(said, "Quartz") {
				t.Errorf("AddHost(%q) repeats it: %q", typed, said)
			}
		}
	}
	if _, err := eng.AddHost(ctx, "Tr0ub4dor"); !errors.Is(err, camaddr.LooksLikePassword) {
		t.Errorf("the reason is not camaddr's: %v", err)
	}
	if asked.Load() != 0 || probes.Load() != 0 {
		t.Errorf("%d name server questions and %d probes for text that is no address", asked.Load(), probes.Load())
	}
}

func TestAddHostReportsADeviceThatDoesNotSayWhichCameraItIs(t *testing.T) {
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		return vapix.Identity{Model: "AXIS M1075-L"}, nil // no serial, no MAC
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := eng.Run(ctx); err != nil {
		t.Fatal(err)
	}
	_, err := eng.AddHost(ctx, "10.0.4.70")
	p, _ := usermsg.Explain(err)
	if KindOf(err) != Unidentified || p.What.Key != "discovery.unidentified" || !strings.Contains(p.What.String(), "10.0.4.70:80") {
		t.Fatalf("%v explained as %q", err, p.What.String())
	}
	if devs := eng.Devices(); len(devs) != 0 {
		t.Fatalf("a device without a MAC was listed: %+v", devs)
	}
}

func TestAddHostBeforeRunSaysTheSearchHasNotStarted(t *testing.T) {
	eng := offlineEngine(nil)
	_, err := eng.AddHost(context.Background(), "10.0.4.70")
	if p, ok := usermsg.Explain(err); KindOf(err) != NotRunning || !ok || p.What.Key != "discovery.not_running" {
		t.Fatalf("%v explained as %+v", err, p)
	}
	if _, err := eng.Scan(context.Background(), netip.MustParsePrefix("10.0.4.0/30"), nil); KindOf(err) != NotRunning {
		t.Fatalf("scan before Run: %v", err)
	}
}

func TestEveryErrorKindHasItsOwnWordsInTheCatalogue(t *testing.T) {
	keys := map[string]bool{}
	for _, m := range Messages() {
		keys[m.Key] = true
	}
	for k := Unknown; k <= NotRunning; k++ {
		p := (&Error{Kind: k, Host: "10.0.4.70"}).Explain()
		if k != Unknown && p.What.Key == errorMessages[Unknown][0].Key {
			t.Errorf("kind %v has no words of its own", k)
		}
		if !keys[p.What.Key] || !keys[p.Next.Key] {
			t.Errorf("kind %v: %q / %q missing from Messages()", k, p.What.Key, p.Next.Key)
		}
		if strings.Contains(p.What.String(), "{{") || strings.Contains(p.Next.String(), "{{") {
			t.Errorf("kind %v renders a template field: %q %q", k, p.What.String(), p.Next.String())
		}
	}
}
