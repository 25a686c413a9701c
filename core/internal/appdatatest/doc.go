// Package appdatatest checks, in Windows tests, that a store's default file
// sits in the user's roaming application data folder as Windows itself names
// it (FOLDERID_RoamingAppData), so that such a test does not just repeat the
// os.UserConfigDir the code computes its path with.
package appdatatest
