package camsim

import (
	"encoding/json"
	"hash/fnv"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

// clockState is how the camera keeps time (docs/protocol.md, Time,
// snapshot and friendly name). The clock itself is the computer's plus
// offset: every camera starts off by its own skew, as real ones do until
// something sets them.
type clockState struct {
	offset time.Duration
	// ntpEnabled with ntpFromDHCP: follow the servers DHCP names (the
	// factory setting; the simulated DHCP names none, so the clock keeps
	// its skew). Without ntpFromDHCP: follow ntpServers, which brings the
	// clock right at once.
	ntpEnabled  bool
	ntpFromDHCP bool
	ntpServers  []string
	// tzIANA is set by setTimeZone; tzPOSIX by setPosixTimeZone and
	// Time.POSIXTimeZone, or derived from tzIANA when the simulator knows
	// the zone.
	tzIANA, tzPOSIX string
	dst             bool
}

// factoryClock is the recorded factory setting of 12.9.57 (RS4A):
// SyncSource NTP, ObtainFromDHCP yes, server 0.0.0.0, POSIX zone UTC0,
// DST enabled. The offset survives: a reset does not set the clock.
func factoryClock(offset time.Duration) clockState {
	return clockState{offset: offset, ntpEnabled: true, ntpFromDHCP: true, tzPOSIX: "UTC0", dst: true}
}

func (s clockState) clone() clockState {
	s.ntpServers = slices.Clone(s.ntpServers)
	return s
}

// skewFor is a camera's starting clock error, from its MAC so that a fleet
// shows the same spread every run: a fifth are right, the others off by a
// few seconds, tens of seconds, or minutes either way.
func skewFor(mac string) time.Duration {
	h := fnv.New32a()
	_, _ = h.Write([]byte(mac))
	v := h.Sum32()
	ms := time.Duration(v>>8%1000) * time.Millisecond
	n := time.Duration(v >> 18)
	switch v % 5 {
	case 0:
		return 0
	case 1:
		return (2+n%8)*time.Second + ms
	case 2:
		return -((10+n%50)*time.Second + ms)
	case 3:
		return (1+n%15)*time.Minute + (n%60)*time.Second + ms
	}
	return -((1+n%5)*time.Minute + (n%60)*time.Second + ms)
}

// now is the camera's clock.
func (c *Camera) now() time.Time {
	c.mu.Lock()
	off := c.clock.offset
	c.mu.Unlock()
	return time.Now().Add(off)
}

// ClockOffset is how far the camera's clock is ahead of this computer's.
func (c *Camera) ClockOffset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.clock.offset
}

// TimeZone is the zone the camera keeps: the IANA name if it has one,
// else the POSIX rule.
func (c *Camera) TimeZone() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.clock.tzIANA != "" {
		return c.clock.tzIANA
	}
	return c.clock.tzPOSIX
}

// posixFor holds the rules of the zones a demo is likely to use, so that
// Time.POSIXTimeZone follows setTimeZone as on a camera; for other names
// the POSIX form is left out, as the time API does when it has none.
var posixFor = map[string]string{
	"UTC": "UTC0", "Etc/UTC": "UTC0", "Europe/London": "GMT0BST,M3.5.0/1,M10.5.0",
	"Europe/Stockholm": "CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Berlin": "CET-1CEST,M3.5.0,M10.5.0/3",
	"Europe/Paris": "CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Helsinki": "EET-2EEST,M3.5.0/3,M10.5.0/4",
	"America/New_York": "EST5EDT,M3.2.0,M11.1.0", "America/Chicago": "CST6CDT,M3.2.0,M11.1.0",
	"America/Los_Angeles": "PST8PDT,M3.2.0,M11.1.0", "Asia/Tokyo": "JST-9", "Australia/Sydney": "AEST-10AEDT,M10.1.0,M4.1.0/3",
}

// stdOffset is the standard-time UTC offset of a POSIX rule ("CET-1…" is
// UTC+1); summer time is not modelled in the local time the API shows.
func stdOffset(posix string) time.Duration {
	i := 0
	if strings.HasPrefix(posix, "<") {
		i = strings.IndexByte(posix, '>') + 1
	} else {
		for i < len(posix) && (posix[i] >= 'A' && posix[i] <= 'Z' || posix[i] >= 'a' && posix[i] <= 'z') {
			i++
		}
	}
	if i <= 0 || i >= len(posix) {
		return 0
	}
	rest := posix[i:]
	sign := time.Duration(1)
	switch rest[0] {
	case '-':
		sign, rest = -1, rest[1:]
	case '+':
		rest = rest[1:]
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return !(r >= '0' && r <= '9' || r == ':') })
	if end >= 0 {
		rest = rest[:end]
	}
	var d time.Duration
	for j, part := range strings.SplitN(rest, ":", 3) {
		n, _ := strconv.Atoi(part)
		d += time.Duration(n) * []time.Duration{time.Hour, time.Minute, time.Second}[j]
	}
	// POSIX counts westwards: CET-1 is one hour east of UTC.
	return -sign * d
}

