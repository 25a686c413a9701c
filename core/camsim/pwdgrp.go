package camsim

import (
	"net/http"
	"net/url"
	"strings"
)

// pwdgrpPage wraps a pwdgrp.cgi message the way every recorded reply does
// (10.12, 11.11, 12.9), byte for byte.
func pwdgrpPage(msg string) []byte {
	return []byte("<html><head><title>User accounts</title></head><body bgcolor=#ffffff>" + msg + "\n</body>\n\n</html>\n")
}

// The reply texts (VAPIX-SYS and RS4A recordings).
const (
	msgInitialFirst    = "Error: initial admin user must be created first."
	msgNotValidInitial = "Error: not a valid initial admin user."
	msgInvalidPassword = "Error: invalid password."
	msgBadUserName     = "Error: account user name."
	msgUserExists      = "Error: this user name already exists, consult the system log file."
	msgConsultLog      = "Error: consult the system log file."
	msgActionType      = "Error: action operation type."
)

func writePwdgrp(w http.ResponseWriter, status int, msg string) {
	writeBody(w, status, "text/html", pwdgrpPage(msg))
}

// servePwdgrp is the user management CGI. In the factory-default state the
// one thing it allows, without authentication, is adding the initial
// administrator; after that it needs an administrator login.
func (c *Camera) servePwdgrp(w http.ResponseWriter, r *http.Request) {
	args, err := formArgs(w, r)
	if err != nil {
		writeApache(w, http.StatusBadRequest, apache400)
		return
	}
	action := args.Get("action")

	c.mu.Lock()
	setup := c.needsSetupLocked()
	c.mu.Unlock()
	if setup {
		if action != "add" {
			c.writeSetupRequired(w, r, string(pwdgrpPage(msgInitialFirst)), "text/html")
			return
		}
		c.addInitialUser(w, r, args)
		return
	}
	if !c.authorize(w, r, roleAdmin) {
		return
	}
	switch action {
	case "get":
		c.listUsers(w)
	case "add":
		c.addUser(w, args)
	case "update":
		c.updateUser(w, args)
	case "remove":
		c.removeUser(w, args)
	default:
		writePwdgrp(w, http.StatusOK, msgActionType)
	}
}

// checkNewAccount validates the name and password of an add, in the order the
// device reports them.
func checkNewAccount(args url.Values) string {
	if !userNamePattern.MatchString(args.Get("user")) {
		return msgBadUserName
	}
	if !passwordOK(args.Get("pwd"), args.Get("strict_pwd") == "1") {
		return msgInvalidPassword
	}
	return ""
}

// passwordOK: at least one character; with strict_pwd=1 also printable ASCII
// (0x20–0x7E) and at most 64 characters.
func passwordOK(pwd string, strict bool) bool {
	if pwd == "" {
		return false
	}
	if !strict {
		return true
	}
	if len(pwd) > 64 {
		return false
	}
	for i := 0; i < len(pwd); i++ {
		if pwd[i] < 0x20 || pwd[i] > 0x7e {
			return false
		}
	}
	return true
}

// roles parses sgrp; ok is false for an unknown group name.
func roles(sgrp string) (u user, ok bool) {
	if sgrp == "" {
		return u, false
	}
	for _, g := range strings.Split(sgrp, ":") {
		switch g {
		case "admin":
			u.admin = true
		case "operator":
			u.operator = true
		case "viewer":
			u.viewer = true
		case "ptz":
			u.ptz = true
		default:
			return u, false
		}
	}
	return u, true
}

// addInitialUser enforces the first-account rules: before 11.5 only root, in
// group root, as admin:operator:viewer:ptz and without a comment; from 11.5
// any valid name with that role.
func (c *Camera) addInitialUser(w http.ResponseWriter, r *http.Request, args url.Values) {
	if msg := checkNewAccount(args); msg != "" {
		writePwdgrp(w, http.StatusOK, msg)
		return
	}
	name := args.Get("user")
	u, ok := roles(args.Get("sgrp"))
	valid := ok && u.admin && u.operator && u.viewer && u.ptz
	if !c.prof.customFirstUser {
		valid = valid && name == "root" && args.Get("grp") == "root" && args.Get("comment") == ""
	}
	if !valid {
		c.writeSetupRequired(w, r, string(pwdgrpPage(msgNotValidInitial)), "text/html")
		return
	}
	u.name, u.pwd = name, args.Get("pwd")
	c.mu.Lock()
	if !c.needsSetupLocked() {
		// Another client won the race; this one now needs to log in.
		c.mu.Unlock()
		c.writeChallenge(w, r, false)
		return
	}
	c.users = append(c.users, u)
	c.mu.Unlock()
	c.cfg.Logf("camsim %s: initial administrator %q created", c.cfg.MAC, name)
	writePwdgrp(w, http.StatusOK, "Created account "+name+".")
}

