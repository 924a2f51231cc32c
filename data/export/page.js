(function () {
"use strict";
var dataEl = document.getElementById("chronology");
var explore = document.getElementById("explore");
var tl = document.getElementById("timeline");
if (!dataEl || !explore || !tl) return;
var D;
try { D = JSON.parse(dataEl.textContent); } catch (err) { return; }

var LABELS = {confirmed: "Confirmed", reported: "Reported", claimed: "Claimed", disputed: "Disputed", denied: "Denied"};
var HELP = {
  confirmed: "established by evidence or admitted by all sides",
  reported: "reported by credible sources, not independently confirmed",
  claimed: "asserted by a party with a stake in it",
  disputed: "asserted by some, contested by others",
  denied: "asserted by some, denied by the party concerned"
};
var HEX = /^#[0-9a-fA-F]{6}$/;
var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function el(tag, cls, text) {
  var n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined && text !== null) n.textContent = String(text);
  return n;
}
function button(cls, text, title) {
  var b = el("button", cls, text);
  b.type = "button";
  if (title) b.title = title;
  return b;
}
function px(n) { return Math.round(n * 10) / 10 + "px"; }
function num(v, d) { v = Number(v); return isFinite(v) ? v : d; }

// The model.
var actors = [], actorById = new Map();
(D.actors || []).forEach(function (a) {
  var x = {id: num(a.id, -1), name: String(a.name), kind: String(a.kind || ""), color: HEX.test(a.color) ? a.color : "#6b7280", count: 0, on: true};
  actors.push(x);
  actorById.set(x.id, x);
});
var noActor = {id: 0, name: "No actor", kind: "", color: "#8a8f98", count: 0, on: true};
var certs = (D.certainties || []).map(String);
var certOn = new Map(), certCount = new Map();
var events = (D.events || []).map(function (r) {
  var ev = {
    id: num(r.id, 0), t: String(r.t), d: String(r.d), s: num(r.s, 0), e: num(r.e, 0), bar: !!r.bar,
    c: String(r.c), i: num(r.i, 3),
    a: (r.a || []).filter(function (p) { return actorById.has(num(p[0], -1)); }).map(function (p) { return [num(p[0], -1), String(p[1] || "")]; })
  };
  if (ev.e < ev.s) ev.e = ev.s;
  ev.li = document.getElementById("e-" + ev.id);
  if (ev.a.length) ev.a.forEach(function (p) { actorById.get(p[0]).count++; });
  else noActor.count++;
  if (certs.indexOf(ev.c) < 0) certs.push(ev.c);
  certCount.set(ev.c, (certCount.get(ev.c) || 0) + 1);
  return ev;
});
if (noActor.count) { actors.push(noActor); actorById.set(0, noActor); }
actors = actors.filter(function (a) { return a.count > 0; });
certs.forEach(function (c) { certOn.set(c, true); });
var byId = new Map(events.map(function (ev) { return [ev.id, ev]; }));
var eras = (D.eras || []).map(function (r) {
  return {title: String(r.title), s: num(r.s, 0), e: num(r.e, 0), color: HEX.test(r.color) ? r.color : "#9e9e9e"};
});

function visible(ev) {
  if (!certOn.get(ev.c)) return false;
  if (!ev.a.length) return noActor.on;
  return ev.a.some(function (p) { return actorById.get(p[0]).on; });
}

// The controls.
var filters = document.getElementById("filters");
var toolbar = document.getElementById("toolbar");
var details = document.getElementById("details");
var shown = document.getElementById("shown");
var noneShown = document.getElementById("none-shown");
var countEl = el("span", "count");

function group(title, cls, chipsOf, setAll) {
  var g = el("div", "fgroup " + cls);
  var head = el("div", "fgroup-head");
  head.append(el("h2", null, title));
  var all = button("linkbtn", "All", "Show every " + title.toLowerCase().replace(/s$/, ""));
  var none = button("linkbtn", "None");
  all.addEventListener("click", function () { setAll(true); });
  none.addEventListener("click", function () { setAll(false); });
  head.append(all, none);
  var chips = el("div", "chips");
  chipsOf(chips);
  g.append(head, chips);
  return g;
}
function chip(lead, name, count, on, onChange, title) {
  var label = el("label", "chip");
  var box = el("input");
  box.type = "checkbox";
  box.checked = on;
  label.append(box, lead, el("span", null, name), el("span", "n", count));
  if (title) label.title = title;
  box.addEventListener("change", function () {
    label.classList.toggle("off", !box.checked);
    onChange(box.checked);
  });
  label.sync = function (v) { box.checked = v; label.classList.toggle("off", !v); };
  return label;
}
var actorChips = [], certChips = [];
filters.append(group("Actors", "actors", function (chips) {
  actors.forEach(function (a) {
    var sw = el("span", "sw");
    sw.style.backgroundColor = a.color;
    sw.style.setProperty("--c", a.color);
    var c = chip(sw, a.name, a.count, true, function (v) { a.on = v; apply(); }, a.kind ? a.name + " (" + a.kind + "): " + a.count + " events" : "");
    c.actor = a;
    actorChips.push(c);
    chips.append(c);
  });
}, function (v) {
  actors.forEach(function (a) { a.on = v; });
  actorChips.forEach(function (c) { c.sync(v); });
  apply();
}));
filters.append(group("Certainty", "certs", function (chips) {
  certs.forEach(function (k) {
    var sample = el("span", "mk dot sample " + k);
    var c = chip(sample, LABELS[k] || k, certCount.get(k) || 0, true, function (v) { certOn.set(k, v); apply(); },
      (LABELS[k] || k) + ": " + (HELP[k] || ""));
    c.cert = k;
    certChips.push(c);
    chips.append(c);
  });
}, function (v) {
  certs.forEach(function (k) { certOn.set(k, v); });
  certChips.forEach(function (c) { c.sync(v); });
  apply();
}));

var zoomOut = button("btn", "\u2212", "Zoom out (\u2212)");
var zoomIn = button("btn", "+", "Zoom in (+)");
var fit = button("btn", "Fit", "Fit the shown events (0)");
var btns = el("span", "btns");
btns.append(zoomOut, zoomIn, fit);
var mode = "lanes";
var byActor = button("btn", "By actor", "A lane per actor: an event appears in the lane of each actor involved");
var oneTrack = button("btn", "One track", "Every event once, in the colour of its first actor");
function setMode(m) {
  mode = m;
  byActor.setAttribute("aria-pressed", String(m === "lanes"));
  oneTrack.setAttribute("aria-pressed", String(m === "track"));
  schedule();
}
byActor.addEventListener("click", function () { setMode("lanes"); });
oneTrack.addEventListener("click", function () { setMode("track"); });
var seg = el("span", "seg"), segBtns = el("span", "btns");
segBtns.append(byActor, oneTrack);
seg.append(el("span", null, "Lanes"), segBtns);
var HINT = "Drag to pan \u00b7 Ctrl + wheel to zoom \u00b7 click an event for its details";
var hint = el("span", "hint", HINT);
toolbar.append(countEl, hint, seg, btns);

// Calendar arithmetic in UTC on the proleptic Gregorian calendar, with
// astronomical years (0 is 1 BCE), valid far beyond the range of Date.
function fdiv(a, b) { return Math.floor(a / b); }
function cdiv(a, b) { return -Math.floor(-a / b); }
function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  var era = fdiv(y, 400), yoe = y - era * 400;
  var doy = fdiv(153 * ((m + 9) % 12) + 2, 5) + d - 1;
  return era * 146097 + yoe * 365 + fdiv(yoe, 4) - fdiv(yoe, 100) + doy - 719468;
}
function civil(t) {
  var days = fdiv(t, 86400), sod = t - days * 86400;
  var z = days + 719468, era = fdiv(z, 146097), doe = z - era * 146097;
  var yoe = fdiv(doe - fdiv(doe, 1460) + fdiv(doe, 36524) - fdiv(doe, 146096), 365);
  var doy = doe - (365 * yoe + fdiv(yoe, 4) - fdiv(yoe, 100));
  var mp = fdiv(5 * doy + 2, 153);
  var m = mp < 10 ? mp + 3 : mp - 9;
  return {y: yoe + era * 400 + (m <= 2 ? 1 : 0), m: m, d: doy - fdiv(153 * mp + 2, 5) + 1,
    h: fdiv(sod, 3600), mi: fdiv(sod, 60) % 60, s: Math.floor(sod) % 60, wd: ((days % 7) + 11) % 7};
}
function grouped(n) {
  var s = String(Math.round(n));
  return n < 10000 ? s : s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function big(n) {
  var unit = 1e6, name = " million";
  if (n >= 1e12) { unit = 1e12; name = " trillion"; } else if (n >= 1e9) { unit = 1e9; name = " billion"; }
  return String(parseFloat((n / unit).toFixed(6))) + name;
}
function yearLabel(y) {
  if (y >= 1 && y <= 1e6) return grouped(y);
  if (y > 1e6) return big(y) + " CE";
  if (y >= -1e6) return grouped(1 - y) + " BCE";
  return big(-y) + " years ago";
}
function two(n) { return (n < 10 ? "0" : "") + n; }
function yearAtOrBefore(y, n) {
  if (y >= 1) { var c = fdiv(y, n) * n; if (c >= 1) return c; y = 0; }
  if (y >= -1e6) { var b = 1 - cdiv(1 - y, n) * n; if (b >= -1e6) return b; y = -1e6 - 1; }
  return fdiv(y, n) * n;
}
function yearAfter(y, n) {
  y++;
  if (y < -1e6) { var c = cdiv(y, n) * n; if (c < -1e6) return c; y = -1e6; }
  if (y <= 0) { var k = fdiv(1 - y, n); if (k >= 1) return 1 - k * n; y = 1; }
  return cdiv(y, n) * n;
}

// The axis step table, finest first, as in the app.
var SEC = 0, MIN = 1, HOUR = 2, DAY = 3, WEEK = 4, MONTH = 5, YEAR = 6;
var STEPS = [[SEC, 1], [SEC, 5], [SEC, 15], [SEC, 30], [MIN, 1], [MIN, 5], [MIN, 15], [MIN, 30],
  [HOUR, 1], [HOUR, 3], [HOUR, 6], [HOUR, 12], [DAY, 1], [WEEK, 1], [MONTH, 1], [MONTH, 3], [MONTH, 6]];
[1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9].forEach(function (p) { STEPS.push([YEAR, p], [YEAR, 2 * p], [YEAR, 5 * p]); });
STEPS.push([YEAR, 1e10]);
function minSeconds(st) {
  var n = st[1];
  switch (st[0]) {
  case SEC: return n;
  case MIN: return 60 * n;
  case HOUR: return 3600 * n;
  case DAY: return 86400 * n;
  case WEEK: return 7 * 86400 * n;
  case MONTH: return n === 1 ? 28 * 86400 : n === 3 ? 90 * 86400 : 181 * 86400;
  }
  return 365 * 86400 * n;
}
function majorOf(st) {
  if (st[0] <= HOUR) return [DAY, 1];
  if (st[0] <= WEEK) return [MONTH, 1];
  if (st[0] === MONTH) return [YEAR, 1];
  var p = 10;
  while (p <= st[1]) p *= 10;
  return [YEAR, p];
}
function tickLabel(u, major, c) {
  if (u <= HOUR) return two(c.h) + ":" + two(c.mi) + (u === SEC ? ":" + two(c.s) : "");
  if (u === YEAR) return yearLabel(c.y);
  if (!major && u === MONTH) return MONTHS[c.m - 1].slice(0, 3);
  if (!major) return String(c.d);
  if (u === MONTH) return MONTHS[c.m - 1] + " " + yearLabel(c.y);
  return DAYS[c.wd] + " " + c.d + " " + MONTHS[c.m - 1] + " " + yearLabel(c.y);
}
// ticks returns the ticks of step st in [lo, hi] (at most limit+1); with
// major set, the first is the start of the period lo falls in.
function ticks(st, lo, hi, limit, major) {
  var out = [], u = st[0], n = st[1], prev = null, c, t, i;
  function add(t, u, c) {
    if (t < lo) { if (major) prev = {t: t, label: tickLabel(u, true, c)}; return true; }
    if (t > hi || out.length > limit) return false;
    if (prev) { out.push(prev); prev = null; }
    out.push({t: t, label: tickLabel(u, major, c)});
    return true;
  }
  if (u <= HOUR) {
    var size = n * [1, 60, 3600][u];
    for (t = Math.floor(lo / size) * size, i = 0; i < 2 * limit + 8; i++, t += size) {
      if (!add(t, u, civil(t))) break;
    }
  } else if (u === DAY || u === WEEK) {
    var day = fdiv(lo, 86400), stepDays = n;
    if (u === WEEK) { day -= ((day + 3) % 7 + 7) % 7; stepDays = 7 * n; }
    for (i = 0; i < 2 * limit + 8; i++, day += stepDays) {
      t = day * 86400;
      if (!add(t, u, civil(t))) break;
    }
  } else if (u === MONTH) {
    c = civil(lo);
    var y = c.y, m = fdiv(c.m - 1, n) * n;
    for (i = 0; i < 2 * limit + 8; i++, m += n) {
      var yy = y + fdiv(m, 12), mm = (m % 12) + 1;
      t = daysFromCivil(yy, mm, 1) * 86400;
      if (!add(t, u, {y: yy, m: mm, d: 1})) break;
    }
  } else {
    var yr = yearAtOrBefore(civil(lo).y, n);
    for (i = 0; i < 2 * limit + 8; i++, yr = yearAfter(yr, n)) {
      t = daysFromCivil(yr, 1, 1) * 86400;
      if (!add(t, u, {y: yr, m: 1, d: 1})) break;
    }
  }
  if (prev && out.length <= limit) out.push(prev);
  return out;
}
function axis(t0, t1, W) {
  var minPx = 58, pp = (t1 - t0) / W, limit = Math.floor(W / minPx) + 2;
  var lo = t0 - minPx / 2 * pp, hi = t1 + minPx / 2 * pp, best = null;
  for (var k = 0; k < STEPS.length; k++) {
    var st = STEPS[k];
    if (minSeconds(st) / pp < minPx) continue;
    if (st[0] <= HOUR && Math.max(Math.abs(lo), Math.abs(hi)) > 9e15) continue;
    var minor = ticks(st, lo, hi, limit, false), ok = minor.length <= limit;
    for (var j = 1; ok && j < minor.length; j++) {
      var room = minPx * Math.max(1, Math.max(minor[j].label.length, minor[j - 1].label.length) / 8);
      if ((minor[j].t - minor[j - 1].t) / pp < room) ok = false;
    }
    best = {step: st, minor: minor};
    if (ok) break;
  }
  if (!best) return {minor: [], major: []};
  best.major = ticks(majorOf(best.step), t0, t1, limit, true);
  return best;
}

// Colours: lane colours are made legible on the page's surface.
function rgb(hex) { var v = parseInt(hex.slice(1), 16); return [(v >> 16) & 255, (v >> 8) & 255, v & 255]; }
function hex(c) { return "#" + c.map(function (v) { return (256 + Math.round(v)).toString(16).slice(1); }).join(""); }
function lum(c) {
  var l = c.map(function (v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}
function contrast(a, b) { var x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
function cssColor(name, fallback) {
  var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return HEX.test(v) ? rgb(v) : fallback;
}
var surface, ink;
function legible(color) {
  var c = rgb(color);
  for (var k = 0; k < 10 && contrast(c, surface) < 2.4; k++) {
    c = c.map(function (v, i) { return v + (ink[i] - v) * 0.15; });
  }
  return hex(c);
}
function mix(color, onto, f) {
  var c = rgb(color);
  return hex(c.map(function (v, i) { return v * f + onto[i] * (1 - f); }));
}
function textOn(color) { return lum(rgb(color)) > 0.4 ? "#111418" : "#ffffff"; }

// Text widths, for packing labels.
var measureCtx = document.createElement("canvas").getContext("2d");
var widths = new Map();
function textWidth(s, italic, bold) {
  var key = (italic ? "i" : "") + (bold ? "b" : "") + s;
  var w = widths.get(key);
  if (w === undefined) {
    if (measureCtx) {
      measureCtx.font = (italic ? "italic " : "") + (bold ? "600 " : "") + "13px " + getComputedStyle(tl).fontFamily;
      w = measureCtx.measureText(s).width;
    } else {
      w = s.length * 7;
    }
    if (widths.size > 5000) widths.clear();
    widths.set(key, w);
  }
  return w;
}

// The view: [t0, t1) in Unix seconds.
var view = null, selected = null;
var MIN_SPAN = 60;
function shownEvents() { return events.filter(visible); }
function fitView(list) {
  if (!list.length) list = events;
  if (!list.length) return;
  var lo = Infinity, hi = -Infinity;
  list.forEach(function (ev) { lo = Math.min(lo, ev.s); hi = Math.max(hi, ev.e); });
  var span = Math.max(hi - lo, 3600);
  view = {t0: lo - span * 0.03, t1: hi + span * 0.06};
}
function maxSpan() {
  var lo = Infinity, hi = -Infinity;
  events.forEach(function (ev) { lo = Math.min(lo, ev.s); hi = Math.max(hi, ev.e); });
  return Math.max((hi - lo) * 4, 86400 * 366 * 4);
}
function zoom(factor, atX, W) {
  var span = view.t1 - view.t0;
  var next = Math.min(Math.max(span * factor, MIN_SPAN), maxSpan());
  var f = W > 0 ? Math.min(Math.max(atX / W, 0), 1) : 0.5;
  var at = view.t0 + f * span;
  view = {t0: at - f * next, t1: at - f * next + next};
  schedule();
}
function pan(seconds) { view = {t0: view.t0 + seconds, t1: view.t1 + seconds}; schedule(); }

// schedule renders once at the next frame (or after a short wait where
// frames are not being drawn, as in a hidden or headless page).
var pending = false;
function schedule() {
  if (pending) return;
  pending = true;
  var done = false;
  function run() {
    if (done) return;
    done = true;
    pending = false;
    render();
  }
  requestAnimationFrame(run);
  setTimeout(run, 100);
}

// layout places the shown events in lanes: by actor, each event appears
// in the lane of every shown actor it involves, labelled in the first
// (and inside any band wide enough); on one track, each event appears
// once in the colour of its first shown actor. Marks and labels are packed
// greedily into rows within each lane.
var ROW = 24, PAD = 7, MAX_ROWS = 12, MAXL = 300, BUDGET = 1500, dropped = 0;
var track = {id: -1, name: "All shown events", kind: "one track", color: "#6b7280", on: true};
function layout(W) {
  var lanes = mode === "track" ? [track] : actors.filter(function (a) { return a.on; });
  var items = new Map(lanes.map(function (a) { return [a.id, []]; }));
  var pp = (view.t1 - view.t0) / W;
  // At most BUDGET events are drawn at once, the most important first, so
  // that a large chronology stays responsive; zooming in shows the rest.
  var inView = shownEvents().filter(function (ev) { return ev.e >= view.t0 && ev.s <= view.t1; });
  dropped = Math.max(inView.length - BUDGET, 0);
  if (dropped) {
    inView = inView.map(function (ev, k) { return [ev, k]; })
      .sort(function (p, q) { return q[0].i - p[0].i || p[1] - q[1]; })
      .slice(0, BUDGET)
      .sort(function (p, q) { return p[1] - q[1]; })
      .map(function (p) { return p[0]; });
  }
  inView.forEach(function (ev) {
    var x0 = (ev.s - view.t0) / pp, x1 = (ev.e - view.t0) / pp;
    var shape = ev.bar ? "bar" : (x1 - x0 < 14 ? "dot" : "band");
    var ml, mr;
    if (shape === "dot") { var cx = (x0 + x1) / 2; ml = cx - 7; mr = cx + 7; }
    else { ml = x0; mr = Math.max(x1, x0 + 6); }
    if (mr < 0 || ml > W) return;
    var ids = ev.a.length ? ev.a.map(function (p) { return p[0]; }).filter(function (id) { return actorById.get(id).on; }) : [0];
    var color = actorById.get(ids[0]).color;
    if (mode === "track") ids = [-1];
    ids.forEach(function (id, k) {
      var it = {ev: ev, shape: shape, ml: ml, mr: mr, label: false, inside: false, lx: 0, lw: 0, role: "", color: id === -1 ? color : actorById.get(id).color};
      ev.a.forEach(function (p) { if (p[0] === id) it.role = p[1]; });
      var tw = textWidth(ev.t, ev.c === "claimed" || ev.c === "disputed", ev.i >= 4) + 2;
      var vl = Math.max(ml, 0), vr = Math.min(mr, W);
      if (shape !== "dot" && vr - vl >= Math.min(tw, 160) + 20) {
        it.label = it.inside = true;
        it.lx = vl + 9;
        it.lw = Math.min(tw, vr - vl - 18);
      } else if (k === 0) {
        var lw = Math.min(tw, MAXL);
        it.label = true;
        it.lw = lw;
        it.lx = mr + 6;
        if (it.lx + lw > W - 4 && ml - 6 - lw >= 0) it.lx = ml - 6 - lw;
        it.lw = Math.max(Math.min(it.lw, W - 4 - it.lx), 0);
      }
      items.get(id).push(it);
    });
  });
  var out = [];
  lanes.forEach(function (a) {
    var list = items.get(a.id);
    if (!list.length) return;
    list.forEach(function (it) {
      it.l = it.label && !it.inside ? Math.min(it.ml, it.lx) : it.ml;
      it.r = it.label && !it.inside ? Math.max(it.mr, it.lx + it.lw) : it.mr;
    });
    list.sort(function (p, q) { return p.l - q.l || q.ev.i - p.ev.i; });
    var ends = [], maxRows = mode === "track" ? 3 * MAX_ROWS : MAX_ROWS;
    list.forEach(function (it) {
      var r;
      for (r = 0; r < ends.length && ends[r] > it.l - 8; r++) {}
      if (r === ends.length && r >= maxRows) {
        // Out of rows: the mark alone, in the first row with room for it.
        it.label = it.label && it.inside;
        it.l = it.ml; it.r = it.mr;
        for (r = 0; r < ends.length && ends[r] > it.l - 2; r++) {}
        if (r === ends.length && r >= 4 * maxRows) { r = 0; ends.forEach(function (e, k) { if (e < ends[r]) r = k; }); }
      }
      ends[r] = Math.max(ends[r] === undefined ? -Infinity : ends[r], it.r);
      it.row = r;
    });
    out.push({actor: a, items: list, rows: Math.max(ends.length, 1)});
  });
  return out;
}

function render(printWidth) {
  tl.replaceChildren();
  if (!view) fitView(shownEvents());
  var total = printWidth || tl.clientWidth;
  if (!view || total < 100) return;
  var dark = matchMedia("(prefers-color-scheme: dark)").matches && !printWidth;
  surface = cssColor("--surface", dark ? [26, 29, 35] : [255, 255, 255]);
  ink = cssColor("--fg", dark ? [230, 232, 236] : [28, 32, 38]);
  if (printWidth) { surface = [255, 255, 255]; ink = [0, 0, 0]; }
  var nameW = total < 720 ? 124 : 190, W = total - nameW;
  var eraH = eras.length ? 26 : 0, axisH = 44, top = eraH + axisH;
  var names = el("div", "tl-names"), plot = el("div", "tl-plot");
  names.style.width = px(nameW);
  plot.style.left = px(nameW);
  var pp = (view.t1 - view.t0) / W;
  function x(t) { return (t - view.t0) / pp; }

  var lanes = layout(W), y = top;
  lanes.forEach(function (lane, k) {
    lane.top = y;
    lane.h = Math.max(lane.rows * ROW + 2 * PAD, 44);
    [names, plot].forEach(function (host) {
      var bg = el("div", "tl-lane-bg" + (k % 2 ? " odd" : ""));
      bg.style.top = px(y);
      bg.style.height = px(lane.h);
      host.append(bg);
    });
    var nm = el("div", "tl-name"), sw = el("span", "sw"), txt = el("span", null, lane.actor.name);
    sw.style.backgroundColor = lane.actor.color;
    if (lane.actor.kind) txt.append(el("span", "kind", lane.actor.kind));
    nm.title = lane.actor.name;
    nm.style.top = px(y + PAD + 2);
    nm.append(sw, txt);
    names.append(nm);
    y += lane.h;
  });
  var height = Math.max(y, top + 60) + 1;
  tl.style.height = px(height);

  eras.forEach(function (era) {
    var l = x(era.s), r = x(era.e);
    if (r < 0 || l > W) return;
    var band = el("div", "tl-era");
    band.style.setProperty("--eb", mix(era.color, surface, 0.16));
    band.style.setProperty("--el", mix(era.color, surface, 0.8));
    band.style.left = px(l);
    band.style.width = px(Math.max(r - l, 1));
    plot.append(band);
    var title = el("div", "tl-era-title", era.title);
    title.style.setProperty("--et", mix(era.color, surface, 0.22));
    var tl0 = Math.max(l, 0) + 3;
    title.style.left = px(tl0);
    title.style.maxWidth = px(Math.max(Math.min(r, W) - tl0 - 3, 0));
    title.title = era.title;
    plot.append(title);
  });

  var ax = axis(view.t0, view.t1, W);
  var axisEl = el("div", "tl-axis");
  axisEl.style.top = px(eraH);
  axisEl.style.height = px(axisH);
  ax.minor.forEach(function (tk) {
    var gx = x(tk.t);
    if (gx < -60 || gx > W) return;
    var g = el("div", "tl-grid");
    g.style.left = px(gx);
    g.style.top = px(top);
    plot.append(g);
    var lab = el("div", "tl-tick minor", tk.label);
    lab.style.left = px(gx);
    lab.style.top = px(22);
    axisEl.append(lab);
  });
  ax.major.forEach(function (tk, k) {
    var gx = x(tk.t), next = ax.major[k + 1];
    var lab = el("div", "tl-tick major", tk.label);
    if (gx > W - textWidth(tk.label, false, true) - 12) return;
    if (gx < 0) {
      gx = 0;
      if (next && x(next.t) < 150) return;
    } else {
      var g = el("div", "tl-grid major");
      g.style.left = px(gx);
      g.style.top = px(eraH);
      plot.append(g);
    }
    lab.style.left = px(gx);
    lab.style.top = "0px";
    axisEl.append(lab);
  });
  plot.append(axisEl);
  var corner = el("div", "tl-corner", "Times in UTC");
  corner.style.top = px(eraH + 24);
  names.append(corner);

  // One element per event, holding its marks in every lane.
  var groups = new Map();
  lanes.forEach(function (lane) {
    lane.items.forEach(function (it) {
      var ev = it.ev, g = groups.get(ev.id), color = legible(it.color);
      if (!g) {
        g = {el: el("div", "tl-event" + (selected === ev.id ? " selected" : "")), ys: [], cx: 0};
        g.el.dataset.id = String(ev.id);
        groups.set(ev.id, g);
      }
      var cy = lane.top + PAD + it.row * ROW + ROW / 2;
      var h = it.shape === "dot" ? 14 : 18;
      var mark = button("tl-mark mk " + it.shape + " " + ev.c);
      mark.style.setProperty("--c", color);
      if (ev.c === "reported") mark.style.setProperty("--cp", mix(color, surface, dark ? 0.55 : 0.38));
      if (ev.c === "denied") mark.style.setProperty("--cd", mix(color, surface, 0.75));
      mark.style.left = px(it.ml);
      mark.style.top = px(cy - h / 2);
      if (it.shape !== "dot") mark.style.width = px(it.mr - it.ml);
      var who = lane.actor.id === -1 ? ev.a.map(function (p) { return actorById.get(p[0]).name + (p[1] ? " (" + p[1] + ")" : ""); }).join(", ")
        : lane.actor.name + (it.role ? " (" + it.role + ")" : "");
      mark.setAttribute("aria-label", ev.t + ", " + ev.d + ", " + (LABELS[ev.c] || ev.c) + (who ? ", " + who : ""));
      mark.title = ev.t + "\n" + ev.d + " \u00b7 " + (LABELS[ev.c] || ev.c) + (who ? "\n" + who : "");
      g.el.append(mark);
      if (!g.ys.length) g.cx = it.shape === "dot" ? (it.ml + it.mr) / 2 : Math.max(it.ml, 0) + 9;
      g.ys.push(cy);
      if (it.label && it.lw > 24) {
        var lab = el("span", "tl-label " + ev.c + (ev.i >= 4 ? " imp" : ""), ev.t);
        lab.style.left = px(it.lx);
        lab.style.top = px(cy - 9);
        lab.style.width = px(it.lw);
        lab.title = mark.title;
        if (it.inside) mark.classList.add("labelled");
        if (it.inside && ev.c === "confirmed") { lab.classList.add("on-fill"); lab.style.color = textOn(color); }
        g.el.append(lab);
      }
    });
  });
  groups.forEach(function (g) {
    if (g.ys.length > 1) {
      var link = el("div", "tl-link"), a = Math.min.apply(null, g.ys), b = Math.max.apply(null, g.ys);
      link.style.left = px(g.cx - 1);
      link.style.top = px(a);
      link.style.height = px(b - a);
      g.el.prepend(link);
    }
    plot.append(g.el);
  });
  hint.textContent = dropped ? "Drawing the " + grouped(BUDGET) + " most important of " + grouped(BUDGET + dropped) + " events in view: zoom in for the rest" : HINT;
  if (!lanes.length) {
    var empty = el("div", "tl-empty", "No event matches the filters.");
    empty.style.paddingTop = px(top + 20);
    plot.append(empty);
  }
  tl.append(plot, names);
}

// Selection: the details panel shows a copy of the event's list entry.
function select(id, reveal) {
  var ev = id === null ? null : byId.get(id) || null;
  var was = selected === null ? null : byId.get(selected);
  if (was && was.li) was.li.classList.remove("selected");
  selected = ev ? ev.id : null;
  if (ev && ev.li) ev.li.classList.add("selected");
  details.replaceChildren();
  details.hidden = !ev;
  if (ev) {
    var bar = el("div", "details-bar");
    var go = el("a", null, "Go to the entry in the list");
    go.href = "#e-" + ev.id;
    var close = button("linkbtn close", "Close", "Close (Esc)");
    close.addEventListener("click", function () { select(null); tl.focus(); });
    bar.append(el("strong", null, "Selected event"), go, close);
    details.append(bar);
    var art = ev.li && ev.li.querySelector("article");
    if (art) {
      var copy = art.cloneNode(true);
      copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
      copy.querySelectorAll(".ev-locate").forEach(function (n) { n.remove(); });
      details.append(copy);
    }
    if (reveal) {
      if (ev.e < view.t0 || ev.s > view.t1) {
        var span = view.t1 - view.t0, mid = (ev.s + ev.e) / 2;
        view = {t0: mid - span / 2, t1: mid + span / 2};
      }
      explore.scrollIntoView({block: "start"});
    }
  }
  render();
}

function apply() {
  var n = 0;
  events.forEach(function (ev) {
    var on = visible(ev);
    if (on) n++;
    if (ev.li && ev.li.hidden === on) ev.li.hidden = !on;
  });
  var text = "Showing " + n + " of " + events.length + " event" + (events.length === 1 ? "" : "s");
  shown.textContent = text;
  countEl.textContent = text;
  noneShown.hidden = n > 0 || !events.length;
  if (selected !== null && !visible(byId.get(selected))) select(null);
  else render();
}

// List entries get a button that finds them on the timeline.
events.forEach(function (ev) {
  var head = ev.li && ev.li.querySelector(".ev-head");
  if (!head) return;
  var b = button("linkbtn ev-locate", "Show on timeline");
  b.addEventListener("click", function () { select(ev.id, true); });
  head.append(b);
});

// Interaction: click to select, drag to pan, Ctrl + wheel to zoom, keys.
var drag = null;
tl.addEventListener("pointerdown", function (e) {
  if (e.button !== 0) return;
  drag = {x: e.clientX, t0: view.t0, t1: view.t1, moved: false, id: e.pointerId};
});
tl.addEventListener("pointermove", function (e) {
  if (!drag || e.pointerId !== drag.id) return;
  var dx = e.clientX - drag.x;
  if (!drag.moved && Math.abs(dx) < 4) return;
  if (!drag.moved) {
    drag.moved = true;
    tl.classList.add("dragging");
    try { tl.setPointerCapture(drag.id); } catch (err) { /* the pointer is gone */ }
  }
  var W = plotWidth(), shift = -dx * (drag.t1 - drag.t0) / W;
  view = {t0: drag.t0 + shift, t1: drag.t1 + shift};
  schedule();
});
function endDrag(e) {
  if (!drag || e.pointerId !== drag.id) return;
  var moved = drag.moved;
  drag = null;
  tl.classList.remove("dragging");
  if (moved) return;
  var g = e.target.closest ? e.target.closest(".tl-event") : null;
  if (g && e.type === "pointerup") select(Number(g.dataset.id));
}
tl.addEventListener("pointerup", endDrag);
tl.addEventListener("pointercancel", endDrag);
tl.addEventListener("click", function (e) {
  // Keyboard activation of a mark (Enter or Space on a focused button).
  if (e.detail === 0) {
    var g = e.target.closest ? e.target.closest(".tl-event") : null;
    if (g) select(Number(g.dataset.id));
  }
});
function plotWidth() { var total = tl.clientWidth; return total - (total < 720 ? 124 : 190); }
function plotX(e) { var r = tl.getBoundingClientRect(); return e.clientX - r.left - (r.width < 720 ? 124 : 190); }
tl.addEventListener("wheel", function (e) {
  var W = plotWidth();
  if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    zoom(Math.exp(Math.max(Math.min(e.deltaY, 120), -120) * 0.004), plotX(e), W);
  } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
    e.preventDefault();
    pan((e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX) * (view.t1 - view.t0) / W);
  }
}, {passive: false});
tl.addEventListener("keydown", function (e) {
  var W = plotWidth(), span = view.t1 - view.t0;
  switch (e.key) {
  case "ArrowLeft": pan(-span / 10); break;
  case "ArrowRight": pan(span / 10); break;
  case "+": case "=": zoom(1 / 1.5, W / 2, W); break;
  case "-": case "_": zoom(1.5, W / 2, W); break;
  case "0": fitView(shownEvents()); schedule(); break;
  case "Escape": select(null); break;
  default: return;
  }
  e.preventDefault();
});
zoomIn.addEventListener("click", function () { var W = plotWidth(); zoom(1 / 1.5, W / 2, W); });
zoomOut.addEventListener("click", function () { var W = plotWidth(); zoom(1.5, W / 2, W); });
fit.addEventListener("click", function () { fitView(shownEvents()); schedule(); });
document.addEventListener("keydown", function (e) {
  if (e.key === "Escape" && selected !== null) select(null);
});
window.addEventListener("resize", schedule);
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", schedule);
// Printed, the timeline is one compact track at the width of the paper.
var screenMode = null;
window.addEventListener("beforeprint", function () {
  screenMode = mode;
  mode = "track";
  render(Math.min(tl.clientWidth, 680));
});
window.addEventListener("afterprint", function () {
  if (screenMode) mode = screenMode;
  screenMode = null;
  render();
});

explore.hidden = false;
setMode("lanes");
fitView(events);
apply();
})();
