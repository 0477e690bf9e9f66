// The multipolar dashboard. Every number on the page is read from /api/v1; the
// whole state of the page lives in the query string, so a link reproduces the view
// and back/forward step through it.
"use strict";

const API = "/api/v1/";
const DEFAULT_POLES = ["USA", "EU", "CHN", "RUS"];
// Poles offered as toggles (any other state or group can be typed in).
const COMMON_POLES = ["USA", "EU", "CHN", "RUS", "IND", "NATO", "BRICS", "JPN", "GBR", "FRA"];
// Okabe–Ito, then further distinct colours: readable by colour-blind readers.
const COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
  "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF", "#393B79", "#AD494A"];
const UN_CHANNELS = ["un_agreement", "un_kappa"];
const VIEWS = ["profile", "compare", "system"];
// The default year of the system view when none is chosen.
const SYSTEM_YEAR = 2019;

// ---------------------------------------------------------------------------
// State and URL

/** The page state read from a query string. */
function readState(search) {
  const q = new URLSearchParams(search);
  const list = (k) => (q.get(k) || "").split(",").map((s) => s.trim()).filter(Boolean);
  const year = (k) => (/^-?\d{1,4}$/.test(q.get(k) || "") ? Number(q.get(k)) : null);
  const view = q.get("view");
  return {
    view: VIEWS.includes(view) ? view : "profile",
    state: (q.get("state") || "").trim(),
    poles: q.has("poles") ? list("poles") : DEFAULT_POLES.slice(),
    from: year("from"),
    to: year("to"),
    show: q.get("show") === "lean" ? "lean" : "value",
    compare: list("compare"),
    channel: q.get("channel") || "un_kappa",
    pole: q.get("pole") || "",
    year: year("year"),
  };
}

/** The query string of a state (empty values left out). */
function query(s) {
  const q = new URLSearchParams();
  q.set("view", s.view);
  if (s.state) q.set("state", s.state);
  q.set("poles", s.poles.join(","));
  if (s.from != null) q.set("from", s.from);
  if (s.to != null) q.set("to", s.to);
  if (s.show !== "value") q.set("show", s.show);
  if (s.compare.length) q.set("compare", s.compare.join(","));
  q.set("channel", s.channel);
  if (s.pole) q.set("pole", s.pole);
  if (s.year != null) q.set("year", s.year);
  return "?" + q.toString().replace(/%2C/g, ",");
}

let S = readState(location.search);

/** Moves to a new state: a new history entry, then the page drawn for it. */
function go(patch) {
  S = { ...S, ...patch };
  const url = query(S);
  if (url !== location.search) history.pushState(null, "", url);
  render();
}

window.addEventListener("popstate", () => {
  S = readState(location.search);
  render();
});

// ---------------------------------------------------------------------------
// The API

class ApiError extends Error {
  constructor(status, kind, message, suggestions) {
    super(message);
    this.status = status;
    this.kind = kind;
    this.suggestions = suggestions || [];
  }
}

const cache = new Map();

/** GET /api/v1/ENDPOINT?PARAMS as JSON; answers are kept for the page's lifetime. */
function api(endpoint, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v != null && v !== "") q.set(k, v);
  }
  const url = API + endpoint + (q.toString() ? "?" + q.toString() : "");
  if (!cache.has(url)) {
    const p = fetch(url, { headers: { Accept: "application/json" } })
      .catch((e) => {
        throw new ApiError(0, "network", `the server did not answer (${e.message})`);
      })
      .then(async (r) => {
        let body;
        try {
          body = await r.json();
        } catch (e) {
          throw new ApiError(r.status, "failure", `unreadable answer from ${endpoint} (HTTP ${r.status})`);
        }
        if (!r.ok || body.error) {
          const e = body.error || {};
          throw new ApiError(r.status, e.kind || "failure", e.message || `HTTP ${r.status}`, e.suggestions);
        }
        return body;
      });
    cache.set(url, p);
    // Failures are not kept: the next attempt asks again.
    p.catch(() => cache.delete(url));
  }
  return cache.get(url);
}

function profileOf(state) {
  return api("profile", { state, poles: S.poles.join(","), from: S.from, to: S.to });
}

// ---------------------------------------------------------------------------
// DOM helpers

const $ = (sel, root = document) => root.querySelector(sel);

/** An element with attributes (on* as listeners) and children (strings are text). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** A number as text: fixed digits, a real minus sign, a dash for no value. */
function num(v, digits = 2) {
  if (v == null || !Number.isFinite(v)) return "–";
  const s = Math.abs(v).toFixed(digits);
  return (v < 0 && Number(s) !== 0 ? "−" : "") + s;
}
const signed = (v, digits = 2) => (v > 0 ? "+" : "") + num(v, digits);
const pct = (v) => (v == null ? "–" : `${Math.round(v * 100)}%`);
const span = (ys) => (ys[0] === ys[1] ? `${ys[0]}` : `${ys[0]}–${ys[1]}`);

