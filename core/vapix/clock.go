package vapix

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/netip"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openipu/openipu/core/devtext"
)

// SyncSource is how a camera keeps its clock.
type SyncSource string

// The sources a camera reports (docs/protocol.md, Time, snapshot and
// friendly name).
const (
	// SyncUnknown: the camera did not say.
	SyncUnknown SyncSource = ""
	// SyncNTP: the camera follows the time servers it was given.
	SyncNTP SyncSource = "NTP"
	// SyncDHCP: the camera follows the time servers DHCP names.
	SyncDHCP SyncSource = "DHCP"
	// SyncManual: the camera keeps the time it was set to.
	SyncManual SyncSource = "manual"
)

// ClockReading is the camera's clock compared with this computer's.
type ClockReading struct {
	// Camera is the camera's time (UTC) when it answered.
	Camera time.Time
	// Local is this computer's time at the middle of that exchange.
	Local time.Time
	// Offset is Camera minus Local: positive when the camera is ahead.
	Offset time.Duration
	// Precision bounds the error of Offset: half the round trip, plus half
	// a second when the camera gave its time in whole seconds (the middle
	// of that second is taken).
	Precision time.Duration
	// FromDateHeader: the camera has no time API, so its time was taken
	// from the Date header of its answer.
	FromDateHeader bool
	Sync           SyncSource
	// NTPServers are the servers the camera follows: the ones it was
	// given (SyncNTP) or the ones DHCP named (SyncDHCP).
	NTPServers []string
	// TimeZone is an IANA name ("Europe/Stockholm") when the camera has
	// one, else a POSIX rule ("CET-1CEST,M3.5.0,M10.5.0/3").
	TimeZone string
	// TimeZoneIsPOSIX says TimeZone is a POSIX rule.
	TimeZoneIsPOSIX bool
}

// Setting is how the camera keeps time, in the journal's words:
// "NTP 10.0.0.1, Europe/Stockholm", "NTP from DHCP, UTC0",
// "manual, UTC0".
func (r ClockReading) Setting() string {
	var b strings.Builder
	switch r.Sync {
	case SyncNTP:
		b.WriteString("NTP")
		if len(r.NTPServers) > 0 {
			b.WriteString(" " + strings.Join(r.NTPServers, ","))
		}
	case SyncDHCP:
		b.WriteString("NTP from DHCP")
		if len(r.NTPServers) > 0 {
			b.WriteString(" " + strings.Join(r.NTPServers, ","))
		}
	case SyncManual:
		b.WriteString("manual")
	default:
		b.WriteString("sync unknown")
	}
	if r.TimeZone != "" {
		b.WriteString(", " + r.TimeZone)
	}
	return b.String()
}

const (
	timePath = "/axis-cgi/time.cgi"
	ntpPath  = "/axis-cgi/ntp.cgi"
	// Bounds on what is kept from a reply: no real server list or zone
	// comes near them.
	maxServersKept = 8
	maxZoneLen     = 128
	maxServerLen   = 253
)

// errAPIMissing says the firmware lacks time.cgi or ntp.cgi, or the method
// asked for, so param.cgi takes over.
var errAPIMissing = errors.New("time API missing")

// Clock reads the camera's clock, its time source and its time zone:
// time.cgi and ntp.cgi where the firmware has them (AXIS OS 9.30 and 9.10
// on), else the Time parameters and the Date header of their reply.
func (c *Client) Clock(ctx context.Context) (ClockReading, error) {
	const op = "read the camera's clock"
	var t exchangeTiming
	ar, err := c.timeCall(ctx, op, apiRequest{APIVersion: "1.0", Context: requestContext, Method: "getDateTimeInfo"}, &t)
	if errors.Is(err, errAPIMissing) {
		return c.clockFromParams(ctx, op)
	}
	if err != nil {
		return ClockReading{}, err
	}
	info, err := parseDateTimeInfo(ar.Data)
	if err != nil {
		return ClockReading{}, c.located(err, op)
	}
	reading, err := place(info.at, info.whole, &t)
	if err != nil {
		return ClockReading{}, c.located(err, op)
	}
	reading.TimeZone, reading.TimeZoneIsPOSIX = info.zone()

	ntp, err := c.ntpInfo(ctx, op)
	switch {
	case err == nil:
		reading.Sync, reading.NTPServers = ntp.source()
		return reading, nil
	case !errors.Is(err, errAPIMissing):
		return ClockReading{}, err
	}
	p, err := c.timeParams(ctx, op)
	if err != nil {
		return ClockReading{}, err
	}
	reading.Sync, reading.NTPServers = p.source()
	return reading, nil
}