// plausibleServer is what the simulator takes as a time server: a host
// name or an address, no spaces.
func plausibleServer(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return !a.IsUnspecified()
	}
	return validDomain(strings.TrimSuffix(s, "."))
}

func plausibleIANA(tz string) bool {
	if tz == "" || len(tz) > 64 {
		return false
	}
	for _, r := range tz {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/_-+", r)) {
			return false
		}
	}
	return !strings.Contains(tz, "..") && tz[0] != '/'
}

func plausiblePOSIX(tz string) bool {
	if len(tz) < 4 || len(tz) > 64 || strings.ContainsAny(tz, " \t/") && !strings.Contains(tz, ",") {
		return false
	}
	for _, r := range tz {
		if r <= ' ' || r > 0x7e {
			return false
		}
	}
	return strings.ContainsAny(tz, "0123456789")
}

// Time API versions: 1.1 adds the DHCP time zone. That 10.12 has only 1.0
// is inferred, not recorded.
func (c *Camera) timeAPI() string {
	if c.cfg.Generation == Gen10 {
		return "1.0"
	}
	return "1.1"
}

// serveTime is time.cgi (the Time API, AXIS OS 9.30 and later; deprecated
// from 12.4 but still served on 12.x).
func (c *Camera) serveTime(w http.ResponseWriter, r *http.Request) {
	if c.cfg.NoTimeAPI {
		writeApache(w, http.StatusNotFound, apache404)
		return
	}
	req, ok := c.jsonCall(w, r, func(method string) role {
		if method == "getDateTimeInfo" || method == "getSupportedVersions" {
			return roleViewer
		}
		return roleOperator
	})
	if !ok {
		return
	}
	api := c.timeAPI()
	switch {
	case req.Method == "getSupportedVersions":
		writeJSONReply(w, api, req, jobj{{"apiVersions", []string{"1.0", api}}})
		return
	case !versionOK(req.APIVersion, api):
		writeJSONError(w, api, req, 2001, "Unsupported API version")
		return
	}
	switch req.Method {
	case "getDateTimeInfo":
		writeJSONReply(w, req.APIVersion, req, c.dateTimeInfo())
	case "setDateTime":
		var p struct {
			DateTime string `json:"dateTime"`
		}
		err := json.Unmarshal(req.Params, &p)
		var at time.Time
		if err == nil {
			at, err = time.Parse(time.RFC3339Nano, p.DateTime)
		}
		if err != nil {
			writeJSONError(w, req.APIVersion, req, 2002, "Invalid parameter value")
			return
		}
		c.mu.Lock()
		c.clock.offset = time.Until(at)
		c.mu.Unlock()
		writeJSONReply(w, req.APIVersion, req, jobj{{"dateTime", p.DateTime}})
	case "setTimeZone":
		var p struct {
			TimeZone string `json:"timeZone"`
		}
		if json.Unmarshal(req.Params, &p) != nil || !plausibleIANA(p.TimeZone) {
			writeJSONError(w, req.APIVersion, req, 2002, "Invalid parameter value")
			return
		}
		c.mu.Lock()
		c.clock.tzIANA, c.clock.tzPOSIX, c.clock.dst = p.TimeZone, posixFor[p.TimeZone], true
		c.mu.Unlock()
		writeJSONReply(w, req.APIVersion, req, jobj{{"timeZone", p.TimeZone}})
	case "setPosixTimeZone":
		var p struct {
			POSIX     string `json:"posixTimeZone"`
			EnableDST *bool  `json:"enableDst"`
		}
		if json.Unmarshal(req.Params, &p) != nil || !plausiblePOSIX(p.POSIX) {
			writeJSONError(w, req.APIVersion, req, 2002, "Invalid parameter value")
			return
		}
		dst := p.EnableDST == nil || *p.EnableDST
		c.mu.Lock()
		c.clock.tzIANA, c.clock.tzPOSIX, c.clock.dst = "", p.POSIX, dst
		c.mu.Unlock()
		writeJSONReply(w, req.APIVersion, req, jobj{{"posixTimeZone", p.POSIX}, {"dstEnabled", dst}})
	default:
		writeJSONError(w, req.APIVersion, req, 2004, "Method not supported")
	}
}