let status = { state: "loading", text: "" };

/** The page's status: `main[data-status]` (loading, ready, error) and the live line. */
function setStatus(state, text = "") {
  status = { state, text };
  $("#main").dataset.status = state;
  $("#main").setAttribute("aria-busy", state === "loading" ? "true" : "false");
  const line = $("#status");
  line.textContent = text;
  line.className = `status-${state}`;
}

/** The code in a suggestion such as "Mexico (MEX, COW 70)", else the suggestion. */
function suggestionCode(s) {
  const m = /\(([^,)\s]+)/.exec(s);
  return m ? m[1] : s;
}

/** The API's error as shown: kind, message, and its suggestions as buttons. */
function errorBox(err, onSuggestion) {
  const box = h("div", { class: "error", role: "alert" },
    h("p", {}, h("strong", {}, err.status ? `Error (${err.kind}, HTTP ${err.status}): ` : "Error: "), err.message));
  if (err.suggestions.length) {
    box.append(h("p", {}, "Did you mean: ",
      err.suggestions.map((s) => h("button", {
        type: "button", class: "suggestion",
        onclick: () => onSuggestion(suggestionCode(s)),
      }, s))));
  }
  return box;
}

/** What to do with a suggestion in an error about `state` or a pole. */
function fixer(err, state) {
  const pole = /^pole "([^"]+)"/.exec(err.message);
  return (code) => {
    if (pole) go({ poles: S.poles.map((p) => (p === pole[1] ? code : p)) });
    else go({ state: code, compare: S.compare.map((c) => (c === state ? code : c)) });
  };
}

// ---------------------------------------------------------------------------
// Charts

const drawnValue = (d) => {
  const v = Array.isArray(d) ? d[d.length - 1] : d && typeof d === "object" ? d.value : d;
  return v != null && Number.isFinite(v);
};

/** Draws `option` into `el` and records on it what was drawn: `data-points` (values
 * drawn) and `data-series` (series names), for readers and tests. */
function draw(el, option) {
  echarts.getInstanceByDom(el)?.dispose();
  const chart = echarts.init(el);
  chart.setOption({ animation: false, textStyle: { fontFamily: "inherit" }, ...option });
  const points = option.series.reduce((n, s) => n + s.data.filter(drawnValue).length, 0);
  el.dataset.points = String(points);
  el.dataset.series = option.series.map((s) => s.name).join(",");
  return chart;
}

function disposeCharts(root) {
  root.querySelectorAll(".chart").forEach((el) => echarts.getInstanceByDom(el)?.dispose());
}

window.addEventListener("resize", () => {
  document.querySelectorAll(".chart").forEach((el) => echarts.getInstanceByDom(el)?.resize());
});

/** A figure: heading, note and the chart's box. */
function figure(id, title, note, label) {
  const box = h("div", { class: "chart", id, role: "img", "aria-label": label || title });
  return { box, el: h("figure", { class: "figure" }, h("h3", {}, title), note ? h("p", { class: "muted" }, note) : null, box) };
}

/** Options of a chart over years: axis tooltip, zoom on the years. */
function yearChart(years, series, { yName = "", digits = 2, percent = false, extra = {} } = {}) {
  const fmt = (v) => (percent ? pct(v) : num(v, digits));
  return {
    tooltip: { trigger: "axis", valueFormatter: fmt },
    legend: { type: "scroll", top: 0 },
    grid: { left: 8, right: 16, top: 34, bottom: 58, containLabel: true },
    xAxis: { type: "category", data: years.map(String), boundaryGap: false },
    yAxis: {
      type: "value", name: yName, scale: true, nameTextStyle: { align: "left" },
      axisLabel: { formatter: percent ? (v) => `${Math.round(v * 100)}%` : undefined },
    },
    dataZoom: [{ type: "inside" }, { type: "slider", height: 18, bottom: 8 }],
    series: series.map((s) => ({ type: "line", symbolSize: 5, connectNulls: false, ...s })),
    ...extra,
  };
}

// ---------------------------------------------------------------------------
// Controls

function syncControls() {
  $("#state").value = S.state;
  $("#from").value = S.from ?? "";
  $("#to").value = S.to ?? "";
  // The toggles are rebuilt only when the set offered changes, so focus stays put.
  const toggles = $("#pole-toggles");
  const offered = [...new Set([...COMMON_POLES, ...S.poles])];
  if ([...toggles.children].map((b) => b.dataset.pole).join() !== offered.join()) {
    toggles.replaceChildren(...offered.map((p) => h("button", {
      type: "button", class: "toggle", "data-pole": p,
      onclick: () => go({ poles: S.poles.includes(p) ? S.poles.filter((x) => x !== p) : [...S.poles, p] }),
    }, p)));
  }
  for (const b of toggles.children) b.setAttribute("aria-pressed", String(S.poles.includes(b.dataset.pole)));
  document.querySelectorAll("nav [data-view]").forEach((b) => {
    if (b.dataset.view === S.view) b.setAttribute("aria-current", "page");
    else b.removeAttribute("aria-current");
  });
  for (const v of VIEWS) $(`#${v}-view`).hidden = v !== S.view;
  $("#compare-states").value = S.compare.join(",");
  $("#system-year").value = S.year ?? SYSTEM_YEAR;
}