// place turns the camera's stamp into a reading against this computer's
// clock. whole: the stamp counts whole seconds.
func place(at time.Time, whole bool, t *exchangeTiming) (ClockReading, error) {
	sent, got, ok := t.span()
	if !ok {
		return ClockReading{}, badReply("the answer's timing was not seen")
	}
	rtt := got.Sub(sent)
	r := ClockReading{Camera: at.UTC(), Local: sent.Add(rtt / 2), Precision: max(rtt/2, time.Millisecond)}
	if whole {
		r.Camera = r.Camera.Add(500 * time.Millisecond)
		r.Precision += 500 * time.Millisecond
	}
	// Beyond ±200 years a Duration overflows; no clock is that wrong.
	const far = 200 * 365 * 24 * time.Hour
	if d := r.Camera.Sub(r.Local); d > far || d < -far || r.Camera.Year() < 1970 {
		return ClockReading{}, badReply("the camera's time is not a plausible date")
	}
	r.Offset = r.Camera.Sub(r.Local)
	r.Local = r.Local.Round(0)
	return r, nil
}

// timeCall posts to time.cgi. errAPIMissing: the firmware has no time.cgi
// or not this method.
func (c *Client) timeCall(ctx context.Context, op string, req apiRequest, t *exchangeTiming) (apiReply, error) {
	return c.optionalAPI(ctx, op, timePath, req, t)
}

func (c *Client) optionalAPI(ctx context.Context, op, path string, req apiRequest, t *exchangeTiming) (apiReply, error) {
	ar, r, err := c.callJSON(ctx, call{op: op, path: path, auth: true, timing: t}, req)
	switch {
	case err != nil && KindOf(err) == Unsupported && r.status == http.StatusNotFound:
		return ar, errAPIMissing
	case err != nil:
		return ar, err
	case ar.Error != nil && apiMissing(int(ar.Error.Code)):
		return ar, errAPIMissing
	case ar.Error != nil:
		return ar, &Error{Kind: CameraRefused, Op: op, Host: c.host, Detail: ar.Error.String()}
	}
	return ar, nil
}

// dateTimeInfo is time.cgi's getDateTimeInfo data, cleaned.
type dateTimeInfo struct {
	at    time.Time
	whole bool // the stamp has no fraction of a second
	iana  string
	posix string
}

func (i dateTimeInfo) zone() (string, bool) {
	if i.iana != "" {
		return i.iana, false
	}
	return i.posix, i.posix != ""
}