func (c *Camera) addUser(w http.ResponseWriter, args url.Values) {
	if msg := checkNewAccount(args); msg != "" {
		writePwdgrp(w, http.StatusOK, msg)
		return
	}
	u, ok := roles(args.Get("sgrp"))
	if !ok || (args.Get("grp") != "users" && args.Get("grp") != "root") {
		writePwdgrp(w, http.StatusOK, msgConsultLog)
		return
	}
	u.name, u.pwd = args.Get("user"), args.Get("pwd")
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.userLocked(u.name) != nil {
		writePwdgrp(w, http.StatusOK, msgUserExists)
		return
	}
	c.users = append(c.users, u)
	writePwdgrp(w, http.StatusOK, "Created account "+u.name+".")
}

func (c *Camera) updateUser(w http.ResponseWriter, args url.Values) {
	name := args.Get("user")
	c.mu.Lock()
	defer c.mu.Unlock()
	u := c.userLocked(name)
	if u == nil {
		writePwdgrp(w, http.StatusOK, msgBadUserName)
		return
	}
	if args.Has("pwd") && !passwordOK(args.Get("pwd"), args.Get("strict_pwd") == "1") {
		writePwdgrp(w, http.StatusOK, msgInvalidPassword)
		return
	}
	if args.Has("sgrp") {
		nr, ok := roles(args.Get("sgrp"))
		if !ok || (u.admin && !nr.admin && c.adminCountLocked() == 1) {
			writePwdgrp(w, http.StatusOK, msgConsultLog)
			return
		}
		u.admin, u.operator, u.viewer, u.ptz = nr.admin, nr.operator, nr.viewer, nr.ptz
	}
	if args.Has("pwd") {
		u.pwd = args.Get("pwd")
	}
	writePwdgrp(w, http.StatusOK, "Modified account "+name+".")
}

func (c *Camera) removeUser(w http.ResponseWriter, args url.Values) {
	name := args.Get("user")
	c.mu.Lock()
	defer c.mu.Unlock()
	u := c.userLocked(name)
	if u == nil {
		writePwdgrp(w, http.StatusOK, msgBadUserName)
		return
	}
	// Before 11.5 root cannot be deleted; on any firmware the last
	// administrator stays, or the camera could never be managed again.
	if (!c.prof.customFirstUser && name == "root") || (u.admin && c.adminCountLocked() == 1) {
		writePwdgrp(w, http.StatusOK, msgConsultLog)
		return
	}
	for i := range c.users {
		if c.users[i].name == name {
			c.users = append(c.users[:i], c.users[i+1:]...)
			break
		}
	}
	writePwdgrp(w, http.StatusOK, "Removed account "+name+".")
}

func (c *Camera) adminCountLocked() int {
	n := 0
	for _, u := range c.users {
		if u.admin {
			n++
		}
	}
	return n
}

// listUsers is action=get: text/plain, CRLF lines (KANE fixture).
func (c *Camera) listUsers(w http.ResponseWriter) {
	c.mu.Lock()
	var admin, operator, viewer, ptz, all []string
	for _, u := range c.users {
		all = append(all, u.name)
		if u.admin {
			admin = append(admin, u.name)
		}
		if u.operator || u.admin {
			operator = append(operator, u.name)
		}
		if u.viewer || u.operator || u.admin {
			viewer = append(viewer, u.name)
		}
		if u.ptz {
			ptz = append(ptz, u.name)
		}
	}
	c.mu.Unlock()
	var b strings.Builder
	for _, g := range []struct {
		name  string
		users []string
	}{{"admin", admin}, {"operator", operator}, {"viewer", viewer}, {"ptz", ptz}, {"digusers", all}} {
		b.WriteString(g.name + `="` + strings.Join(g.users, ",") + "\"\r\n")
	}
	writeBody(w, http.StatusOK, "text/plain", []byte(b.String()))
}