function yearInput(el) {
  return el.value.trim() === "" ? null : Number(el.value);
}

$("#controls").addEventListener("submit", (e) => {
  e.preventDefault();
  const state = $("#state").value.trim();
  // A new state is shown as its profile; the period applies to the view at hand.
  go({ state, from: yearInput($("#from")), to: yearInput($("#to")), view: state !== S.state ? "profile" : S.view });
});
$("#pole-add-button").addEventListener("click", addPole);
$("#pole-add").addEventListener("keydown", (e) => {
  if (e.key === "Enter") {
    e.preventDefault();
    addPole();
  }
});
function addPole() {
  const p = $("#pole-add").value.trim();
  $("#pole-add").value = "";
  if (p && !S.poles.includes(p)) go({ poles: [...S.poles, p] });
}
document.querySelectorAll("nav [data-view]").forEach((b) =>
  b.addEventListener("click", () => go({ view: b.dataset.view })));
$("#compare-form").addEventListener("submit", (e) => {
  e.preventDefault();
  go({
    compare: $("#compare-states").value.split(",").map((s) => s.trim()).filter(Boolean),
    channel: $("#compare-channel").value || S.channel,
    pole: $("#compare-pole").value || S.pole,
  });
});
$("#compare-channel").addEventListener("change", (e) => go({ channel: e.target.value }));
$("#compare-pole").addEventListener("change", (e) => go({ pole: e.target.value }));
$("#system-form").addEventListener("submit", (e) => {
  e.preventDefault();
  go({ year: yearInput($("#system-year")) });
});
$("#year-prev").addEventListener("click", () => go({ year: (S.year ?? SYSTEM_YEAR) - 1 }));
$("#year-next").addEventListener("click", () => go({ year: (S.year ?? SYSTEM_YEAR) + 1 }));

// State names for the input's suggestions.
api("countries").then((d) => {
  $("#countries").replaceChildren(...d.rows.map((r) => h("option", { value: r.label }, r.name)));
}).catch(() => {});

// ---------------------------------------------------------------------------
// Rendering

let seq = 0;

async function render() {
  const mine = ++seq;
  const current = () => mine === seq;
  syncControls();
  try {
    if (S.view === "profile") await renderProfile(current);
    else if (S.view === "compare") await renderCompare(current);
    else await renderSystem(current);
  } catch (e) {
    if (!current()) return;
    const root = $(`#${S.view}-view`);
    root.append(errorBox(e instanceof ApiError ? e : new ApiError(0, "failure", e.message), () => {}));
    setStatus("error", `Error: ${e.message}`);
  }
}

// ----- profile

async function renderProfile(current) {
  const root = $("#profile-view");
  if (!S.state) {
    disposeCharts(root);
    root.replaceChildren(h("div", { class: "intro" },
      h("h2", {}, "Pick a state"),
      h("p", {}, "Type a state's name or code above to see where it stands between the poles in each channel — UN votes, ideal points, alliances, arms, trade, IGOs — and when it moved."),
      h("p", {}, "For example: ", ["MAR", "KAZ", "IND", "TUR", "BRA"].map((c) =>
        h("button", { type: "button", class: "suggestion", onclick: () => go({ state: c }) }, c)))));
    setStatus("ready");
    return;
  }
  setStatus("loading", `Loading the profile of ${S.state}…`);
  let doc;
  try {
    doc = await profileOf(S.state);
  } catch (e) {
    if (!current()) return;
    disposeCharts(root);
    root.replaceChildren(h("h2", {}, `Profile of ${S.state}`), errorBox(e, fixer(e, S.state)));
    setStatus("error", `Error: ${e.message}`);
    return;
  }
  if (!current()) return;
  const p = doc.profile;
  disposeCharts(root);
  root.replaceChildren();
  const draws = [];
  const add = (part) => {
    if (!part) return;
    root.append(part.el);
    if (part.draw) draws.push(part.draw);
  };
  add(profileHeader(p));
  add(stanceSection(p, doc.conventions));
  add(overTimeSection(p));
  add(idealSection(p));
  add(partnersSection(p));
  add(shiftsSection(p));
  add(peersSection(p));
  // Charts are drawn once their boxes are in the page and have a size.
  draws.forEach((d) => d());
  setStatus("ready", `${p.name} (${p.state}), ${p.from}–${p.to}`);
  document.title = `${p.name} (${p.state}) · multipolar`;
}

