package vapix

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/openipu/openipu/core/devtext"
)

// apiRequest is the envelope of Axis' JSON CGIs.
type apiRequest struct {
	APIVersion string `json:"apiVersion"`
	Context    string `json:"context,omitempty"`
	Method     string `json:"method"`
	Params     any    `json:"params,omitempty"`
}

// apiError is the "error" object JSON CGIs send with HTTP 200.
type apiError struct {
	Code    flexInt `json:"code"`
	Message string  `json:"message"`
}

// String is the camera's message as an Error's Detail; it is the device's
// own text, so it is cleaned.
func (e *apiError) String() string {
	msg := devtext.Clean(e.Message)
	if msg == "" {
		return fmt.Sprintf("error %d", e.Code)
	}
	return fmt.Sprintf("%s (error %d)", msg, e.Code)
}

type apiReply struct {
	APIVersion string          `json:"apiVersion"`
	Method     string          `json:"method"`
	Data       json.RawMessage `json:"data"`
	Error      *apiError       `json:"error"`
}

const requestContext = "openipu"

// parseAPIReply reads the envelope. A reply with neither data nor error is
// not one of these APIs.
func parseAPIReply(body []byte) (apiReply, error) {
	var r apiReply
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return r, badReply("the reply is not JSON")
	}
	if err := json.Unmarshal(trimmed, &r); err != nil {
		return r, &Error{Kind: BadReply, Op: parseOp, Detail: "the reply is not valid JSON", Err: err}
	}
	if r.Error == nil && len(r.Data) == 0 {
		return r, badReply("the reply has neither data nor error")
	}
	return r, nil
}

const parseOp = "read the camera's reply"

func badReply(detail string) *Error {
	return &Error{Kind: BadReply, Op: parseOp, Detail: detail}
}

// apiMissing says an API error code means "this firmware lacks the method or
// this API version", which sends us to the legacy CGI. 405/417 are the
// firmware management API's (VAPIX-FW); 2003/2004 are the codes newer JSON
// APIs use for the same (as in basicdeviceinfo's table) [I].
func apiMissing(code int) bool {
	switch code {
	case 405, 417, 2003, 2004:
		return true
	}
	return false
}

// callJSON posts a JSON request and returns the parsed envelope. A non-200
// status becomes a typed error; an API "error" object is left to the caller.
func (c *Client) callJSON(ctx context.Context, cl call, req apiRequest) (apiReply, reply, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return apiReply{}, reply{}, fmt.Errorf("%s: %w", cl.op, err)
	}
	cl.method = http.MethodPost
	cl.body = body
	r, err := c.do(ctx, cl)
	if err != nil {
		return apiReply{}, r, err
	}
	if r.dropped {
		return apiReply{}, r, nil
	}
	if r.status != http.StatusOK {
		return apiReply{}, r, c.statusError(cl.op, r)
	}
	ar, err := parseAPIReply(r.body)
	if err != nil {
		return ar, r, c.located(err, cl.op)
	}
	return ar, r, nil
}

// located fills in the operation and host of a parser's *Error.
func (c *Client) located(err error, op string) error {
	if e, ok := err.(*Error); ok {
		e2 := *e
		e2.Op, e2.Host = op, c.host
		return &e2
	}
	return err
}

// flexInt accepts 405 and "405": firmware is not consistent.
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("not a number: %q", s)
	}
	*f = flexInt(n)
	return nil
}

// flexString accepts "65", 65 and true alike: uptime is a string in every
// capture, but nothing promises it.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	if string(b) == "null" {
		*f = ""
		return nil
	}
	if len(b) > 0 && (b[0] == '{' || b[0] == '[') {
		return fmt.Errorf("expected a string, got %s", b[:1])
	}
	*f = flexString(b)
	return nil
}
