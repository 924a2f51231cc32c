package timelinejs

import (
	"net/url"
	"strings"

	"chronoscope/data"
)

// A slide's media is a picture, something TimelineJS embeds (a video, a
// post, a map, an article, a document), a quotation, or a web page it
// cannot show. On import a picture becomes one of the event's images
// (remote: never fetched without the user's action) and anything else a
// source and its citation, whose kind MediaKind names from the address.
// On export a slide's media is written only for what TimelineJS shows
// (its pictures and the kinds below): any other page falls through to
// TimelineJS's blank image and shows as a broken picture, so the event's
// other sources go into the slide's text as a list of links instead.

// mediaKinds are the addresses TimelineJS 3 embeds, in the order its
// media lookup tries them, with the label a link card shows.
var mediaKinds = []struct {
	label string
	match func(host, path, raw string) bool
}{
	{"Video (YouTube)", func(h, _, _ string) bool {
		return hostIs(h, "youtube.com") || h == "youtu.be" || strings.HasPrefix(h, "youtube.")
	}},
	{"Video (Vimeo)", func(h, _, _ string) bool { return h == "vimeo.com" || h == "player.vimeo.com" }},
	{"Video (Dailymotion)", func(h, _, _ string) bool { return h == "dailymotion.com" || h == "www.dailymotion.com" }},
	{"Audio (SoundCloud)", func(h, _, _ string) bool { return h == "soundcloud.com" || h == "player.soundcloud.com" }},
	{"Post (Twitter)", func(h, _, _ string) bool { return h == "twitter.com" || h == "www.twitter.com" }},
	{"Map (Google Maps)", func(h, p, _ string) bool {
		return strings.Contains(h, "google.") && strings.HasPrefix(p, "/maps/") && strings.Contains(p, "/@")
	}},
	{"Picture (Flickr)", func(h, p, _ string) bool {
		return (hostIs(h, "flickr.com") && strings.HasPrefix(p, "/photos")) || h == "flic.kr"
	}},
	{"Picture (Instagram)", func(h, p, _ string) bool {
		return (hostIs(h, "instagram.com") || hostIs(h, "instagr.am")) && len(p) > 3
	}},
	{"Document (DocumentCloud)", func(h, _, _ string) bool { return hostIs(h, "documentcloud.org") }},
	{"Picture page (Wikimedia Commons)", func(h, p, _ string) bool {
		return h == "commons.wikimedia.org" && strings.HasPrefix(p, "/wiki/")
	}},
	{"Picture (SVG)", func(_, p, _ string) bool { return strings.HasSuffix(strings.ToLower(p), ".svg") }},
	{"Picture (Imgur)", func(h, _, _ string) bool { return hostIs(h, "imgur.com") }},
	{"Document (Google Docs)", func(h, p, raw string) bool {
		return (hostIs(h, "google.com") && strings.Contains(p, "/d/") && strings.Contains(raw, "usp=sharing")) ||
			(h == "drive.google.com" && p == "/open") || strings.HasSuffix(h, ".googledrive.com")
	}},
	{"Document (PDF)", func(_, p, _ string) bool { return strings.HasSuffix(strings.ToLower(p), ".pdf") }},
	{"Article (Wikipedia)", func(h, _, _ string) bool {
		sub, ok := strings.CutSuffix(h, ".wikipedia.org")
		return h == "wikipedia.org" || (ok && (sub == "www" || len(sub) == 2))
	}},
	{"Audio (Spotify)", func(h, _, _ string) bool { return strings.Contains(h, "spotify") }},
	{"Video file", func(_, p, _ string) bool {
		p = strings.ToLower(p)
		return strings.HasSuffix(p, ".mp4") || strings.HasSuffix(p, ".webm")
	}},
	{"Video (Wistia)", func(h, _, _ string) bool { return hostIs(h, "wistia.com") || hostIs(h, "wi.st") }},
	{"Audio file", func(_, p, _ string) bool {
		p = strings.ToLower(p)
		return strings.HasSuffix(p, ".mp3") || strings.HasSuffix(p, ".wav") || strings.HasSuffix(p, ".m4a")
	}},
}

// hostIs reports whether host is domain or one of its subdomains.
func hostIs(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// imageHosts serve pictures at addresses without a file name extension.
var imageHosts = []string{"pbs.twimg.com", "images.unsplash.com"}

// splitURL returns the lower-case host and the path of an http or https
// address; ok is false for anything else.
func splitURL(raw string) (host, path string, ok bool) {
	if data.CheckImageURL(raw) != nil {
		return "", "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", false
	}
	return strings.ToLower(u.Hostname()), u.Path, true
}

// IsPictureURL reports whether raw is the address of a picture file in
// one of the formats an image may have (PNG, JPEG, GIF, WebP, by the
// path's extension) or on a host that serves pictures without one: what
// ImportJSON keeps as a remote image rather than a link. A page about a
// picture (Wikimedia Commons' /wiki/File:… pages) is not one.
func IsPictureURL(raw string) bool {
	host, path, ok := splitURL(raw)
	if !ok || strings.Contains(path, "/wiki/") {
		return false
	}
	if data.IsImageName(path) {
		return true
	}
	for _, h := range imageHosts {
		if host == h {
			return true
		}
	}
	return false
}

// MediaKind names what TimelineJS shows for the address raw, as a link
// card labels it ("Video (YouTube)", "Map (Google Maps)", "Article
// (Wikipedia)", "Picture" for a picture file); "" for a web page
// TimelineJS cannot embed, which the export lists in the slide's text.
func MediaKind(raw string) string {
	if IsPictureURL(raw) {
		return "Picture"
	}
	host, path, ok := splitURL(raw)
	if !ok {
		return ""
	}
	for _, k := range mediaKinds {
		if k.match(host, path, raw) {
			return k.label
		}
	}
	return ""
}

// embeddable reports whether TimelineJS shows raw as media of its own.
func embeddable(raw string) bool { return MediaKind(raw) != "" }