const channelTitle = (p, id) => p.channels.find((c) => c.channel === id)?.title || id;
const poleColor = (p, id) => COLORS[Math.max(0, p.poles.findIndex((x) => x.id === id)) % COLORS.length];
const isGroup = (pole) => !(pole.members.length === 1 && pole.members[0] === pole.id);

function profileHeader(p) {
  const groups = p.poles.filter(isGroup);
  const coverage = p.coverage.map((c) => h("li", {},
    h("strong", {}, channelTitle(p, c.channel)), ": data ",
    c.from > p.from ? `from ${c.from} ` : "", `to ${c.to} `, h("span", { class: "muted" }, `(${c.source})`)));
  return {
    el: h("section", { class: "card", "aria-labelledby": "profile-title" },
      h("h2", { id: "profile-title" },
        `${p.name} (${p.state}) between ${p.poles.map((x) => x.id).join(", ")} · ${p.from}–${p.to}`),
      groups.map((g) => h("p", { class: "muted" },
        `${g.id} = ${g.name} (${g.members.length} members in ${p.to})`)),
      h("h3", {}, "Coverage"),
      h("ul", { class: "coverage" }, coverage),
      p.dropped.length ? h("p", { class: "muted dropped" }, "Left out as too thin: ",
        p.dropped.map((d, i) => [i ? "; " : "", `${d.year} in ${channelTitle(p, d.channel)} (${d.reason})`])) : null),
  };
}

function stanceSection(p, conventions) {
  const poles = p.poles.map((x) => x.id);
  const rows = p.recent.map((r) => h("tr", {},
    h("th", { scope: "row" }, channelTitle(p, r.channel)),
    h("td", {}, span(r.years)),
    r.values.map((v, i) => h("td", { class: r.tilt === poles[i] ? "num tilt" : "num" }, num(v))),
    h("td", { class: "stance" }, r.stance),
    h("td", { class: "num" }, num(r.hedging)),
    h("td", { class: "num" }, num(r.engagement))));
  return {
    el: h("section", { class: "card", "aria-labelledby": "stance-title" },
      h("h2", { id: "stance-title" }, "Where it stands"),
      h("p", { class: "muted" }, `Value per pole (${conventions.recent}), stance, hedging H and engagement E. `,
        `H: ${conventions.hedging}. E: ${conventions.engagement}.`),
      h("div", { class: "scroll" }, h("table", { id: "stance" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "channel"), h("th", { scope: "col" }, "years"),
          poles.map((x) => h("th", { scope: "col", class: "num" }, x)),
          h("th", { scope: "col" }, "stance"), h("th", { scope: "col", class: "num" }, "H"),
          h("th", { scope: "col", class: "num" }, "E"))),
        h("tbody", {}, rows))),
      p.recent_dispersion != null
        ? h("p", {}, `Across channels: dispersion ${num(p.recent_dispersion)} (${conventions.dispersion}).`)
        : null),
  };
}

function overTimeSection(p) {
  const lean = S.show === "lean";
  const figs = [];
  for (const c of p.channels) {
    if (c.channel === "ideal") continue;
    const rows = lean && c.lean.length ? c.lean : c.values;
    if (!rows.some((r) => r.some((v) => v != null))) continue;
    const shifts = p.shifts.filter((s) => s.channel === c.channel);
    const f = figure(`chart-${c.channel}`, c.title,
      `${lean && c.lean.length ? "Lean (closeness minus the mean over the poles)" : c.measure}${shifts.length ? "; dashed: shifts (listed below)" : ""}`,
      `${c.title} per pole over the years`);
    figs.push({
      el: f.el,
      draw: () => draw(f.box, yearChart(p.years, p.poles.map((pole, i) => ({
        name: pole.id,
        color: poleColor(p, pole.id),
        data: rows[i],
        markLine: markShifts(shifts.filter((s) => s.pole === pole.id), poleColor(p, pole.id)),
      })))),
    });
  }
  const hedged = p.channels.filter((c) => c.hedging.some((v) => v != null));
  if (hedged.length) {
    const f = figure("chart-hedging", "Hedging H by channel",
      "H = 1 − (max − min closeness over the poles): 1 is equally close to all poles; the thick line is the mean over the channels",
      "Hedging per channel over the years");
    figs.push({
      el: f.el,
      draw: () => draw(f.box, yearChart(p.years, [
        ...hedged.map((c, i) => ({ name: c.title, color: COLORS[(i + 4) % COLORS.length], data: c.hedging })),
        { name: "mean", color: "#222", lineStyle: { width: 3 }, data: p.summary.map((s) => s.hedging) },
      ])),
    });
  }
  const toggle = h("div", { class: "segmented", role: "group", "aria-label": "What the lines show" },
    [["value", "measure"], ["lean", "lean"]].map(([v, label]) => h("button", {
      type: "button", "data-show": v, "aria-pressed": String(S.show === v), onclick: () => go({ show: v }),
    }, label)));
  return {
    el: h("section", { class: "card", "aria-labelledby": "time-title" },
      h("div", { class: "section-head" }, h("h2", { id: "time-title" }, "Over time, per channel"), toggle),
      h("p", { class: "muted" }, "Hover for the values; drag the slider or scroll in a chart to zoom on years."),
      h("div", { class: "grid" }, figs.map((f) => f.el))),
    draw: () => figs.forEach((f) => f.draw()),
  };
}

