package vapix

import (
	"fmt"
	"strings"
)

// Password and user-name rules. AXIS OS imposes no policy beyond 1–64
// printable ASCII characters (web UI rule; pwdgrp strict_pwd); 8 is what we
// recommend. User names are 1–14 of [A-Za-z0-9] (VAPIX-SYS pwdgrp).
const (
	MaxPasswordLen         = 64
	RecommendedPasswordLen = 8
	MaxUserNameLen         = 14
)

// ValidatePassword checks the 1–64 printable ASCII (0x20–0x7E) rule. The
// returned error is an *Error of Kind InvalidPassword. It never quotes the
// password.
func ValidatePassword(pw string) error {
	fail := func(detail string) error {
		return &Error{Kind: InvalidPassword, Op: "check the password", Detail: detail}
	}
	switch {
	case pw == "":
		return fail("it is empty.")
	case len(pw) > MaxPasswordLen:
		return fail(fmt.Sprintf("it is longer than %d characters.", MaxPasswordLen))
	}
	for i := 0; i < len(pw); i++ {
		if b := pw[i]; b < 0x20 || b > 0x7e {
			return fail("it contains a character cameras do not accept, such as an accented letter, a symbol outside the keyboard's basic set, or a tab.")
		}
	}
	return nil
}

// PasswordIsWeak reports whether pw is valid but shorter than the
// recommended 8 characters.
func PasswordIsWeak(pw string) bool {
	return ValidatePassword(pw) == nil && len(pw) < RecommendedPasswordLen
}

// ValidateUserName checks 1–14 [A-Za-z0-9].
func ValidateUserName(name string) error {
	fail := func(detail string) error {
		return &Error{Kind: InvalidUserName, Op: "check the user name", Detail: detail}
	}
	switch {
	case name == "":
		return fail("it is empty.")
	case len(name) > MaxUserNameLen:
		return fail(fmt.Sprintf("it is longer than %d characters.", MaxUserNameLen))
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return fail(fmt.Sprintf("%q is not a letter A–Z or a digit.", r))
		}
	}
	return nil
}

// escapeQueryValue percent-encodes everything but RFC 3986 unreserved
// characters. Space becomes %20, never "+", so a camera's CGI decoder cannot
// read it either way; "&", "#", "+", "%" and "=" are always escaped.
func escapeQueryValue(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) * 3)
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9',
			ch == '-', ch == '.', ch == '_', ch == '~':
			b.WriteByte(ch)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[ch>>4])
			b.WriteByte(hex[ch&15])
		}
	}
	return b.String()
}
