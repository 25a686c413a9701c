package camsim

import "strings"

// modelInfo is the identity a model reports through basicdeviceinfo and the
// Brand/Properties parameters. Values are taken from recordings where one
// exists (P3245-LVE, P8815-2, M1075-L, D4200-VE); the rest are plausible.
type modelInfo struct {
	ProdNbr      string
	ProdType     string
	ProdVariant  string
	HardwareID   string
	Architecture string
	Soc          string
}

func (m *modelInfo) shortName() string { return "AXIS " + m.ProdNbr }
func (m *modelInfo) fullName() string  { return "AXIS " + m.ProdNbr + " " + m.ProdType }

var knownModels = map[string]*modelInfo{
	"P3245-LVE": {ProdNbr: "P3245-LVE", ProdType: "Network Camera", ProdVariant: "22mm", HardwareID: "92D", Architecture: "armv7hf", Soc: "Axis Artpec-7"},
	"M3066-V":   {ProdNbr: "M3066-V", ProdType: "Network Camera", HardwareID: "9A3", Architecture: "aarch64", Soc: "Ambarella CV25"},
	"P8815-2":   {ProdNbr: "P8815-2", ProdType: "3D People Counter", HardwareID: "7C5", Architecture: "armv7hf", Soc: "Ambarella S5L"},
	"P1448-LE":  {ProdNbr: "P1448-LE", ProdType: "Network Camera", HardwareID: "764", Architecture: "armv7hf", Soc: "Axis Artpec-6"},
	"M1075-L":   {ProdNbr: "M1075-L", ProdType: "Box Camera", HardwareID: "92A.1", Architecture: "aarch64", Soc: "Ambarella CV25"},
	"Q1951-E":   {ProdNbr: "Q1951-E", ProdType: "Thermal Camera", HardwareID: "8F1", Architecture: "armv7hf", Soc: "Axis Artpec-7"},
	"M3086-V":   {ProdNbr: "M3086-V", ProdType: "Dome Camera", HardwareID: "9C2", Architecture: "aarch64", Soc: "Ambarella CV25"},
	"Q1961-TE":  {ProdNbr: "Q1961-TE", ProdType: "Thermometric Camera", HardwareID: "A1B", Architecture: "aarch64", Soc: "Axis Artpec-8"},
	"P3265-LVE": {ProdNbr: "P3265-LVE", ProdType: "Dome Camera", HardwareID: "9D8", Architecture: "aarch64", Soc: "Axis Artpec-8"},
	"D4200-VE":  {ProdNbr: "D4200-VE", ProdType: "Network Strobe Speaker", HardwareID: "9CF", Architecture: "aarch64", Soc: "i.MX8MN"},
}

// modelsByGen are the models a fleet cycles through, per generation; the first
// one is the default for a single camera. They are devices that were recorded
// on that track.
var modelsByGen = map[Generation][]string{
	Gen10: {"P3245-LVE", "M3066-V", "P1448-LE", "P8815-2"},
	Gen11: {"M1075-L", "P3245-LVE", "Q1951-E", "M3086-V"},
	Gen12: {"Q1961-TE", "M1075-L", "P3265-LVE", "D4200-VE"},
}

// lookupModel returns the table entry, or a generic network camera for a
// product number the table does not know, so tests may use any name.
func lookupModel(prodNbr string) *modelInfo {
	if m, ok := knownModels[strings.ToUpper(prodNbr)]; ok {
		return m
	}
	return &modelInfo{ProdNbr: prodNbr, ProdType: "Network Camera", HardwareID: "900", Architecture: "aarch64", Soc: "Axis Artpec-8"}
}
