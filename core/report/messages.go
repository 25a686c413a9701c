package report

import (
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/usermsg"
)

// msg is a fixed text of the documents. The English text doubles as the
// translation's fallback.
func msg(key, text string) usermsg.Message { return usermsg.Message{Key: key, Text: text} }

// The report's fixed texts. Where a count decides between singular and
// plural, the two are separate keys (.one and .other) chosen by plural().
var (
	msgTitle        = msg("report.title", "Handover report")
	msgSite         = msg("report.cover.site", "Site")
	msgDate         = msg("report.cover.date", "Date of this report")
	msgHandedOverBy = msg("report.cover.handed_over_by", "Handed over by")
	msgReceivedBy   = msg("report.cover.received_by", "Received by")
	msgNotNamed     = msg("report.cover.not_named", "(not named)")
	msgTimeZone     = msg("report.cover.time_zone", "Times are given in UTC{{.Offset}}.")

	msgSummary           = msg("report.summary.heading", "Summary")
	msgHandedOverOne     = msg("report.summary.handed_over.one", "{{.Done}} of {{.Total}} camera handed over.")
	msgHandedOverOther   = msg("report.summary.handed_over.other", "{{.Done}} of {{.Total}} cameras handed over.")
	msgLeftOutOne        = msg("report.summary.left_out.one", "{{.Count}} camera left out of this handover:")
	msgLeftOutOther      = msg("report.summary.left_out.other", "{{.Count}} cameras left out of this handover:")
	msgLeftOutItem       = msg("report.summary.left_out_item", "{{.Camera}}: {{.Reason}}")
	msgFirmwareHeading   = msg("report.summary.firmware", "Firmware")
	msgFirmwareMixed     = msg("report.summary.firmware_mixed", "{{.Model}} runs different firmware versions on this site: {{.Versions}}.")
	msgFirmwareSame      = msg("report.summary.firmware_same", "Every model runs one firmware version on this site.")
	msgNoCameras         = msg("report.summary.no_cameras", "No camera is part of this handover.")
	msgCamerasHeading    = msg("report.cameras.heading", "Cameras")
	msgLocation          = msg("report.camera.location", "Location")
	msgName              = msg("report.camera.name", "Name")
	msgModel             = msg("report.camera.model", "Model")
	msgSerial            = msg("report.camera.serial", "Serial number")
	msgMAC               = msg("report.camera.mac", "MAC address")
	msgFirmware          = msg("report.camera.firmware", "Firmware")
	msgFirmwareDiffers   = msg("report.camera.firmware_differs", "differs from other cameras of this model")
	msgAddress           = msg("report.camera.address", "Address")
	msgUser              = msg("report.camera.user", "User name")
	msgClock             = msg("report.camera.clock", "Clock offset")
	msgClockOffset       = msg("report.clock.offset", "{{.Offset}} s")
	msgClockNotChecked   = msg("report.clock.not_checked", "not checked")
	msgCameraLeftOut     = msg("report.camera.left_out", "Left out of this handover: {{.Reason}}")
	msgColStep           = msg("report.checklist.step", "Step")
	msgColStatus         = msg("report.checklist.status", "Status")
	msgColTime           = msg("report.checklist.time", "Time")
	msgColDetail         = msg("report.checklist.detail", "Detail")
	msgStatusDone        = msg("report.status.done", "done")
	msgStatusByHand      = msg("report.status.by_hand", "done by hand")
	msgStatusFailed      = msg("report.status.failed", "failed")
	msgStatusNotDone     = msg("report.status.not_done", "not done")
	msgStatusOptional    = msg("report.status.optional", "not needed")
	msgDetailByHand      = msg("report.detail.by_hand", "by hand: {{.Note}}")
	msgDetailFailed      = msg("report.detail.failed", "failed at {{.Time}}: {{.Problem}}")
	msgSnapshotNone      = msg("report.snapshot.none", "No snapshot taken")
	msgSnapshotMissing   = msg("report.snapshot.missing", "Snapshot file not found")
	msgOpenHeading       = msg("report.open.heading", "What is still open")
	msgOpenNone          = msg("report.open.none", "Nothing: every camera of this handover is done.")
	msgOpenItem          = msg("report.open.item", "{{.Camera}}: {{.Steps}}")
	msgSignHeading       = msg("report.sign.heading", "Signatures")
	msgSignName          = msg("report.sign.name", "Name")
	msgSignDate          = msg("report.sign.date", "Date")
	msgSignSignature     = msg("report.sign.signature", "Signature")
	msgPage              = msg("report.page", "Page {{.Page}} of {{.Pages}}")
	msgCSVSite           = msg("report.csv.site", "Site")
	msgCSVHandedOver     = msg("report.csv.handed_over", "Handed over")
	msgCSVLeftOut        = msg("report.csv.left_out", "Left out")
	msgCSVLeftOutReason  = msg("report.csv.left_out_reason", "Reason left out")
	msgCSVFirmwareDiffer = msg("report.csv.firmware_differs", "Firmware differs")
	msgCSVClockOffset    = msg("report.csv.clock_offset", "Clock offset (seconds)")
	msgCSVOpen           = msg("report.csv.open", "Steps still open")
	msgCSVSnapshot       = msg("report.csv.snapshot", "Snapshot file")
	msgCSVStepDoneAt     = msg("report.csv.step_done_at", "{{.Step}}: done at")
	msgCSVStepByHand     = msg("report.csv.step_by_hand", "{{.Step}}: by hand")
	msgCSVStepDetail     = msg("report.csv.step_detail", "{{.Step}}: detail")
	msgCSVStepFailedAt   = msg("report.csv.step_failed_at", "{{.Step}}: failed at")
	msgCSVStepProblem    = msg("report.csv.step_problem", "{{.Step}}: problem")

	msgListPassword     = msg("report.list.password", "Password")
	msgListReachability = msg("report.list.reachability", "Reachability")
	msgListFoundVia     = msg("report.list.found_via", "Found via")
	msgListLastSeen     = msg("report.list.last_seen", "Last seen")

	msgCredTitle    = msg("report.credentials.title", "Camera passwords")
	msgCredWarning  = msg("report.credentials.warning", "Keep this sheet safe. Anyone holding it can log in to the cameras listed here, watch them and change them. It is not part of the handover report: give it only to the person responsible for the cameras, and destroy it once the passwords are stored safely or changed.")
	msgCredCamera   = msg("report.credentials.camera", "Camera")
	msgCredPassword = msg("report.credentials.password", "Password")
)

