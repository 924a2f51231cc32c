package app

import (
	"math"
	"strconv"
	"testing"
)

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 30165: "30,165", 999999: "999,999",
		1000000: "1,000,000", -1234: "-1,234", -999: "-999",
		math.MaxInt64: "9,223,372,036,854,775,807", math.MinInt64: "-9,223,372,036,854,775,808",
	} {
		if got := groupDigits(n); got != want {
			t.Errorf("groupDigits(%s) = %q, want %q", strconv.Itoa(n), got, want)
		}
	}
}
