package camsim

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"
)

// maxRequestBody bounds what the camera reads from a request; VAPIX bodies
// are small.
const maxRequestBody = 64 << 10

// handler is the camera's web server for one boot. stop closes when the
// camera leaves the network, ending requests that wait.
func (c *Camera) handler(stop <-chan struct{}) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/axis-cgi/systemready.cgi", func(w http.ResponseWriter, r *http.Request) { c.serveSystemReady(w, r, stop) })
	mux.HandleFunc("/axis-cgi/basicdeviceinfo.cgi", c.serveDeviceInfo)
	mux.HandleFunc("/axis-cgi/pwdgrp.cgi", c.servePwdgrp)
	mux.HandleFunc("/axis-cgi/param.cgi", c.serveParam)
	mux.HandleFunc("/axis-cgi/firmwaremanagement.cgi", c.serveFirmwareManagement)
	mux.HandleFunc("/axis-cgi/factorydefault.cgi", func(w http.ResponseWriter, r *http.Request) { c.serveLegacyReset(w, r, resetSoft) })
	mux.HandleFunc("/axis-cgi/hardfactorydefault.cgi", func(w http.ResponseWriter, r *http.Request) { c.serveLegacyReset(w, r, resetHard) })
	mux.HandleFunc("/axis-cgi/restart.cgi", func(w http.ResponseWriter, r *http.Request) { c.serveLegacyReset(w, r, resetRestart) })
	mux.HandleFunc("/axis-cgi/network_settings.cgi", c.serveNetworkSettings)
	mux.HandleFunc("/axis-cgi/time.cgi", c.serveTime)
	mux.HandleFunc("/axis-cgi/ntp.cgi", c.serveNTP)
	mux.HandleFunc("/axis-cgi/jpg/image.cgi", c.serveImage)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writeApache(w, http.StatusNotFound, apache404) })
	return c.withLatency(stop, c.withHeaders(c.withFaults(stop, c.withLockout(mux))))
}

// withHeaders sets the headers every Axis reply carries (KB "default
// headers"). The CSP text is a plausible one; its exact value on devices is
// not recorded.
func (c *Camera) withHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Server", c.prof.server)
		// The camera's own clock, as Apache stamps every reply; OpenIPU
		// reads it where the firmware has no time API.
		h.Set("Date", c.now().UTC().Format(http.TimeFormat))
		h.Set("X-Frame-Options", "SAMEORIGIN")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-XSS-Protection", "1; mode=block")
		if c.prof.securityHeaders11 {
			h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'; object-src 'none'")
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		}
		next.ServeHTTP(w, r)
	})
}

// Apache's own error pages, which is what an Axis device sends for these
// statuses.
const (
	apache400 = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>400 Bad Request</title>\n</head><body>\n<h1>Bad Request</h1>\n<p>Your browser sent a request that this server could not understand.<br />\n</p>\n</body></html>\n"
	apache401 = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>401 Unauthorized</title>\n</head><body>\n<h1>Unauthorized</h1>\n<p>This server could not verify that you\nare authorized to access the document\nrequested.  Either you supplied the wrong\ncredentials (e.g., bad password), or your\nbrowser doesn't understand how to supply\nthe credentials required.</p>\n</body></html>\n"
	apache403 = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 Forbidden</title>\n</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission to access this resource.</p>\n</body></html>\n"
	apache404 = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n"
)

func writeApache(w http.ResponseWriter, status int, page string) {
	writeBody(w, status, "text/html; charset=iso-8859-1", []byte(page))
}

func writeBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// readBody reads a request body through the size limit.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, err
	}
	return b, err
}

// formArgs are a CGI's arguments: the query string for GET; for POST only an
// application/x-www-form-urlencoded body. AXIS OS ignores arguments in the
// query string of a POST (FIELD12, 12.9), and the simulator does the same on
// every generation so clients cannot depend on it.
func formArgs(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	if r.Method != http.MethodPost {
		return r.URL.Query(), nil
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" {
		_, _ = io.Copy(io.Discard, http.MaxBytesReader(w, r.Body, maxRequestBody))
		return url.Values{}, nil
	}
	b, err := readBody(w, r)
	if err != nil {
		return nil, err
	}
	return url.ParseQuery(string(b))
}

// hold keeps request r waiting for d, as a slow or busy camera does. It
// reports false when the wait was cut short: the client left, or the
// camera went off the network (stop).
func hold(r *http.Request, stop <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-stop:
		return false
	}
}
