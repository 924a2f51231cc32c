package app

import (
	"reflect"
	"strings"
	"testing"

	"chronoscope/data"
)

func TestParseQuickLine(t *testing.T) {
	tests := []struct {
		line    string
		want    quickLine
		wantErr string
	}{
		{line: `2014-12-22 16:15 UTC North Korea drops off the internet @"North Korea" #outage !confirmed`,
			want: quickLine{Start: data.MinuteDate(2014, 12, 22, 16, 15), Zone: "UTC", Title: "North Korea drops off the internet",
				Actors: []quickActor{{Name: "North Korea"}}, Tags: []string{"outage"}, Certainty: data.Confirmed}},
		{line: "Dec 2014 Sony pulls The Interview @Sony:target @FBI #film !claim https://example.com/a?b=1",
			want: quickLine{Start: data.MonthDate(2014, 12), Title: "Sony pulls The Interview",
				Actors: []quickActor{{Name: "Sony", Role: "target"}, {Name: "FBI"}}, Tags: []string{"film"},
				Certainty: data.Claimed, URL: "https://example.com/a?b=1"}},
		{line: `22 Dec 2014 4:15pm Obama calls it "cyber vandalism" @"Barack Obama":"the speaker" #a #A`,
			want: quickLine{Start: data.MinuteDate(2014, 12, 22, 16, 15), Title: `Obama calls it "cyber vandalism"`,
				Actors: []quickActor{{Name: "Barack Obama", Role: "the speaker"}}, Tags: []string{"a"}}},
		{line: `2014-12-21 14:00 UTC Obama: "cyber vandalism" https://cnn.com/a "an act of cyber vandalism" @CNN`,
			want: quickLine{Start: data.MinuteDate(2014, 12, 21, 14, 0), Zone: "UTC", Title: `Obama: "cyber vandalism"`,
				URL: "https://cnn.com/a", Quote: "an act of cyber vandalism", Actors: []quickActor{{Name: "CNN"}}}},
		{line: "2014-12-23 01:15 Asia/Pyongyang Lights out", want: quickLine{Start: data.MinuteDate(2014, 12, 23, 1, 15),
			Zone: "Asia/Pyongyang", Title: "Lights out"}},
		{line: "500 BCE Something", want: quickLine{Start: data.YearDate(-500), Title: "Something"}},
		{line: `2014 Typing @"North Ko`, want: quickLine{Start: data.YearDate(2014), Title: "Typing", Actors: []quickActor{{Name: "North Ko"}}}},
		{line: "North Korea drops off", wantErr: "start with a date"},
		{line: "2014-12-22", wantErr: "a title follows"},
		{line: "2014 x !sure", wantErr: "not a certainty"},
		{line: "2014 x !d", wantErr: "not a certainty"}, // disputed or denied
		{line: "2014 x @", want: quickLine{Start: data.YearDate(2014), Title: "x @"}},
		{line: `2014 x @""`, wantErr: "names no actor"},
		{line: "2014 x http://", wantErr: "no host"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, err := parseQuickLine(tt.line)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