// parseDateTimeInfo reads getDateTimeInfo's data: dateTime (UTC, ISO
// 8601), and timeZone (IANA) and/or posixTimeZone.
func parseDateTimeInfo(data []byte) (dateTimeInfo, error) {
	var raw struct {
		DateTime      string `json:"dateTime"`
		TimeZone      string `json:"timeZone"`
		POSIXTimeZone string `json:"posixTimeZone"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return dateTimeInfo{}, &Error{Kind: BadReply, Op: parseOp, Detail: "the time reply is not what the time API sends", Err: err}
	}
	at, whole, err := parseStamp(raw.DateTime)
	if err != nil {
		return dateTimeInfo{}, err
	}
	return dateTimeInfo{at: at, whole: whole, iana: cleanZone(raw.TimeZone), posix: cleanZone(raw.POSIXTimeZone)}, nil
}

// parseStamp reads an ISO 8601 UTC time as time.cgi sends it
// ("2018-11-19T13:26:53Z"); an offset is accepted too.
func parseStamp(s string) (time.Time, bool, error) {
	s = strings.TrimSpace(s)
	if len(s) > 64 {
		return time.Time{}, false, badReply("the camera's time is not a date")
	}
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false, badReply("the camera's time is not a date")
	}
	return at.UTC(), at.Nanosecond() == 0 && !strings.Contains(s, "."), nil
}

// cleanZone keeps a zone the camera reports only if it looks like one: it
// is shown to the user and written to the journal.
func cleanZone(s string) string {
	s = devtext.Clean(strings.TrimSpace(s))
	if len(s) > maxZoneLen || strings.ContainsAny(s, " \t") {
		return ""
	}
	return s
}

// ntpClient is ntp.cgi's getNTPInfo data.client.
type ntpClient struct {
	Enabled           bool     `json:"enabled"`
	ServersSource     string   `json:"serversSource"`
	StaticServers     []string `json:"staticServers"`
	AdvertisedServers []string `json:"advertisedServers"`
}

func (n ntpClient) source() (SyncSource, []string) {
	switch {
	case !n.Enabled:
		return SyncManual, nil
	case strings.EqualFold(n.ServersSource, "DHCP"):
		// DHCP falls back to the static list when the lease names none
		// (VAPIX NTP API).
		if s := cleanServers(n.AdvertisedServers); len(s) > 0 {
			return SyncDHCP, s
		}
		return SyncDHCP, cleanServers(n.StaticServers)
	case strings.EqualFold(n.ServersSource, "static"):
		return SyncNTP, cleanServers(n.StaticServers)
	}
	return SyncUnknown, cleanServers(n.StaticServers)
}

func (c *Client) ntpInfo(ctx context.Context, op string) (ntpClient, error) {
	ar, err := c.optionalAPI(ctx, op, ntpPath, apiRequest{APIVersion: "1.0", Context: requestContext, Method: "getNTPInfo"}, nil)
	if err != nil {
		return ntpClient{}, err
	}
	n, err := parseNTPInfo(ar.Data)
	return n, c.located(err, op)
}

// parseNTPInfo reads getNTPInfo's data. A reply without a client section
// means the device has no NTP client to report on.
func parseNTPInfo(data []byte) (ntpClient, error) {
	var raw struct {
		Client *ntpClient `json:"client"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return ntpClient{}, &Error{Kind: BadReply, Op: parseOp, Detail: "the time server reply is not what the NTP API sends", Err: err}
	}
	if raw.Client == nil {
		return ntpClient{}, errAPIMissing
	}
	return *raw.Client, nil
}

// cleanServers keeps the server names that look like names or addresses.
func cleanServers(list []string) []string {
	var out []string
	for _, s := range list {
		s = strings.TrimSpace(s)
		if validServer(s) == "" && len(out) < maxServersKept {
			out = append(out, s)
		}
	}
	return out
}

// timeParams are the param.cgi Time group (VAPIX-SYS), with the time the
// camera stamped on the reply.
type timeParams struct {
	syncSource, obtainFromDHCP, server, volatileServer, posix string
	date                                                      time.Time
	timing                                                    *exchangeTiming
}

func (p timeParams) source() (SyncSource, []string) {
	keep := func(s string) []string {
		if s == "" || s == "0.0.0.0" {
			return nil
		}
		return cleanServers([]string{s})
	}
	switch {
	case strings.EqualFold(p.syncSource, "NTP") && strings.EqualFold(p.obtainFromDHCP, "yes"):
		return SyncDHCP, keep(p.volatileServer)
	case strings.EqualFold(p.syncSource, "NTP"):
		return SyncNTP, keep(p.server)
	case p.syncSource == "":
		return SyncUnknown, nil
	}
	return SyncManual, nil
}

func (c *Client) timeParams(ctx context.Context, op string) (timeParams, error) {
	t := &exchangeTiming{}
	r, err := c.do(ctx, call{op: op, method: http.MethodGet, path: paramPath, query: "action=list&group=Time", auth: true, limit: jsonLimit, timing: t})
	if err != nil {
		return timeParams{}, err
	}
	if r.status != http.StatusOK {
		return timeParams{}, c.statusError(op, r)
	}
	p, err := parseTimeParams(r.body)
	if err != nil {
		return timeParams{}, c.located(err, op)
	}
	p.timing = t
	if d, derr := parseDateHeader(r.header.Get("Date")); derr == nil {
		p.date = d
	}
	return p, nil
}

// parseTimeParams reads the Time group of a param.cgi list. A group the
// camera does not have comes back as an "# Error" line: that leaves the
// source unknown rather than failing the reading.
func parseTimeParams(body []byte) (timeParams, error) {
	params, err := ParseParams(body)
	if err != nil && KindOf(err) != CameraRefused {
		return timeParams{}, err
	}
	var p timeParams
	for _, pr := range params {
		v := devtext.Clean(strings.TrimSpace(pr.Value))
		switch strings.TrimPrefix(pr.Name, "root.") {
		case "Time.SyncSource":
			p.syncSource = v
		case "Time.ObtainFromDHCP":
			p.obtainFromDHCP = v
		case "Time.NTP.Server":
			p.server = v
		case "Time.NTP.VolatileServer":
			p.volatileServer = v
		case "Time.POSIXTimeZone":
			p.posix = cleanZone(v)
		}
	}
	return p, nil
}

