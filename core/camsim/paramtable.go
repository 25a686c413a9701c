package camsim

import (
	"strings"
	"sync"
)

// paramTable is the parameter tree param.cgi lists, modelled on the recorded
// list-all replies of a P3245-LVE on 11.11.192 and a D4200-VE on 12.9.57
// (RS4A), trimmed to the groups a handover checklist and a setup tool touch.
// A line may start with the generations it applies to ("10,11 ..."). ${Name}
// is filled per camera and request (see paramValues).
const paramTable = `
Audio.DSCP=0
Audio.DuplexMode=full
Audio.MaxListeners=20
Audio.NbrOfConfigs=1
Audio.A0.Enabled=no
Audio.A0.HTTPMessageType=singlepart
Audio.A0.Name=
Audio.A0.NbrOfChannels=1
Audio.A0.Source=0
Bandwidth.Limit=0
BasicDeviceInfo.BasicDeviceInfo=yes
Brand.Brand=AXIS
Brand.ProdFullName=${ProdFullName}
Brand.ProdNbr=${ProdNbr}
Brand.ProdShortName=${ProdShortName}
Brand.ProdType=${ProdType}
Brand.ProdVariant=${ProdVariant}
Brand.WebURL=${WebURL}
10,11 HTTPS.AllowTLS1=no
10,11 HTTPS.AllowTLS11=no
HTTPS.Ciphers=ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305
HTTPS.Enabled=yes
HTTPS.Port=443
Image.DateFormat=YYYY-MM-DD
Image.MaxViewers=20
Image.NbrOfConfigs=8
Image.I0.Enabled=yes
Image.I0.Name=View Area 1
Image.I0.Source=0
Image.I0.Appearance.ColorEnabled=yes
Image.I0.Appearance.Compression=30
Image.I0.Appearance.MirrorEnabled=no
Image.I0.Appearance.Resolution=1920x1080
Image.I0.Appearance.Rotation=0
Image.I0.MPEG.H264.Profile=high
Image.I0.RateControl.Mode=vbr
Image.I0.Text.ClockEnabled=no
Image.I0.Text.DateEnabled=no
Image.I0.Text.String=
Image.I0.Text.TextEnabled=no
Input.NbrOfInputs=1
Layout.EnableBasicSetup=yes
Layout.PlainConfigEnabled=no
Network.BootProto=${BootProto}
Network.Broadcast=${Broadcast}
Network.DefaultRouter=${DefaultRouter}
Network.DNSServer1=${DNSServer1}
Network.DNSServer2=${DNSServer2}
Network.DomainName=${DomainName}
Network.Enabled=yes
Network.HostName=${HostName}
Network.IPAddress=${IPAddress}
Network.Media=auto
Network.SubnetMask=${SubnetMask}
Network.tcpECN=1
Network.ARPPingIPAddress.Enabled=yes
Network.Bonjour.Enabled=yes
Network.Bonjour.FriendlyName=${BonjourName}
Network.DHCP.VendorClass=${VendorClass}
Network.DNSUpdate.DNSName=
Network.DNSUpdate.Enabled=no
Network.DNSUpdate.TTL=30
Network.eth0.Broadcast=${CurBroadcast}
Network.eth0.IPAddress=${CurIPAddress}
Network.eth0.MACAddress=${MACColon}
Network.eth0.SubnetMask=${CurSubnetMask}
Network.eth0.IPv6.IPAddresses=
Network.Filter.Enabled=no
Network.Filter.Input.AcceptAddresses=
Network.Filter.Input.Policy=allow
Network.HTTP.AuthenticationPolicy=recommended
Network.HTTP.AuthenticationWithQop=no
Network.Interface.I0.SystemDevice=eth0
Network.Interface.I0.dot1x.EAPOLVersion=3
Network.Interface.I0.dot1x.Enabled=no
Network.Interface.I0.dot1x.Status=Stopped
Network.Interface.I0.dot1x.EAPTLS.Identity=${FactoryHostName}
Network.Interface.I0.Link.MTU=1500
Network.IPv6.AcceptRA=yes
Network.IPv6.DefaultRouter=
Network.IPv6.DHCPv6=auto
10,11 Network.IPv6.Enabled=no
12 Network.IPv6.Enabled=yes
Network.IPv6.IPAddress=
Network.QoS.Class1.Desc=AxisLiveVideo
Network.QoS.Class1.DSCP=0
Network.QoS.Class2.Desc=AxisLiveAudio
Network.QoS.Class2.DSCP=0
Network.QoS.Class3.Desc=AxisManagement
Network.QoS.Class3.DSCP=0
Network.Resolver.NameServer1=${NameServer1}
Network.Resolver.NameServer2=${NameServer2}
Network.Resolver.NameServerList=${NameServerList}
Network.Resolver.ObtainFromDHCP=${ResolverDHCP}
Network.Resolver.Search=${Search}
Network.Routing.DefaultRouter=${CurRouter}
Network.RTP.EndPort=50999
Network.RTP.StartPort=50000
Network.RTSP.Enabled=yes
Network.RTSP.Port=554
Network.RTSP.ProtViewer=password
Network.RTSP.Timeout=60
Network.RTSPS.Enabled=no
Network.RTSPS.Port=322
Network.SSH.Enabled=no
10,11 Network.UPnP.Enabled=yes
12 Network.UPnP.Enabled=no
Network.UPnP.FriendlyName=${UPnPName}
Network.VolatileHostName.HostName=${VolatileHostName}
Network.VolatileHostName.ObtainFromDHCP=${HostNameDHCP}
Network.ZeroConf.Enabled=${ZeroConfEnabled}
Network.ZeroConf.Fallback=${ZeroConfFallback}
Network.ZeroConf.IPAddress=${ZeroConfIPAddress}
Network.ZeroConf.SubnetMask=${ZeroConfSubnetMask}
Output.NbrOfOutputs=1
Properties.AlwaysMulticast.AlwaysMulticast=yes
Properties.API.Browser.Language=yes
Properties.API.Browser.RootPwdSetValue=${RootPwdSet}
Properties.API.Browser.UserGroup=yes
Properties.API.ClientNotes.ClientNotes=yes
Properties.API.HTTP.AdminPath=/index.html
Properties.API.HTTP.Version=3
Properties.API.Metadata.Metadata=yes
Properties.API.Metadata.Version=1.0
Properties.API.RTSP.RTSPAuth=yes
Properties.API.RTSP.Version=2.01
Properties.API.WebService.EntryService=yes
Properties.API.WebService.WebService=yes
Properties.API.WebService.ONVIF.ONVIF=yes
10,11 Properties.API.WebService.ONVIF.Version=1.02
12 Properties.API.WebService.ONVIF.Version=23.06
Properties.ApiDiscovery.ApiDiscovery=yes
Properties.EmbeddedDevelopment.EmbeddedDevelopment=yes
10 Properties.EmbeddedDevelopment.Version=2.16
11,12 Properties.EmbeddedDevelopment.Version=2.18
Properties.Firmware.BuildDate=${BuildDate}
Properties.Firmware.BuildNumber=1
Properties.Firmware.Version=${FirmwareVersion}
Properties.FirmwareManagement.Version=${FwmgrVersion}
Properties.HTTPS.HTTPS=yes
Properties.Image.Format=jpeg,mjpeg,h264,h265
Properties.Image.NbrOfViews=8
Properties.Image.Resolution=1920x1080,1280x960,1280x720,1024x768,800x600,640x480,640x360,320x240
Properties.Image.Rotation=0,90,180,270
Properties.LEDControl.LEDControl=yes
Properties.LocalStorage.LocalStorage=yes
Properties.LocalStorage.SDCard=yes
Properties.PackageManager.PackageManager=yes
Properties.PTZ.DigitalPTZ=yes
Properties.PTZ.PTZ=yes
Properties.RemoteService.RemoteService=no
Properties.RTC.RTC=yes
Properties.System.Architecture=${Architecture}
Properties.System.HardwareID=${HardwareID}
Properties.System.Language=
Properties.System.LanguageType=
Properties.System.SerialNumber=${SerialNumber}
Properties.System.Soc=${Soc}
Properties.TemperatureSensor.TemperatureSensor=yes
Properties.VirtualInput.VirtualInput=yes
Properties.ZipStream.ZipStream=yes
SNMP.Enabled=no
SNMP.V1=no
SNMP.V2c=no
SNMP.V3=no
StatusLed.FlashInterval=4
StatusLed.Usage=on
Storage.S0.DiskID=SD_DISK
Storage.S0.Enabled=yes
Storage.S0.FileSystem=vfat
System.AccessLog=Off
System.BoaPort=80
System.BoaProtViewer=password
System.HTTPServerTokens=yes
System.RootPwdSet=${RootPwdSet}
System.WebInterfaceDisabled=no
System.HTTP2.AllowH2=yes
System.HTTP2.AllowH2c=no
System.PreventDoSAttack.ActivatePasswordThrottling=${Throttling}
System.PreventDoSAttack.DoSBlockingPeriod=${DoSBlockingPeriod}
System.PreventDoSAttack.DoSPageCount=${DoSPageCount}
System.PreventDoSAttack.DoSPageInterval=1
System.PreventDoSAttack.DoSSiteCount=${DoSPageCount}
System.PreventDoSAttack.DoSSiteInterval=1
Time.ObtainFromDHCP=${TimeObtainFromDHCP}
Time.POSIXTimeZone=${TimePOSIXTimeZone}
Time.SyncSource=${TimeSyncSource}
Time.DST.Enabled=${TimeDST}
Time.NTP.Server=${TimeNTPServer}
Time.NTP.VolatileServer=0.0.0.0
10,11 WebService.DiscoveryMode.Discoverable=Yes
12 WebService.DiscoveryMode.Discoverable=No
WebService.UsernameToken.ReplayAttackProtection=yes
`

// paramDef is one parameter: a fixed value, or a ${placeholder}.
type paramDef struct {
	name  string // without "root."
	value string
	dyn   string // placeholder name, "" when value is fixed
}

var paramDefs = map[Generation]func() []paramDef{}

func init() {
	for _, g := range Generations {
		paramDefs[g] = sync.OnceValue(func() []paramDef { return parseParamTable(g) })
	}
}

// parseParamTable builds one generation's read-only table, shared by every
// camera of that generation.
func parseParamTable(g Generation) []paramDef {
	major, _, _ := strings.Cut(string(g), ".")
	var defs []paramDef
	for _, line := range strings.Split(paramTable, "\n") {
		if line == "" {
			continue
		}
		if tag, rest, ok := strings.Cut(line, " "); ok && !strings.Contains(tag, "=") {
			found := false
			for _, t := range strings.Split(tag, ",") {
				found = found || t == major
			}
			if !found {
				continue
			}
			line = rest
		}
		name, value, _ := strings.Cut(line, "=")
		d := paramDef{name: name, value: value}
		if strings.HasPrefix(value, "${") && strings.HasSuffix(value, "}") {
			d.dyn = value[2 : len(value)-1]
		}
		defs = append(defs, d)
	}
	return defs
}
