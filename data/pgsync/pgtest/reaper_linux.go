package pgtest

import (
	"errors"
	"sync"
	"syscall"
	"time"
)

// prSetChildSubreaper is prctl's PR_SET_CHILD_SUBREAPER (linux/prctl.h).
const prSetChildSubreaper = 36

var subreaper sync.Once

// adoptServers makes this process the child subreaper of the processes it
// starts: pg_ctl detaches the server and exits, and the server would then
// become a child of PID 1, which in some containers never collects ended
// processes, leaving a defunct postgres behind every Stop. As a subreaper
// this process gets the server as its child, and collectServer collects it.
// Only ended processes are affected; the server still outlives a killed
// test process (see the package comment).
func adoptServers() {
	subreaper.Do(func() {
		// Without it the server is only collected by PID 1, as before.
		_, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0)
	})
}

// collectServer waits (up to 10 s) for the stopped server process pid to
// end and collects it, if it is a child of this process.
func collectServer(pid int) {
	if pid <= 0 {
		return
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var status syscall.WaitStatus
		got, err := syscall.Wait4(pid, &status, syscall.WNOHANG, nil)
		if got == pid || errors.Is(err, syscall.ECHILD) || (err != nil && !errors.Is(err, syscall.EINTR)) {
			return
		}
		if time.Now().After(deadline) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}