// parseDateHeader reads an HTTP Date header (RFC 9110: IMF-fixdate, or the
// two obsolete forms).
func parseDateHeader(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 || !utf8.ValidString(s) {
		return time.Time{}, badReply("the reply carries no usable Date header")
	}
	t, err := http.ParseTime(s)
	if err != nil {
		return time.Time{}, badReply("the reply carries no usable Date header")
	}
	return t.UTC(), nil
}

// clockFromParams is the reading on firmware without time.cgi: the Time
// parameters, and the Date header of their reply for the time itself,
// which counts whole seconds.
func (c *Client) clockFromParams(ctx context.Context, op string) (ClockReading, error) {
	p, err := c.timeParams(ctx, op)
	if err != nil {
		return ClockReading{}, err
	}
	if p.date.IsZero() {
		return ClockReading{}, &Error{Kind: BadReply, Op: op, Host: c.host, Detail: "the camera's answer does not say what time it is"}
	}
	reading, err := place(p.date, true, p.timing)
	if err != nil {
		return ClockReading{}, c.located(err, op)
	}
	reading.FromDateHeader = true
	reading.Sync, reading.NTPServers = p.source()
	if p.posix != "" {
		reading.TimeZone, reading.TimeZoneIsPOSIX = p.posix, true
	}
	return reading, nil
}

// ClockSetting is how a camera is to keep time.
type ClockSetting struct {
	// NTPServers: follow these time servers (host names or addresses, at
	// most MaxNTPServers), not the ones DHCP names.
	NTPServers []string
	// ComputerTime: take this computer's time now and keep it (no NTP).
	ComputerTime bool
	// TimeZone, when set, is an IANA name ("Europe/Stockholm"), preferred,
	// or a POSIX rule ("CET-1CEST,M3.5.0,M10.5.0/3").
	TimeZone string
}

// MaxNTPServers is the number of static servers the NTP API example
// allows (maxSupportedStaticServers).
const MaxNTPServers = 5

// Validate checks s before anything is sent.
func (s ClockSetting) Validate() error {
	const op = "check the clock settings"
	switch {
	case len(s.NTPServers) > 0 && s.ComputerTime:
		return &Error{Kind: InvalidSettings, Op: op, Detail: "a camera either follows time servers or keeps this computer's time, not both."}
	case len(s.NTPServers) == 0 && !s.ComputerTime && s.TimeZone == "":
		return &Error{Kind: InvalidSettings, Op: op, Detail: "nothing to set: give time servers, this computer's time, or a time zone."}
	case len(s.NTPServers) > MaxNTPServers:
		return &Error{Kind: InvalidTimeServer, Op: op, Detail: "a camera takes at most 5 time servers."}
	}
	for _, srv := range s.NTPServers {
		if why := validServer(srv); why != "" {
			return &Error{Kind: InvalidTimeServer, Op: op, Detail: why}
		}
	}
	if s.TimeZone != "" {
		if _, err := classifyZone(s.TimeZone); err != nil {
			return err
		}
	}
	return nil
}

// validServer says why s is not a time server's host name or address, ""
// when it is one.
func validServer(s string) string {
	if s == "" {
		return "a time server is empty."
	}
	if len(s) > maxServerLen {
		return "a time server's name is longer than 253 characters."
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r > 0x7e {
			return "a time server's name has a space or a character that no host name has."
		}
	}
	if a, err := netip.ParseAddr(s); err == nil {
		switch {
		case a.Zone() != "":
			return "a time server's address cannot name a network interface (%…)."
		case a.IsUnspecified() || a.IsMulticast() || a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
			return a.String() + " is not the address of a time server."
		case a.IsLoopback():
			return a.String() + " means \"the camera itself\", which runs no time server."
		}
		return ""
	}
	name := strings.TrimSuffix(s, ".")
	labels := strings.Split(name, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return "\"" + s + "\" is not a host name or an IP address."
		}
		for i := 0; i < len(l); i++ {
			ch := l[i]
			if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-') {
				return "\"" + s + "\" is not a host name or an IP address."
			}
		}
	}
	// A name of digits and dots only would be read as a broken address.
	if strings.Trim(name, "0123456789.") == "" {
		return "\"" + s + "\" is not a valid IP address."
	}
	return ""
}

