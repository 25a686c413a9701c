//go:build linux

package arpping

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// Capability bits (linux/capability.h).
const (
	capNetAdmin = 12
	capNetRaw   = 13
)

// privileged reports whether this process may change the neighbour table
// and send ICMP: root, or CAP_NET_ADMIN with CAP_NET_RAW (or, for the
// pings, a ping_group_range that holds this user's group).
func privileged() bool {
	if os.Geteuid() == 0 {
		return true
	}
	caps := effectiveCaps()
	if caps&(1<<capNetAdmin) == 0 {
		return false
	}
	return caps&(1<<capNetRaw) != 0 || pingGroupAllows(os.Getegid())
}

func effectiveCaps() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "CapEff:"); ok {
			n, err := strconv.ParseUint(strings.TrimSpace(v), 16, 64)
			if err == nil {
				return n
			}
		}
	}
	return 0
}

func pingGroupAllows(gid int) bool {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ping_group_range")
	if err != nil {
		return false
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return false
	}
	lo, err1 := strconv.Atoi(f[0])
	hi, err2 := strconv.Atoi(f[1])
	return err1 == nil && err2 == nil && lo <= gid && gid <= hi
}

const supported = true