// stepNames are the checklist steps as the documents name them.
var stepNames = map[handover.Step]usermsg.Message{
	handover.Found:    msg("report.step.found", "Found"),
	handover.Backup:   msg("report.step.backup", "Settings backup"),
	handover.Reset:    msg("report.step.reset", "Factory reset"),
	handover.Password: msg("report.step.password", "Password set"),
	handover.Name:     msg("report.step.name", "Name and location"),
	handover.Network:  msg("report.step.network", "Network settings"),
	handover.Clock:    msg("report.step.clock", "Clock"),
	handover.Firmware: msg("report.step.firmware", "Firmware recorded"),
	handover.Snapshot: msg("report.step.snapshot", "Snapshot"),
}

// stepName is a step's name; a step this package does not know (from a
// newer session format) is shown by its identifier rather than not at all.
func stepName(s handover.Step) usermsg.Message {
	if m, ok := stepNames[s]; ok {
		return m
	}
	return msg("report.step."+string(s), string(s))
}

var labels = []usermsg.Message{
	msgTitle, msgSite, msgDate, msgHandedOverBy, msgReceivedBy, msgNotNamed, msgTimeZone,
	msgSummary, msgHandedOverOne, msgHandedOverOther, msgLeftOutOne, msgLeftOutOther, msgLeftOutItem,
	msgFirmwareHeading, msgFirmwareMixed, msgFirmwareSame, msgNoCameras, msgCamerasHeading,
	msgLocation, msgName, msgModel, msgSerial, msgMAC, msgFirmware, msgFirmwareDiffers, msgAddress, msgUser,
	msgClock, msgClockOffset, msgClockNotChecked, msgCameraLeftOut,
	msgColStep, msgColStatus, msgColTime, msgColDetail,
	msgStatusDone, msgStatusByHand, msgStatusFailed, msgStatusNotDone, msgStatusOptional,
	msgDetailByHand, msgDetailFailed, msgSnapshotNone, msgSnapshotMissing,
	msgOpenHeading, msgOpenNone, msgOpenItem, msgSignHeading, msgSignName, msgSignDate, msgSignSignature, msgPage,
	msgCSVSite, msgCSVHandedOver, msgCSVLeftOut, msgCSVLeftOutReason, msgCSVFirmwareDiffer, msgCSVClockOffset,
	msgCSVOpen, msgCSVSnapshot, msgCSVStepDoneAt, msgCSVStepByHand, msgCSVStepDetail, msgCSVStepFailedAt, msgCSVStepProblem,
	msgListPassword, msgListReachability, msgListFoundVia, msgListLastSeen,
	msgCredTitle, msgCredWarning, msgCredCamera, msgCredPassword,
}

// Messages lists every text the documents and their errors can show, for
// translators and for the test that keeps the English catalogue complete.
func Messages() []usermsg.Message {
	out := make([]usermsg.Message, 0, len(labels)+len(handover.Steps)+2*len(errorMessages))
	out = append(out, labels...)
	for _, s := range handover.Steps {
		out = append(out, stepNames[s])
	}
	return append(out, usermsg.Catalogue(errorMessages)...)
}

// plural picks the singular message for a count of one and the plural
// otherwise: English's rule, and the one the .one/.other keys are named
// after until translations choose by their own language's rules.
func plural(n int, one, other usermsg.Message) usermsg.Message {
	if n == 1 {
		return one
	}
	return other
}