// classifyZone tells a POSIX rule from an IANA name. A string that
// parses as a POSIX rule is one ("UTC0", "CET-1CEST,M3.5.0,M10.5.0/3");
// otherwise it must look like an IANA name ("UTC", "Europe/Stockholm",
// "Etc/GMT+3"). Whether the camera knows the name is its own to say.
func classifyZone(tz string) (posix bool, err error) {
	fail := func(detail string) error {
		return &Error{Kind: InvalidTimeZone, Op: "check the clock settings", Detail: detail}
	}
	if len(tz) > 64 {
		return false, fail("it is longer than any time zone.")
	}
	if validPOSIXZone(tz) {
		return true, nil
	}
	if validIANAZone(tz) {
		return false, nil
	}
	return false, fail("\"" + devtext.Clean(tz) + "\" is neither a time zone name such as Europe/Stockholm nor a rule such as CET-1CEST,M3.5.0,M10.5.0/3.")
}

func validIANAZone(tz string) bool {
	if tz == "" {
		return false
	}
	for _, part := range strings.Split(tz, "/") {
		if part == "" || len(part) > 30 || !(part[0] >= 'A' && part[0] <= 'Z' || part[0] >= 'a' && part[0] <= 'z') {
			return false
		}
		for i := 0; i < len(part); i++ {
			ch := part[i]
			if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch == '-' || ch == '+') {
				return false
			}
		}
	}
	return true
}

// validPOSIXZone checks the TZ rule syntax of POSIX.1 (XBD 8.3):
// std offset [dst [offset] [,start[/time],end[/time]]].
func validPOSIXZone(tz string) bool {
	p := &tzParser{s: tz}
	if !p.name() || !p.offset() {
		return false
	}
	if p.done() {
		return true
	}
	if !p.name() {
		return false
	}
	if !p.done() && p.peek() != ',' && !p.offset() {
		return false
	}
	if p.done() {
		return true
	}
	return p.eat(',') && p.rule() && p.eat(',') && p.rule() && p.done()
}

// hasDST says a valid POSIX rule names a summer time.
func hasDST(tz string) bool {
	p := &tzParser{s: tz}
	return p.name() && p.offset() && !p.done()
}

type tzParser struct {
	s string
	i int
}

func (p *tzParser) done() bool { return p.i == len(p.s) }
func (p *tzParser) peek() byte {
	if p.done() {
		return 0
	}
	return p.s[p.i]
}
func (p *tzParser) eat(b byte) bool {
	if p.peek() == b && !p.done() {
		p.i++
		return true
	}
	return false
}

// name: three or more letters, or <...> with letters, digits, + and -.
func (p *tzParser) name() bool {
	start := p.i
	if p.eat('<') {
		for !p.done() && p.peek() != '>' {
			ch := p.peek()
			if !(isAlpha(ch) || ch >= '0' && ch <= '9' || ch == '+' || ch == '-') {
				return false
			}
			p.i++
		}
		return p.i-start >= 4 && p.eat('>')
	}
	for !p.done() && isAlpha(p.peek()) {
		p.i++
	}
	return p.i-start >= 3
}

// offset: [+-]hh[:mm[:ss]], hours 0–24.
func (p *tzParser) offset() bool {
	if !p.eat('+') {
		p.eat('-')
	}
	return p.clock(24)
}

func (p *tzParser) clock(maxHours int) bool {
	h, ok := p.number(2)
	if !ok || h > maxHours {
		return false
	}
	for range 2 {
		if !p.eat(':') {
			break
		}
		if n, ok := p.number(2); !ok || n > 59 {
			return false
		}
	}
	return true
}

func (p *tzParser) number(maxDigits int) (int, bool) {
	n, d := 0, 0
	for d < maxDigits && !p.done() && p.peek() >= '0' && p.peek() <= '9' {
		n = n*10 + int(p.peek()-'0')
		p.i++
		d++
	}
	return n, d > 0
}

// rule: Jn, n or Mm.w.d, with an optional /time.
func (p *tzParser) rule() bool {
	switch {
	case p.eat('J'):
		if n, ok := p.number(3); !ok || n < 1 || n > 365 {
			return false
		}
	case p.eat('M'):
		m, ok1 := p.number(2)
		ok2 := p.eat('.')
		w, ok3 := p.number(1)
		ok4 := p.eat('.')
		d, ok5 := p.number(1)
		if !(ok1 && ok2 && ok3 && ok4 && ok5) || m < 1 || m > 12 || w < 1 || w > 5 || d > 6 {
			return false
		}
	default:
		if n, ok := p.number(3); !ok || n > 365 {
			return false
		}
	}
	if p.eat('/') {
		if !p.eat('+') {
			p.eat('-')
		}
		// RFC 8536 extends the hours of a transition time to 167.
		return p.clock(167)
	}
	return true
}

