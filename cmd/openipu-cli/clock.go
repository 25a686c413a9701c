package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

var clockCommand = &command{
	name:    "clock",
	args:    "HOST[:PORT] --user NAME [--ntp SERVER[,SERVER] | --sync] [--timezone TZ] [options]",
	summary: "Compare the camera's clock with this computer's, or set how it keeps time.",
	help: `Without --ntp, --sync or --timezone the camera's clock is only read: how far
it is ahead of or behind this computer, and how it keeps time. --ntp makes the
camera follow the time servers given (not the ones DHCP names); --sync gives it
this computer's time now and stops it following time servers. Either can come
with --timezone, or --timezone can come alone. The clock is read again after a
change.`,
	flags: func() *flagSet { return new(clockFlags).flagSet() },
	run:   runClock,
}

type clockFlags struct {
	options
	ntp      string
	sync     bool
	timezone string
}

func (f *clockFlags) flagSet() *flagSet {
	fs := newFlagSet("clock", &f.options, logInUsage)
	fs.StringVar(&f.ntp, "ntp", "", "Make the camera follow these time servers: `SERVER`, or several separated by commas (at most 5), as host names or IP addresses.")
	fs.BoolVar(&f.sync, "sync", false, "Give the camera this computer's time now, and keep it without time servers.")
	fs.StringVar(&f.timezone, "timezone", "", "Set the camera's time zone `TZ`: a name such as Europe/Stockholm, or a rule such as CET-1CEST,M3.5.0,M10.5.0/3.")
	return fs
}

type clockResult struct {
	OK          bool       `json:"ok"`
	Camera      jsonCamera `json:"camera"`
	Changed     bool       `json:"changed"`
	OffsetMS    int64      `json:"offset_ms"`
	PrecisionMS int64      `json:"precision_ms"`
	CameraTime  time.Time  `json:"camera_time"`
	Sync        string     `json:"sync"`
	NTPServers  []string   `json:"ntp_servers"`
	TimeZone    string     `json:"time_zone"`
}

func runClock(ctx context.Context, c *cli, args []string) error {
	var f clockFlags
	target, err := c.parseTarget(f.flagSet(), &f.options, args)
	if err != nil {
		return err
	}
	if err := requireUser(&f.options); err != nil {
		return err
	}
	var setting vapix.ClockSetting
	if f.ntp != "" {
		for _, s := range strings.Split(f.ntp, ",") {
			setting.NTPServers = append(setting.NTPServers, strings.TrimSpace(s))
		}
	}
	setting.ComputerTime, setting.TimeZone = f.sync, strings.TrimSpace(f.timezone)
	change := f.ntp != "" || f.sync || f.timezone != ""
	if f.ntp != "" && f.sync {
		return usageErrorf("give --ntp or --sync, not both: a camera either follows time servers or keeps the time it was given")
	}
	if change {
		// Refused here, before the camera is asked or a password typed.
		if err := setting.Validate(); err != nil {
			return err
		}
	}
	s, err := c.open(target, &f.options, true)
	if err != nil {
		return err
	}
	defer s.close()

	var id vapix.Identity
	login := s.login()
	seen := func(ctx context.Context, cam *workflow.Camera) (workflow.Credentials, error) {
		id = cam.ID
		return login(ctx, cam)
	}
	var r vapix.ClockReading
	if change {
		r, err = workflow.SetClock(ctx, s.env, s.target, seen, setting, s.reportProgress())
	} else {
		r, err = workflow.CheckClock(ctx, s.env, s.target, seen, s.reportProgress())
	}
	if err != nil {
		return err
	}
	if change {
		s.say("%s now keeps %s.", s.name(id), r.Setting())
	}
	s.say("%s", clockSentence(r))
	servers := r.NTPServers
	if servers == nil {
		servers = []string{}
	}
	s.emit(clockResult{
		OK: true, Camera: s.jsonCamera(id), Changed: change,
		OffsetMS: r.Offset.Milliseconds(), PrecisionMS: r.Precision.Milliseconds(), CameraTime: r.Camera,
		Sync: string(r.Sync), NTPServers: servers, TimeZone: r.TimeZone,
	})
	return nil
}

// clockSentence is a reading in words: "Camera clock is 73.2 s ahead of
// this computer (NTP from DHCP, UTC0)." An offset within the reading's
// precision is no offset.
func clockSentence(r vapix.ClockReading) string {
	abs := r.Offset.Abs()
	if abs <= r.Precision {
		return fmt.Sprintf("Camera clock agrees with this computer's to within %.1f s (%s).", r.Precision.Seconds(), r.Setting())
	}
	way := "ahead of"
	if r.Offset < 0 {
		way = "behind"
	}
	return fmt.Sprintf("Camera clock is %s %s this computer (%s).", spanText(abs), way, r.Setting())
}

// spanText is a duration as people read it: "73.2 s", "14 min 5 s",
// "3 h 2 min", "12 days".
func spanText(d time.Duration) string {
	switch {
	case d < 2*time.Minute:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d < 2*time.Hour:
		return fmt.Sprintf("%d min %d s", int(d.Minutes()), int(d.Seconds())%60)
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h %d min", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}