// dateTimeInfo is getDateTimeInfo's data, in the documented key order.
func (c *Camera) dateTimeInfo() jobj {
	c.mu.Lock()
	s := c.clock.clone()
	c.mu.Unlock()
	now := time.Now().Add(s.offset)
	local := now.In(time.FixedZone("", int(stdOffset(s.tzPOSIX)/time.Second)))
	out := jobj{
		{"dateTime", now.UTC().Format("2006-01-02T15:04:05Z")},
		{"localDateTime", local.Format("2006-01-02T15:04:05-07:00")},
		{"maxYearSupported", 2037},
	}
	if s.tzIANA != "" {
		out = append(out, jkv{"timeZone", s.tzIANA})
	}
	if s.tzPOSIX != "" {
		out = append(out, jkv{"posixTimeZone", s.tzPOSIX}, jkv{"dstEnabled", s.dst || s.tzIANA != ""})
	}
	return out
}

// serveNTP is ntp.cgi (the NTP API, AXIS OS 9.10 and later), for
// administrators.
func (c *Camera) serveNTP(w http.ResponseWriter, r *http.Request) {
	if c.cfg.NoTimeAPI {
		writeApache(w, http.StatusNotFound, apache404)
		return
	}
	req, ok := c.jsonCall(w, r, func(string) role { return roleAdmin })
	if !ok {
		return
	}
	const api = "1.5"
	switch {
	case req.Method == "getSupportedVersions":
		writeJSONReply(w, api, req, jobj{{"apiVersions", []string{"1.0", api}}})
		return
	case !versionOK(req.APIVersion, api):
		writeJSONError(w, api, req, 2001, "Unsupported API version")
		return
	}
	switch req.Method {
	case "getNTPInfo":
		writeJSONReply(w, req.APIVersion, req, jobj{{"client", c.ntpClient()}})
	case "setNTPClientConfiguration":
		c.setNTPClient(w, req)
	default:
		writeJSONError(w, req.APIVersion, req, 2004, "Method not supported")
	}
}

func (c *Camera) ntpClient() jobj {
	c.mu.Lock()
	s := c.clock.clone()
	c.mu.Unlock()
	source := "static"
	if s.ntpFromDHCP {
		source = "DHCP"
	}
	synced := s.ntpEnabled && !s.ntpFromDHCP && len(s.ntpServers) > 0
	next := 0
	if s.ntpEnabled && len(s.ntpServers) > 0 {
		next = 1024
	}
	servers := s.ntpServers
	if servers == nil {
		servers = []string{}
	}
	return jobj{
		{"enabled", s.ntpEnabled}, {"NTSEnabled", false}, {"serversSource", source},
		{"maxSupportedStaticServers", 5}, {"staticServers", servers}, {"advertisedServers", []string{}},
		{"staticNTSKEServers", []string{}}, {"synced", synced}, {"timeToNextSync", next},
		{"timeOffset", 0}, {"minpoll", 6}, {"maxpoll", 10},
	}
}

// setNTPClient follows the documented errors: 4003 for a missing
// parameter, 4004 with a subCode for an invalid one.
func (c *Camera) setNTPClient(w http.ResponseWriter, req jsonRequest) {
	var p struct {
		Enabled       *bool     `json:"enabled"`
		ServersSource *string   `json:"serversSource"`
		StaticServers *[]string `json:"staticServers"`
	}
	if json.Unmarshal(req.Params, &p) != nil || p.Enabled == nil {
		writeJSONError(w, req.APIVersion, req, 4003, "Missing parameter(s)")
		return
	}
	invalid := func(sub int) {
		writeJSONErrorDetails(w, req.APIVersion, req, 4004, "Invalid parameter(s)", jobj{{"subCode", sub}})
	}
	if p.ServersSource != nil && *p.ServersSource != "DHCP" && *p.ServersSource != "static" {
		invalid(2)
		return
	}
	if p.StaticServers != nil {
		if len(*p.StaticServers) > 5 {
			invalid(3)
			return
		}
		for _, s := range *p.StaticServers {
			if s != "" && !plausibleServer(s) {
				invalid(3)
				return
			}
		}
	}
	c.mu.Lock()
	s := &c.clock
	s.ntpEnabled = *p.Enabled
	if p.ServersSource != nil {
		s.ntpFromDHCP = *p.ServersSource == "DHCP"
	}
	if p.StaticServers != nil {
		s.ntpServers = slices.DeleteFunc(slices.Clone(*p.StaticServers), func(s string) bool { return s == "" })
	}
	s.syncLocked()
	c.mu.Unlock()
	writeJSONReply(w, req.APIVersion, req, jobj{})
}

