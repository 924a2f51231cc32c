//go:build unix

package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"strings"
	"syscall"
)

// account is the user the server programs run as: nil for the current user,
// or another user's ids when the tests run as root.
type account struct {
	uid, gid uint32
}

// serverAccount returns nil when the current user may run PostgreSQL, and
// the account of serverUser when the tests run as root.
func serverAccount() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup(serverUser)
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root, PostgreSQL must run as the user %q, which cannot be found: %w", serverUser, err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("pgtest: user %q has uid %q: %w", serverUser, u.Uid, err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("pgtest: user %q has gid %q: %w", serverUser, u.Gid, err)
	}
	return &account{uid: uint32(uid), gid: uint32(gid)}, nil
}

// runAs makes cmd run as a, with no supplementary groups (as
// setpriv --reuid=nobody --regid=nogroup --clear-groups would), or as the
// current user when a is nil.
func runAs(cmd *exec.Cmd, a *account) {
	if a == nil {
		return
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Credential: &syscall.Credential{Uid: a.uid, Gid: a.gid, Groups: []uint32{}},
	}
}

// chown gives path to a; nothing to do when a is nil.
func chown(path string, a *account) error {
	if a == nil {
		return nil
	}
	return os.Lchown(path, int(a.uid), int(a.gid))
}

// ownedByUs reports whether path belongs to the current user.
func ownedByUs(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}

// processStart is when the process pid started, in clock ticks since boot
// (field 22 of /proc/PID/stat), or "" where /proc cannot tell. With the pid
// it tells a process from a later one that got the same pid.
func processStart(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The command name (field 2) is in parentheses and may hold spaces.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return ""
	}
	f := strings.Fields(s[i+1:]) // f[0] is field 3
	if len(f) < 20 {
		return ""
	}
	if f[0] == "Z" || f[0] == "X" {
		return "dead"
	}
	return f[19]
}

// processAlive reports whether the process pid that started at start (as
// processStart gave it then; "" if unknown) is still running.
func processAlive(pid int, start string) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	if err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	now := processStart(pid)
	if now == "dead" {
		return false
	}
	return start == "" || now == "" || now == start
}