/** Dashed vertical lines at the years of a pole's shifts. */
function markShifts(shifts, color) {
  if (!shifts.length) return undefined;
  return {
    symbol: "none", silent: true, label: { show: false },
    lineStyle: { type: "dashed", width: 1, color, opacity: 0.7 },
    data: shifts.map((s) => ({ xAxis: String(s.year) })),
  };
}

function idealSection(p) {
  const c = p.channels.find((x) => x.channel === "ideal");
  if (!c || !c.own.some((v) => v != null)) return null;
  const last = c.own.map((v, i) => (v != null ? i : -1)).filter((i) => i >= 0).pop();
  const f = figure("chart-ideal", "Ideal points θ", c.measure, `Ideal point of ${p.state} and of the poles over the years`);
  const figs = [{
    el: f.el,
    draw: () => draw(f.box, yearChart(p.years, [
      { name: p.state, color: "#111", lineStyle: { width: 3 }, data: c.own },
      ...p.poles.map((pole, i) => ({ name: pole.id, color: poleColor(p, pole.id), data: c.values[i] })),
    ], { yName: "θ" })),
  }];
  if (p.between.some((b) => b.lambda.some((v) => v != null))) {
    const g = figure("chart-between", "Between two poles (λ)",
      "λ = 1 at the first pole's ideal point, 0 at the second's", `Position of ${p.state} between pairs of poles`);
    figs.push({
      el: g.el,
      draw: () => draw(g.box, yearChart(p.years, p.between.map((b, i) => ({
        name: `${b.a}↔${b.b}`, color: COLORS[(i + 4) % COLORS.length], data: b.lambda,
      })), { yName: "λ" })),
    });
  }
  return {
    el: h("section", { class: "card", "aria-labelledby": "ideal-title" },
      h("h2", { id: "ideal-title" }, "Ideal-point trajectory"),
      h("p", {}, `${p.years[last]}: θ = ${num(c.own[last])}`,
        p.poles.map((pole, i) => `, ${pole.id} ${num(c.values[i][last])}`)),
      h("div", { class: "grid" }, figs.map((x) => x.el))),
    draw: () => figs.forEach((x) => x.draw()),
  };
}

function partnersSection(p) {
  const chans = p.channels.filter((c) => c.diversification.some((v) => v != null));
  if (!chans.length) return null;
  const figs = chans.map((c) => {
    const last = c.top_partner.map((t, i) => (t ? i : -1)).filter((i) => i >= 0).pop();
    const f = figure(`chart-partners-${c.channel}`, `${c.title}: partners`,
      c.leading.length ? "Shares of the leading partners (left); effective number of partners, 1/HHI (right, dashed)"
        : "Effective number of partners (for alliances, the number of allies)",
      `${c.title}: partner shares and diversification over the years`);
    const series = [
      ...c.leading.map((l, i) => ({ name: l.partner, color: COLORS[i % COLORS.length], data: l.shares })),
      {
        name: "effective partners", color: c.leading.length ? "#333" : COLORS[0], yAxisIndex: c.leading.length ? 1 : 0,
        lineStyle: { type: c.leading.length ? "dashed" : "solid" }, symbol: "none", data: c.diversification,
      },
    ];
    const opt = yearChart(p.years, series, { percent: c.leading.length > 0 });
    if (c.leading.length) {
      opt.yAxis = [opt.yAxis, { type: "value", name: "partners", scale: true, splitLine: { show: false } }];
      opt.tooltip.valueFormatter = undefined;
      opt.tooltip.formatter = partnerTooltip;
    }
    return {
      el: h("div", {}, f.el, last != null ? h("p", { class: "muted" },
        `${p.years[last]}: ${num(c.diversification[last], 1)} effective partners; largest ${c.top_partner[last].partner} ${pct(c.top_partner[last].share)}`) : null),
      draw: () => draw(f.box, opt),
    };
  });
  return {
    el: h("section", { class: "card", "aria-labelledby": "partners-title" },
      h("h2", { id: "partners-title" }, "Partners: diversification and dependence"),
      h("div", { class: "grid" }, figs.map((x) => x.el))),
    draw: () => figs.forEach((x) => x.draw()),
  };
}

/** Shares as percentages, the effective number of partners as a number. */
function partnerTooltip(items) {
  const rows = items.map((it) => `${it.marker}${it.seriesName}: <b>${it.seriesName === "effective partners" ? num(it.value, 1) : pct(it.value)}</b>`);
  return `${items[0].axisValue}<br>${rows.join("<br>")}`;
}

