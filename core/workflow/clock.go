package workflow

import (
	"context"
	"strings"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

// The journal's words for a clock setting (see record.go on why English).
const (
	detailComputerTime = "this computer's time"
	detailTimeZoneOnly = "time zone "
)

// CheckClock logs in and reads the camera's clock, its time source and
// its time zone. The journal gets the offset (ClockOffsetMS) and, as
// Detail, how the camera keeps time ("NTP from DHCP, UTC0").
func CheckClock(ctx context.Context, env Env, t Target, login Login, progress func(Progress)) (vapix.ClockReading, error) {
	const action = journal.CheckClock
	cam, cr, err := openAndLogIn(ctx, env, t, login, action, "", progress)
	if err != nil {
		return vapix.ClockReading{}, err
	}
	defer cam.Close()
	report(progress, Progress{Step: StepReadingClock, Action: action, Target: t})
	r, err := cam.readClock(ctx)
	entry := cam.entry(action, cr.User, "")
	if err == nil {
		entry.Detail, entry.ClockOffsetMS = r.Setting(), r.Offset.Milliseconds()
	}
	env.write(ctx, entry, err)
	return r, err
}

func (c *Camera) readClock(ctx context.Context) (vapix.ClockReading, error) {
	s, err := c.side("read the camera's clock")
	if err != nil {
		return vapix.ClockReading{}, err
	}
	return s.Clock(ctx)
}

// SetClock logs in, tells the camera how to keep time, then reads its
// clock again: the reading is returned and the journal gets the offset
// after the change, with the setting as asked as Detail ("NTP 10.0.0.1,
// Europe/Stockholm", "this computer's time, Europe/Stockholm"). Input
// refused before anything is sent is not recorded. A reading that fails
// after the camera took the setting is recorded as done, without an
// offset, and its error returned.
func SetClock(ctx context.Context, env Env, t Target, login Login, setting vapix.ClockSetting, progress func(Progress)) (vapix.ClockReading, error) {
	const action = journal.SetClock
	if err := setting.Validate(); err != nil {
		return vapix.ClockReading{}, err
	}
	detail := ClockDetail(setting)
	cam, cr, err := openAndLogIn(ctx, env, t, login, action, detail, progress)
	if err != nil {
		return vapix.ClockReading{}, err
	}
	defer cam.Close()
	report(progress, Progress{Step: StepSettingClock, Action: action, Target: t})
	s, err := cam.side("set the camera's clock")
	if err == nil {
		err = s.SetClock(ctx, setting)
	}
	if err != nil {
		cam.record(ctx, action, cr.User, detail, err)
		return vapix.ClockReading{}, err
	}
	report(progress, Progress{Step: StepReadingClock, Action: action, Target: t})
	r, rerr := s.Clock(ctx)
	entry := cam.entry(action, cr.User, detail)
	if rerr == nil {
		entry.ClockOffsetMS = r.Offset.Milliseconds()
	}
	env.write(ctx, entry, nil)
	return r, rerr
}

// ClockDetail is a setting in the journal's words.
func ClockDetail(s vapix.ClockSetting) string {
	var parts []string
	switch {
	case len(s.NTPServers) > 0:
		parts = append(parts, "NTP "+strings.Join(s.NTPServers, ","))
	case s.ComputerTime:
		parts = append(parts, detailComputerTime)
	case s.TimeZone != "":
		return detailTimeZoneOnly + s.TimeZone
	}
	if s.TimeZone != "" {
		parts = append(parts, s.TimeZone)
	}
	return strings.Join(parts, ", ")
}
