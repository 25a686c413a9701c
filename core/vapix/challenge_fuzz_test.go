package vapix

import (
	"net/http"
	"testing"
)

// What a device says in WWW-Authenticate and Retry-After is read by
// findChallenge and retryAfter: whatever it says, no challenge without qop
// is ever picked for an answer, and a pause is always positive and bounded.
func FuzzChallengeAndRetryAfter(f *testing.F) {
	for _, s := range []string{
		`Digest realm="AXIS_ACCC8E000001", nonce="abc", algorithm=MD5, qop="auth"`,
		`Digest realm="AXIS_ACCC8E000001", nonce="abc", algorithm=MD5`,
		`Digest realm="x", nonce="abc", qop="auth-int"`,
		`Digest realm="x", nonce="abc", qop="", algorithm=MD5-sess`,
		`Basic realm="AXIS_ACCC8E000001"`,
		`Digest realm="x", nonce=`,
	} {
		f.Add(s, `Basic realm="x"`, "600")
	}
	// Once found by the fuzzer: seconds that overflow a Duration.
	f.Add("0", "0", "12000000000000")
	f.Fuzz(func(t *testing.T, first, second, retry string) {
		h := http.Header{}
		h.Add("WWW-Authenticate", first)
		h.Add("WWW-Authenticate", second)
		h.Set("Retry-After", retry)
		if chal, err := findChallenge(h); err == nil && !qopOK(chal) {
			t.Fatalf("picked a challenge without qop from %q, %q", first, second)
		}
		if d := retryAfter(h); d <= 0 || d > maxRetryAfter {
			t.Fatalf("Retry-After %q read as %s", retry, d)
		}
		if offersOnlyWeakDigest(h) {
			if d, _, _ := authSchemes(h); d {
				t.Fatalf("%q, %q: weak only, yet a usable digest", first, second)
			}
		}
	})
}
