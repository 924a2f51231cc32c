# Reads the -test.v output of a Go test binary run under Wine and decides
# whether the tests passed, for `make windows-test`.
#
# Wine 8 (Debian 12) lacks FileDispositionInformationEx, which Go 1.26's
# os.RemoveAll uses on Windows, so every t.TempDir cleanup logs
# "TempDir RemoveAll cleanup: unlinkat …: Invalid function." and marks its
# test failed although all of the test's own checks passed. This script
# counts a failed test as a real failure only when it (or one of its
# subtests) logged anything else, panicked, or timed out; the run fails
# on any real failure or when the binary stopped without its final
# PASS/FAIL line. Real Windows does not have this problem.

function owner(name) { sub(/\/.*/, "", name); return name }

/^=== (RUN|NAME|CONT|PAUSE) / { current = $3; next }
/^(panic:|fatal error:|SIGQUIT|\*\*\* Test killed)/ { crashed = 1 }
/^ +[^ ]+\.go:[0-9]+: / {
	if ($0 ~ /testing\.go:[0-9]+: TempDir RemoveAll cleanup: /) {
		cleanup[owner(current)] = 1
	} else {
		real[owner(current)] = 1
	}
	next
}
/^ *--- PASS: / { if ($3 !~ /\//) passed++; next }
/^ *--- SKIP: / { if ($3 !~ /\//) skipped++; next }
/^ *--- FAIL: / {
	if ($3 ~ /\//) next
	if (real[$3] || !cleanup[$3]) { bad++; badnames = badnames " " $3 } else { wine++ }
	next
}
/^(PASS|FAIL)$/ { finished = 1 }

END {
	printf "windows-test: %d passed, %d failed only in t.TempDir cleanup (a Wine 8 limitation), %d skipped, %d failed\n", passed, wine, skipped, bad
	if (crashed || !finished) { print "windows-test: the test binary crashed or did not finish"; exit 1 }
	if (bad) { print "windows-test: real failures:" badnames; exit 1 }
	exit 0
}
