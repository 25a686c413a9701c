package workflow

import (
	"net/netip"
	"time"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// Step is where a workflow is.
type Step int

const (
	// StepIdentifying: asking the camera, anonymously, who it is.
	StepIdentifying Step = iota + 1
	// StepLoggingIn: proving the administrator's password.
	StepLoggingIn
	// StepSavingBackup: saving the camera's settings to a file.
	StepSavingBackup
	// StepBackupSaved: the settings are in Progress.Path.
	StepBackupSaved
	// StepCreatingAccount: creating the first administrator and logging
	// in with it.
	StepCreatingAccount
	// StepSending: sending the change (Progress.Action says which).
	StepSending
	// StepRebooting: waiting for the camera to come back
	// (Progress.Reboot); after a factory default when Progress.Action is
	// journal.FactoryDefault.
	StepRebooting
	// StepFollowing: looking for the camera at its new address
	// (Progress.Addr; invalid with DHCP).
	StepFollowing
	// StepNoEncryption: the camera offers no HTTPS; reported before a
	// password is asked for, and before Env.ConfirmPlainHTTP is asked.
	StepNoEncryption
	// StepDeviceWait: the camera asked for a pause of Progress.Wait before
	// the next login try (too many failed logins); the workflow waits it
	// out, within the client's timeout.
	StepDeviceWait
	// StepReadingClock: reading the camera's clock.
	StepReadingClock
	// StepSettingClock: telling the camera how to keep time.
	StepSettingClock
	// StepTakingSnapshot: taking a picture from the camera.
	StepTakingSnapshot
	// StepNaming: writing the camera's name.
	StepNaming
)

// Progress is one step of a workflow on one camera.
type Progress struct {
	Step   Step
	Action journal.Action
	// Target is the camera the step is about (bulk workflows run several).
	Target Target
	// Reboot is the restart's phase (StepRebooting).
	Reboot vapix.RebootProgress
	// Path is the backup file (StepBackupSaved).
	Path string
	// Addr is where the camera is looked for (StepFollowing).
	Addr netip.Addr
	// Elapsed is the time the step has taken so far.
	Elapsed time.Duration
	// Wait is the pause the camera asked for (StepDeviceWait).
	Wait time.Duration
}

// Message puts the step in words for the user.
func (p Progress) Message() usermsg.Message {
	secs := int(p.Elapsed.Seconds())
	switch p.Step {
	case StepIdentifying:
		return msgIdentifying
	case StepLoggingIn:
		return msgLoggingIn
	case StepSavingBackup:
		return msgSavingBackup
	case StepBackupSaved:
		return msgBackupSaved.With("Path", p.Path)
	case StepCreatingAccount:
		return msgCreatingAccount
	case StepSending:
		switch p.Action {
		case journal.FactoryDefault:
			return msgSendingReset
		case journal.Restart:
			return msgSendingRestart
		}
		return msgSendingNetwork
	case StepRebooting:
		return RebootMessage(p.Reboot, p.Action == journal.FactoryDefault)
	case StepNoEncryption:
		return msgNoEncryption
	case StepDeviceWait:
		return msgDeviceWait.With("Seconds", int((p.Wait+time.Second-1)/time.Second))
	case StepReadingClock:
		return msgReadingClock
	case StepSettingClock:
		return msgSettingClock
	case StepTakingSnapshot:
		return msgTakingSnapshot
	case StepNaming:
		return msgNaming
	case StepFollowing:
		if !p.Addr.IsValid() {
			return msgFollowingDHCP.With("Seconds", secs)
		}
		return msgFollowing.With("Addr", p.Addr.String()).With("Seconds", secs)
	}
	return usermsg.Message{}
}

// RebootMessage puts a restart's phase in words, with the seconds so far so
// a long wait visibly has not hung. After a factory default the camera is
// back without a password.
func RebootMessage(p vapix.RebootProgress, factory bool) usermsg.Message {
	secs := int(p.Elapsed.Seconds())
	switch p.Phase {
	case vapix.RebootWaitingToGoDown:
		return msgRebootGoingDown.With("Seconds", secs)
	case vapix.RebootDown:
		return msgRebootDown.With("Seconds", secs)
	case vapix.RebootBooting:
		return msgRebootBooting.With("Seconds", secs)
	}
	if factory {
		return msgRebootBackSetup
	}
	return msgRebootBack
}

var (
	msgIdentifying     = usermsg.Message{Key: "workflow.identifying", Text: "Asking the camera who it is…"}
	msgLoggingIn       = usermsg.Message{Key: "workflow.logging_in", Text: "Logging in…"}
	msgSavingBackup    = usermsg.Message{Key: "workflow.saving_backup", Text: "Saving the camera's settings…"}
	msgBackupSaved     = usermsg.Message{Key: "workflow.backup_saved", Text: "Settings saved to {{.Path}}"}
	msgCreatingAccount = usermsg.Message{Key: "workflow.creating_account", Text: "Setting the password…"}
	msgSendingReset    = usermsg.Message{Key: "workflow.sending_reset", Text: "Sending the reset…"}
	msgSendingRestart  = usermsg.Message{Key: "workflow.sending_restart", Text: "Asking the camera to restart…"}
	msgSendingNetwork  = usermsg.Message{Key: "workflow.sending_network", Text: "Sending the new settings…"}
	msgFollowing       = usermsg.Message{Key: "workflow.following", Text: "Looking for the camera at {{.Addr}}… ({{.Seconds}} s)"}
	msgFollowingDHCP   = usermsg.Message{Key: "workflow.following_dhcp", Text: "Waiting for the camera to take an address from DHCP and show up in the camera list… ({{.Seconds}} s)"}
	msgRebootGoingDown = usermsg.Message{Key: "workflow.reboot.going_down", Text: "Restarting… the camera is still answering; it goes off the network in a moment. ({{.Seconds}} s)"}
	msgRebootDown      = usermsg.Message{Key: "workflow.reboot.down", Text: "The camera is off the network while it restarts. ({{.Seconds}} s)"}
	msgRebootBooting   = usermsg.Message{Key: "workflow.reboot.booting", Text: "The camera answers again and is starting up. ({{.Seconds}} s)"}
	msgRebootBack      = usermsg.Message{Key: "workflow.reboot.back", Text: "The camera is back."}
	msgRebootBackSetup = usermsg.Message{Key: "workflow.reboot.back_needs_password", Text: "The camera is back, with factory settings. It needs a password now."}
	msgNoEncryption    = usermsg.Message{Key: "workflow.no_encryption", Text: "This camera does not offer an encrypted connection (HTTPS) at this address: a password sent to it travels unencrypted, and anyone on this network could read it."}
	msgDeviceWait      = usermsg.Message{Key: "workflow.device_wait", Text: "The camera asks for a pause of {{.Seconds}} s after too many login attempts; trying again then…"}
	msgReadingClock    = usermsg.Message{Key: "workflow.reading_clock", Text: "Reading the camera's clock…"}
	msgSettingClock    = usermsg.Message{Key: "workflow.setting_clock", Text: "Setting the camera's clock…"}
	msgTakingSnapshot  = usermsg.Message{Key: "workflow.taking_snapshot", Text: "Taking a picture from the camera…"}
	msgNaming          = usermsg.Message{Key: "workflow.naming", Text: "Writing the camera's name…"}
)

func stepMessages() []usermsg.Message {
	return []usermsg.Message{
		msgIdentifying, msgLoggingIn, msgSavingBackup, msgBackupSaved, msgCreatingAccount,
		msgSendingReset, msgSendingRestart, msgSendingNetwork, msgFollowing, msgFollowingDHCP,
		msgRebootGoingDown, msgRebootDown, msgRebootBooting, msgRebootBack, msgRebootBackSetup,
		msgNoEncryption, msgDeviceWait, msgReadingClock, msgSettingClock, msgTakingSnapshot, msgNaming,
	}
}

// report calls progress when there is one.
func report(progress func(Progress), p Progress) {
	if progress != nil {
		progress(p)
	}
}