function shiftsSection(p) {
  const shifts = p.shifts.slice().sort((a, b) => a.year - b.year || a.channel.localeCompare(b.channel));
  const items = shifts.map((s) => {
    const who = s.pole === p.state ? `${p.state}'s own position` : s.pole;
    const agenda = s.agenda != null ? ` (${signed(s.agenda)} from the agenda)` : "";
    const det = h("details", { class: "shift", "data-channel": s.channel, "data-pole": s.pole, "data-year": s.year },
      h("summary", {},
        h("span", { class: "year" }, s.year), " ", h("strong", {}, channelTitle(p, s.channel)), `, ${who}: `,
        `${num(s.before)} (${span(s.before_years)}) → ${num(s.after)} (${span(s.after_years)}), `,
        h("span", { class: s.size < 0 ? "neg" : "pos" }, signed(s.size)), agenda));
    det.append(drivers(p, s));
    if (UN_CHANNELS.includes(s.channel)) det.append(rollCalls(p, s));
    return det;
  });
  return {
    el: h("section", { class: "card", "aria-labelledby": "shifts-title" },
      h("h2", { id: "shifts-title" }, `Shifts (${shifts.length})`),
      h("p", { class: "muted" }, "Changes in mean found per series; open one for what drove it."),
      items.length ? h("div", { id: "shifts" }, items) : h("p", {}, "No shifts in this period.")),
  };
}

