//go:build !unix

package pgtest

import (
	"errors"
	"os"
	"os/exec"
)

// account stands for the user the server runs as; on systems other than
// Unix it is always the current user.
type account struct{}

func serverAccount() (*account, error) {
	return nil, errors.New("pgtest: the throwaway PostgreSQL server runs on Unix systems only")
}

func runAs(*exec.Cmd, *account) {}

func chown(string, *account) error { return nil }

func ownedByUs(os.FileInfo) bool { return true }

func processStart(int) string { return "" }

// processAlive cannot tell here, so it keeps every folder: true.
func processAlive(int, string) bool { return true }