func isAlpha(ch byte) bool { return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' }

// SetClock tells the camera how to keep time (and its time zone), in the
// order that leaves it sound if a step fails: the zone first, then the
// source, then the time itself.
func (c *Client) SetClock(ctx context.Context, s ClockSetting) error {
	const op = "set the camera's clock"
	if err := s.Validate(); err != nil {
		return c.located(err, op)
	}
	if s.TimeZone != "" {
		if err := c.setTimeZone(ctx, op, s.TimeZone); err != nil {
			return err
		}
	}
	switch {
	case len(s.NTPServers) > 0:
		return c.followNTP(ctx, op, s.NTPServers)
	case s.ComputerTime:
		if err := c.stopNTP(ctx, op); err != nil {
			return err
		}
		return c.setDateTime(ctx, op)
	}
	return nil
}

func (c *Client) setTimeZone(ctx context.Context, op, tz string) error {
	posix, _ := classifyZone(tz)
	req := apiRequest{APIVersion: "1.0", Context: requestContext, Method: "setTimeZone", Params: map[string]any{"timeZone": tz}}
	if posix {
		req.Method = "setPosixTimeZone"
		req.Params = map[string]any{"posixTimeZone": tz, "enableDst": hasDST(tz)}
	}
	_, err := c.timeCall(ctx, op, req, nil)
	if !errors.Is(err, errAPIMissing) {
		return err
	}
	if !posix {
		return &Error{Kind: Unsupported, Op: op, Host: c.host,
			Detail: "this camera's software takes a time zone only as a rule such as CET-1CEST,M3.5.0,M10.5.0/3, not as a name"}
	}
	return c.updateParams(ctx, op, []Param{{"Time.POSIXTimeZone", tz}, {"Time.DST.Enabled", paramYesNo(hasDST(tz))}}, false)
}

func (c *Client) followNTP(ctx context.Context, op string, servers []string) error {
	req := apiRequest{APIVersion: "1.0", Context: requestContext, Method: "setNTPClientConfiguration",
		Params: map[string]any{"enabled": true, "serversSource": "static", "staticServers": servers}}
	_, err := c.optionalAPI(ctx, op, ntpPath, req, nil)
	if !errors.Is(err, errAPIMissing) {
		return err
	}
	// The parameters hold one server: the first is the one asked for
	// most.
	return c.updateParams(ctx, op, []Param{{"Time.SyncSource", "NTP"}, {"Time.ObtainFromDHCP", "no"}, {"Time.NTP.Server", servers[0]}}, false)
}

func (c *Client) stopNTP(ctx context.Context, op string) error {
	req := apiRequest{APIVersion: "1.0", Context: requestContext, Method: "setNTPClientConfiguration", Params: map[string]any{"enabled": false}}
	_, err := c.optionalAPI(ctx, op, ntpPath, req, nil)
	if !errors.Is(err, errAPIMissing) {
		return err
	}
	return c.updateParams(ctx, op, []Param{{"Time.SyncSource", "None"}}, false)
}

// setDateTime sends this computer's UTC time. The API takes whole
// seconds, so the request goes out as a second begins, carrying that
// second: the camera is then off by the time the request takes to reach
// it, not by up to a second more.
func (c *Client) setDateTime(ctx context.Context, op string) error {
	now := time.Now()
	next := now.Truncate(time.Second).Add(time.Second)
	if err := sleep(ctx, next.Sub(now)); err != nil {
		return c.fail(op, Canceled, err)
	}
	stamp := next.UTC().Format("2006-01-02T15:04:05Z")
	req := apiRequest{APIVersion: "1.0", Context: requestContext, Method: "setDateTime", Params: map[string]any{"dateTime": stamp}}
	_, err := c.timeCall(ctx, op, req, nil)
	if errors.Is(err, errAPIMissing) {
		return &Error{Kind: Unsupported, Op: op, Host: c.host, Detail: "this camera's software cannot be given the time; use a time server"}
	}
	return err
}

func paramYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
