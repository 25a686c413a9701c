package main

import (
	"github.com/openipu/openipu/core/camaddr"
	"github.com/openipu/openipu/core/workflow"
)

// parseAddress checks the camera's address before it is looked up in DNS,
// sent anywhere or written to the journal. A refusal is typed input that
// explains itself in camaddr's words, which never repeat the text.
func parseAddress(text string) (camaddr.Address, error) {
	a, err := camaddr.Parse(text)
	switch {
	case err == nil:
		return a, nil
	case camaddr.KindOf(err) == camaddr.UserInfo:
		return a, &badInput{err: &withNote{err: err, note: "Give the user name with --user; the password is asked for when it is needed."}}
	}
	return a, &badInput{err: err}
}

// target is where the workflows reach the camera. Unless a scheme is
// forced, HTTPS is tried first: on the port typed (which then may speak
// either), or on 443 when none or 80 was typed.
func target(a camaddr.Address, forceHTTPS, forceHTTP bool) (workflow.Target, error) {
	t := workflow.Target{Host: a.Host}
	switch {
	case forceHTTPS && forceHTTP:
		return t, usageErrorf("--https and --http contradict each other")
	case forceHTTP && a.Scheme == "https":
		return t, usageErrorf("--http and an https:// address contradict each other")
	case forceHTTPS && a.Scheme == "http":
		return t, usageErrorf("--https and an http:// address contradict each other")
	case forceHTTPS || a.Scheme == "https":
		t.Scheme, t.HTTPSPort = workflow.HTTPS, a.Port
	case forceHTTP:
		t.Scheme, t.HTTPPort = workflow.HTTP, a.Port
	case a.Port == 80:
		t.HTTPPort = 80
	case a.Port == 443:
		t.HTTPSPort = 443
	default:
		t.HTTPPort, t.HTTPSPort = a.Port, a.Port
	}
	return t, nil
}