function drivers(p, s) {
  const votes = s.drivers.filter((d) => d.kind === "votes");
  const partners = s.drivers.filter((d) => d.kind === "partner");
  const out = [];
  if (votes.length) {
    out.push(h("table", { class: "drivers" },
      h("caption", {}, "Resolutions that moved the agreement most (before → after)"),
      h("thead", {}, h("tr", {}, ["resolution", "title", `${p.state} votes`, `${s.pole} votes`, "agreement", "roll calls", "contribution"]
        .map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, votes.map((d) => h("tr", {},
        h("td", {}, d.resolution), h("td", {}, d.title),
        h("td", {}, d.state_votes.join(" → ")), h("td", {}, d.pole_votes.join(" → ")),
        h("td", { class: "num" }, d.agreement.map((v) => num(v)).join(" → ")),
        h("td", { class: "num" }, d.roll_calls.join(" → ")),
        h("td", { class: "num" }, signed(d.contribution, 3)))))));
  }
  if (partners.length) {
    out.push(h("table", { class: "drivers" },
      h("caption", {}, "Partners whose share changed most"),
      h("thead", {}, h("tr", {}, ["partner", "share before", "share after"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, partners.map((d) => h("tr", {},
        h("td", {}, d.partner), h("td", { class: "num" }, pct(d.before)), h("td", { class: "num" }, pct(d.after)))))));
  }
  return out.length ? h("div", { class: "scroll" }, out) : h("p", { class: "muted" }, "No drivers listed for this shift.");
}

/** Roll calls of a year where the state and the pole (or, for a group, one of its
 * members: a group casts no votes) voted differently: /api/v1/align?explain=true. */
function rollCalls(p, s) {
  const pole = p.poles.find((x) => x.id === s.pole);
  if (!pole) return h("span");
  const years = [];
  for (let y = s.before_years[0]; y <= s.after_years[1]; y++) years.push(y);
  const yearSel = h("select", { class: "rc-year", "aria-label": "Year" },
    years.map((y) => h("option", { value: y, selected: y === s.year }, y)));
  const group = isGroup(pole);
  const memberSel = group ? h("select", { class: "rc-member", "aria-label": `Member of ${pole.id}` },
    pole.members.map((m) => h("option", { value: m }, m))) : null;
  const out = h("div", { class: "rc-out" });
  const run = async () => {
    const other = group ? memberSel.value : pole.id;
    const y = Number(yearSel.value);
    out.replaceChildren(h("p", { class: "muted" }, `Loading the roll calls of ${y}…`));
    try {
      const d = await api("align", { countries: `${p.state},${other}`, from: y, to: y, by: "year", explain: "true" });
      out.replaceChildren(
        h("p", {}, `${y}: ${p.state} and ${other} voted differently in ${d.meta.differences || `${d.rows.length} roll calls`}`),
        d.rows.length ? h("div", { class: "scroll rc" }, table(d)) : null);
    } catch (e) {
      out.replaceChildren(errorBox(e, () => {}));
    }
  };
  return h("div", { class: "rollcalls" },
    group ? h("p", { class: "muted" }, `${pole.id} is a group (${pole.members.length} members), not a country: UN roll calls are cast by states, so pick a member.`) : null,
    h("div", { class: "inline-form" }, "Roll calls where they voted differently in ", yearSel,
      group ? [" with ", memberSel] : null,
      h("button", { type: "button", class: "rc-button", onclick: run }, "List roll calls")),
    out);
}

/** An API table (`columns`, `rows`) as an HTML table. */
function table(d) {
  return h("table", {},
    h("thead", {}, h("tr", {}, d.columns.map((c) => h("th", { scope: "col", title: c.description || null }, c.name)))),
    h("tbody", {}, d.rows.map((r) => h("tr", {}, d.columns.map((c) =>
      h("td", { class: c.type === "number" || c.type === "integer" ? "num" : null },
        c.type === "number" ? num(r[c.name], 3) : r[c.name] ?? "–"))))));
}

function peersSection(p) {
  if (!p.peers.length && !p.neighbours.length) return null;
  const chans = [...new Set(p.peers.map((x) => x.channel))];
  const poles = p.poles.map((x) => x.id);
  return {
    el: h("section", { class: "card", "aria-labelledby": "peers-title" },
      h("h2", { id: "peers-title" }, "Among all states"),
      chans.length ? h("table", { id: "peers" },
        h("caption", {}, "Rank by lean over the recent years (1 = leans most towards the pole)"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "channel"), poles.map((x) => h("th", { scope: "col", class: "num" }, x)))),
        h("tbody", {}, chans.map((c) => h("tr", {}, h("th", { scope: "row" }, channelTitle(p, c)), poles.map((x) => {
          const r = p.peers.find((q) => q.channel === c && q.pole === x);
          return h("td", { class: "num" }, r ? `${r.rank}/${r.of}` : "–");
        }))))) : null,
      p.neighbours.length ? h("p", { id: "neighbours" }, "Nearest by UN votes (distance in κ to the poles): ",
        p.neighbours.map((n, i) => [i ? ", " : "", h("button", {
          type: "button", class: "link", onclick: () => go({ state: n.state }),
        }, n.state), ` ${num(n.distance, 3)}`])) : null),
  };
}

// ----- compare

async function renderCompare(current) {
  const body = $("#compare-body");
  const poleSel = $("#compare-pole");
  const pole = S.poles.includes(S.pole) ? S.pole : S.poles[0];
  poleSel.replaceChildren(...S.poles.map((x) => h("option", { value: x, selected: x === pole }, x)));
  if (!S.compare.length) {
    disposeCharts(body);
    body.replaceChildren(h("p", {}, "Enter states above, e.g. MAR,DZA,EGY, to compare them in one channel."));
    if (!$("#compare-channel").options.length) {
      $("#compare-channel").append(h("option", { value: S.channel }, S.channel));
    }
    setStatus("ready");
    return;
  }
  setStatus("loading", `Loading the profiles of ${S.compare.join(", ")}…`);
  const got = await Promise.allSettled(S.compare.map((s) => profileOf(s)));
  if (!current()) return;
  const ok = [];
  const errors = [];
  got.forEach((g, i) => (g.status === "fulfilled" ? ok.push(g.value.profile) : errors.push([S.compare[i], g.reason])));
  const channels = [];
  ok.forEach((p) => p.channels.forEach((c) => {
    if (!channels.some((x) => x.channel === c.channel)) channels.push(c);
  }));
  const channel = channels.find((c) => c.channel === S.channel) || channels[0];
  $("#compare-channel").replaceChildren(...channels.map((c) => h("option", {
    value: c.channel, selected: c === channel,
  }, c.title)));
  disposeCharts(body);
  body.replaceChildren(...errors.map(([s, e]) => h("div", {}, h("h3", {}, s), errorBox(e, fixer(e, s)))));
  if (!channel) {
    setStatus("error", "No profile could be loaded");
    return;
  }
  const lean = S.show === "lean" && channel.lean.length > 0;
  const years = [...new Set(ok.flatMap((p) => p.years))].sort((a, b) => a - b);
  const series = ok.map((p, i) => {
    const c = p.channels.find((x) => x.channel === channel.channel);
    const k = p.poles.findIndex((x) => x.id === pole);
    const rows = c ? (lean ? c.lean : c.values) : [];
    const byYear = new Map(p.years.map((y, j) => [y, rows[k]?.[j] ?? null]));
    return { name: p.state, color: COLORS[i % COLORS.length], data: years.map((y) => byYear.get(y) ?? null) };
  });
  const f = figure("chart-compare", `${channel.title}: ${lean ? "lean towards" : "with"} ${pole}`,
    lean ? "Lean (closeness minus the mean over the poles)" : channel.measure,
    `${channel.title} to ${pole} for ${ok.map((p) => p.state).join(", ")}`);
  const recent = ok.map((p) => [p, p.recent.find((r) => r.channel === channel.channel)]);
  const k = (p) => p.poles.findIndex((x) => x.id === pole);
  body.append(f.el,
    h("table", { id: "compare-table" },
      h("caption", {}, `${channel.title} over each state's recent years`),
      h("thead", {}, h("tr", {}, ["state", "years", `value (${pole})`, "stance", "H", "E"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, recent.map(([p, r]) => h("tr", {},
        h("th", { scope: "row" }, h("button", { type: "button", class: "link", onclick: () => go({ view: "profile", state: p.state }) },
          `${p.name} (${p.state})`)),
        r ? [h("td", {}, span(r.years)), h("td", { class: "num" }, num(r.values[k(p)])), h("td", {}, r.stance),
          h("td", { class: "num" }, num(r.hedging)), h("td", { class: "num" }, num(r.engagement))]
          : h("td", { colspan: 5, class: "muted" }, "not among this state's recent stances"))))));
  draw(f.box, yearChart(years, series));
  document.title = `${ok.map((p) => p.state).join(", ")} compared · multipolar`;
  setStatus(errors.length ? "error" : "ready",
    errors.length ? `Error: ${errors.map(([s, e]) => `${s}: ${e.message}`).join("; ")}` : `Compared ${ok.map((p) => p.state).join(", ")}`);
}

// ----- system

async function renderSystem(current) {
  const body = $("#system-body");
  const year = S.year ?? SYSTEM_YEAR;
  setStatus("loading", `Loading the system of ${year}…`);
  let sys;
  let pol;
  try {
    [sys, pol] = await Promise.all([api("system", { year }), api("polarity", { from: 1816, to: 2022 })]);
  } catch (e) {
    if (!current()) return;
    disposeCharts(body);
    body.replaceChildren(errorBox(e, () => {}));
    setStatus("error", `Error: ${e.message}`);
    return;
  }
  if (!current()) return;
  disposeCharts(body);
  const blocs = sys.rows.slice().sort((a, b) => b.size - a.size);
  const first = blocs[0] || {};
  const mine = S.state ? blocs.find((b) => b.members.split(" ").includes(S.state)) : null;
  const bars = figure("chart-blocs", `UN voting blocs in ${year}`, sys.meta.blocs, `Sizes of the UN voting blocs in ${year}`);
  const line = figure("chart-polarity", "Polarity of the system",
    "CON (left) and effective number of poles (right) among the major powers; click a year to show its blocs",
    "Polarity of the system over the years");
  body.replaceChildren(
    h("p", { id: "system-summary" }, `${year}: ${blocs.length} blocs, modularity Q = ${num(first.modularity, 3)}, `,
      `CON = ${num(first.con, 3)}, effective number of poles = ${num(first.poles, 2)}.`,
      mine ? ` ${S.state} is in ${mine.bloc} (anchor ${mine.anchor}).` : ""),
    h("div", { class: "grid" }, bars.el, line.el),
    h("div", { class: "scroll" }, h("table", { id: "blocs" },
      h("caption", {}, `Blocs: ${sys.meta.brokers}`),
      h("thead", {}, h("tr", {}, ["bloc", "anchor", "size", "brokers (betweenness)", "members"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, blocs.map((b) => h("tr", {},
        h("th", { scope: "row" }, b.bloc), h("td", {}, b.anchor), h("td", { class: "num" }, b.size), h("td", {}, b.brokers),
        h("td", { class: "members" }, b.members.split(" ").map((m) => [h("button", {
          type: "button", class: m === S.state ? "link me" : "link", onclick: () => go({ view: "profile", state: m }),
        }, m), " "]))))))),
    h("p", { class: "muted" }, sys.meta.polarity));
  draw(bars.box, {
    tooltip: {
      trigger: "item",
      formatter: (it) => `${it.name}: <b>${it.value}</b> states<br>brokers: ${blocs[it.dataIndex].brokers}`,
    },
    grid: { left: 8, right: 16, top: 34, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: blocs.map((b) => `${b.bloc} (${b.anchor})`) },
    yAxis: { type: "value", name: "states" },
    series: [{
      name: "size", type: "bar",
      data: blocs.map((b, i) => ({ value: b.size, itemStyle: { color: COLORS[i % COLORS.length] } })),
    }],
  });
  const years = pol.rows.map((r) => r.year);
  const opt = yearChart(years, [
    { name: "CON", color: COLORS[0], symbol: "none", data: pol.rows.map((r) => r.con), markLine: {
      symbol: "none", label: { formatter: String(year) }, lineStyle: { color: "#222" }, data: [{ xAxis: String(year) }],
    } },
    { name: "effective poles", color: COLORS[3], symbol: "none", yAxisIndex: 1, data: pol.rows.map((r) => r.poles) },
  ]);
  opt.yAxis = [{ ...opt.yAxis, name: "CON" }, { type: "value", name: "poles", scale: true, splitLine: { show: false } }];
  const chart = draw(line.box, opt);
  chart.getZr().on("click", (e) => {
    const [x] = chart.convertFromPixel({ seriesIndex: 0 }, [e.offsetX, e.offsetY]);
    if (years[x] != null && years[x] !== year) go({ year: years[x] });
  });
  setStatus("ready", `The system in ${year}`);
  document.title = `The system in ${year} · multipolar`;
}

render();