// syncLocked: a camera given time servers of its own is right once it
// reaches them, which the simulator takes as at once.
func (s *clockState) syncLocked() {
	if s.ntpEnabled && !s.ntpFromDHCP && len(s.ntpServers) > 0 {
		s.offset = 0
	}
}

// timeParamValues fills the Time group's placeholders.
func (s clockState) paramValues(m map[string]string) {
	src := "None"
	if s.ntpEnabled {
		src = "NTP"
	}
	server := "0.0.0.0"
	if len(s.ntpServers) > 0 {
		server = s.ntpServers[0]
	}
	m["TimeSyncSource"] = src
	m["TimeObtainFromDHCP"] = yesNo(s.ntpFromDHCP)
	m["TimeNTPServer"] = server
	m["TimePOSIXTimeZone"] = s.tzPOSIX
	m["TimeDST"] = yesNo(s.dst)
}

// timeParams are the Time parameters modelled by clockState.
var timeParams = map[string]bool{
	"Time.SyncSource": true, "Time.ObtainFromDHCP": true, "Time.NTP.Server": true,
	"Time.POSIXTimeZone": true, "Time.DST.Enabled": true,
}

// applyTimeParam maps a Time.* update onto s; it reports whether the value
// is acceptable. "None" for a clock kept by hand is inferred.
func applyTimeParam(s *clockState, name, value string) bool {
	switch name {
	case "Time.SyncSource":
		if value != "NTP" && value != "None" {
			return false
		}
		s.ntpEnabled = value == "NTP"
	case "Time.ObtainFromDHCP", "Time.DST.Enabled":
		if value != "yes" && value != "no" {
			return false
		}
		if name == "Time.DST.Enabled" {
			s.dst = value == "yes"
		} else {
			s.ntpFromDHCP = value == "yes"
		}
	case "Time.NTP.Server":
		if value != "0.0.0.0" && !plausibleServer(value) {
			return false
		}
		s.ntpServers = nil
		if value != "0.0.0.0" {
			s.ntpServers = []string{value}
		}
	case "Time.POSIXTimeZone":
		if !plausiblePOSIX(value) {
			return false
		}
		s.tzIANA, s.tzPOSIX = "", value
	}
	return true
}

// jsonCall reads a JSON CGI request and checks the caller may make it
// (need says what each method requires). When it returns false it has
// answered already.
func (c *Camera) jsonCall(w http.ResponseWriter, r *http.Request, need func(method string) role) (jsonRequest, bool) {
	var (
		req    jsonRequest
		reqErr error
	)
	if r.Method == http.MethodPost {
		body, err := readBody(w, r)
		if err == nil {
			req, reqErr = parseJSONRequest(body)
		} else {
			reqErr = err
		}
	}
	if !c.authorize(w, r, need(req.Method)) {
		return req, false
	}
	switch {
	case r.Method != http.MethodPost:
		writeJSONError(w, "1.0", req, 2002, "HTTP request type not supported. Only POST is supported")
		return req, false
	case reqErr != nil || req.Method == "":
		writeJSONError(w, "1.0", req, 4000, "Invalid JSON")
		return req, false
	}
	return req, true
}

func writeJSONReply(w http.ResponseWriter, api string, req jsonRequest, data jobj) {
	body := withContext(jobj{{"apiVersion", api}}, req.Context, jkv{"method", req.Method}, jkv{"data", data})
	writeBody(w, http.StatusOK, "application/json", encodeJSON(body, compact))
}

func writeJSONError(w http.ResponseWriter, api string, req jsonRequest, code int, msg string) {
	writeJSONErrorDetails(w, api, req, code, msg, nil)
}

func writeJSONErrorDetails(w http.ResponseWriter, api string, req jsonRequest, code int, msg string, details jobj) {
	e := jobj{{"code", code}, {"message", msg}}
	if details != nil {
		e = append(e, jkv{"details", details})
	}
	head := withContext(jobj{{"apiVersion", api}}, req.Context)
	if req.Method != "" {
		head = append(head, jkv{"method", req.Method})
	}
	writeBody(w, http.StatusOK, "application/json", encodeJSON(append(head, jkv{"error", e}), compact))
}
