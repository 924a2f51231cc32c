//go:build !linux

package pgtest

// adoptServers does nothing here: the init process collects ended servers.
func adoptServers() {}

// collectServer does nothing here: the server is not this process's child.
func collectServer(int) {}
