// The dashboard's controller: which moment to show, fetching it, and following the record live.

import { NeedsToken, askForToken, useLinkedToken } from "./access.js";
import { dayOf, firstDay, isoDay, lastDay, today } from "./dates.js";
import { byId, fill } from "./dom.js";
import { renderDisputes, renderMeetings, renderPeople, renderPlans, renderStances, renderTimeline, useVocabulary } from "./render.js";
import { wireRecorder } from "./record.js";
import { citeView, exportLinks } from "./share.js";
import { compareUrl, renderComparison, renderVersions } from "./compare.js";
import { stanceLanes } from "./lanes.js";
import { stanceChart, stanceLegend } from "./stance-chart.js";
import { timelineChart } from "./timeline-chart.js";
import { densePeriod, lanesEnd, pan, wholeRecord, zoom } from "./window.js";

const view = {
  /** The chosen negotiation; null only while the store holds none. */
  negotiation: null,
  /** The store's negotiations with their spans, from /api/negotiations. */
  negotiations: [],
  /** The chosen valid time, in days since 1970; null until the history's range is known. */
  at: null,
  /** The chosen transaction time ("what the record showed on"), or null for "everything known now". */
  knownAt: null,
  range: { min: today(), max: today() },
  /** How the stance chart is plotted: "valid" (when it happened) or "record" (when it was reported). */
  mode: "valid",
  /** The days the pictures show ({from, to}); null for the dense period. */
  window: null,
  /** Two moments to compare ({by: "at" | "knownAt", from, to} in days), or null. */
  compare: null,
  /** The whole history's document (for the stance chart's lanes), per knownAt. */
  full: new Map(),
  /** The developments, per knownAt, until a live event makes them stale. */
  timeline: new Map(),
  /** Keys of the things the latest live event changed, highlighted once. */
  changed: new Set(),
  generation: 0,
};

async function fetchJson(url) {
  const res = await fetch(url);
  const body = await res.json();
  if (res.status === 401 || res.status === 403) throw new NeedsToken(body.error);
  if (!res.ok) throw new Error(body.error ?? `${url}: HTTP ${res.status}`);
  return { body, next: /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("Link") ?? "")?.[1] };
}

const getJson = async (url) => (await fetchJson(url)).body;

/** A history, page by page: /api/history sends a Link rel="next" while more entries follow. */
async function getHistory(url) {
  const entries = [];
  for (let next = url; next;) {
    const page = await fetchJson(next);
    entries.push(...page.body);
    next = page.next;
  }
  return entries;
}

const knownParam = () =>
  (view.knownAt === null ? "" : `&knownAt=${isoDay(view.knownAt)}`) + (view.negotiation === null ? "" : `&negotiation=${encodeURIComponent(view.negotiation)}`);

/** Every development of the negotiation, as the record stood at the chosen knownAt. */
async function timeline() {
  const key = `${view.negotiation ?? ""}@${view.knownAt ?? "now"}`;
  if (!view.timeline.has(key)) {
    const entries = getHistory(`/api/history?${knownParam().slice(1)}`);
    entries.catch(() => view.timeline.delete(key)); // a failed fetch is tried again next time
    view.timeline.set(key, entries);
  }
  return view.timeline.get(key);
}

/** The state at the record's last day, whose stance histories give the chart every change (corrections applied). */
async function fullDocument(entries) {
  const key = `${view.negotiation ?? ""}@${view.knownAt ?? "now"}`;
  if (!view.full.has(key)) {
    const last = entries.length ? Math.max(...entries.map((e) => lastDay(e.occurredAtRange))) : today();
    const doc = getJson(`/api/state?at=${isoDay(last)}${knownParam()}`);
    doc.catch(() => view.full.delete(key));
    view.full.set(key, doc);
  }
  return view.full.get(key);
}

/** The slider spans the dense period (one event dated "2025" must not squeeze the talks into a sliver). */
function setRange(entries) {
  if (!entries.length) return;
  const followLatest = view.at === null || view.at === view.range.max;
  const dense = densePeriod(entries);
  view.range = { min: dense.from + 1, max: Math.max(...entries.map((e) => lastDay(e.occurredAtRange))) };
  if (followLatest) view.at = view.range.max;
}

function syncControls() {
  const slider = byId("at-slider");
  Object.assign(slider, { min: view.range.min, max: view.range.max });
  slider.value = String(Math.min(Math.max(view.at, view.range.min), view.range.max));
  byId("at-date").value = isoDay(view.at);
  byId("range-start").textContent = isoDay(view.range.min);
  byId("range-end").textContent = isoDay(view.range.max);
  byId("known-toggle").checked = view.knownAt !== null;
  byId("known-date").disabled = view.knownAt === null;
  if (view.knownAt !== null) byId("known-date").value = isoDay(view.knownAt);
  for (const radio of document.querySelectorAll('input[name="mode"]')) radio.checked = radio.value === view.mode;
  writeHash();
}

/** The view as a link: a choice the reader made is a new history entry, so back and forward step through them. */
function writeHash() {
  const params = new URLSearchParams();
  if (view.negotiation !== null) params.set("negotiation", view.negotiation);
  params.set("at", isoDay(view.at));
  if (view.knownAt !== null) params.set("knownAt", isoDay(view.knownAt));
  params.set("view", view.mode);
  if (view.window) params.set("window", `${isoDay(view.window.from)}..${isoDay(view.window.to)}`);
  if (view.compare) params.set("compare", `${view.compare.by}:${isoDay(view.compare.from)}..${isoDay(view.compare.to)}`);
  const hash = `#${params}`;
  if (hash === location.hash) return;
  if (view.pushNext) history.pushState(null, "", hash);
  else history.replaceState(null, "", hash);
  view.pushNext = false;
}

/** The slider's track shows each development as a bar as wide as its date range. */
function drawTrack(entries) {
  const width = Math.max(1, view.range.max - view.range.min);
  fill(
    "track",
    entries.map((e) => {
      const bar = document.createElement("span");
      const from = firstDay(e.occurredAtRange) - view.range.min;
      bar.style.left = `${(from / width) * 100}%`;
      bar.style.width = `${Math.max(0.6, ((lastDay(e.occurredAtRange) - view.range.min - from + 1) / width) * 100)}%`;
      return bar;
    }),
  );
}

function describeMoment(doc) {
  const known = view.knownAt === null ? "as known now" : `as the record stood on ${isoDay(view.knownAt)}`;
  const moment = byId("moment");
  moment.replaceChildren(
    "State at the end of ",
    Object.assign(document.createElement("time"), { textContent: isoDay(view.at), dateTime: isoDay(view.at) }),
    ` (UTC), ${known}. Record position ${doc.position}.`,
  );
  moment.querySelector("time").dataset.testid = "state-at";
  if (doc.tentative) moment.append(" Facts marked ~ may not have happened yet on this day.");
}

/** The two pictures, drawn for the width they have now. */
function renderPictures(full, entries) {
  const window = view.window ?? densePeriod(entries) ?? { from: view.at - 7, to: view.at + 7 };
  const reportedAt = new Map(entries.map((e) => [e.eventId, e.reportedAt ?? e.recordedAt]));
  const lanes = stanceLanes(full, { mode: view.mode, end: lanesEnd(window, entries), reportedAt });
  const width = (id) => Math.max(320, byId(id).clientWidth || 320);
  fill("stance-chart", stanceChart(lanes, { window, at: view.at, width: width("stance-chart"), mode: view.mode }));
  fill("stance-legend", stanceLegend());
  fill("timeline-chart", timelineChart(entries, { window, at: view.at, width: width("timeline-chart"), onPick: (day) => choose({ at: day }) }));
  byId("window-label").textContent = `${isoDay(window.from)} to ${isoDay(window.to - 1)}`;
  view.shown = window;
  view.drawn = { full, entries };
}

function render(doc, entries, full) {
  describeMoment(doc);
  useVocabulary(doc);
  fill("plans-body", renderPlans(doc, view.changed));
  fill("stances-body", renderStances(doc, view.changed));
  fill("disputes-body", renderDisputes(doc, view.changed));
  fill("meetings-body", renderMeetings(doc, view.changed));
  fill("people-body", renderPeople(doc, view.changed));
  fill(
    "timeline-body",
    renderTimeline(entries, view.at, (day) => choose({ at: day })),
  );
  drawTrack(entries);
  renderPictures(full, entries);
  fill("export-links", exportLinks(view));
  fill("versions-body", renderVersions(doc));
  view.changed = new Set();
}

/** The comparison the view asks for, with its sources from the history as known at its later moment. */
async function showComparison(generation) {
  if (!view.compare) return fill("compare-body");
  const { by, from, to } = view.compare;
  byId("compare-from").value = isoDay(from);
  byId("compare-to").value = isoDay(to);
  for (const radio of document.querySelectorAll('input[name="compare-by"]')) radio.checked = radio.value === by;
  const known = by === "knownAt" ? to : view.knownAt;
  const negotiation = view.negotiation === null ? "" : `&negotiation=${encodeURIComponent(view.negotiation)}`;
  const [report, entries] = await Promise.all([getJson(compareUrl(view)), getHistory(`/api/history?${known === null ? "" : `knownAt=${isoDay(known)}`}${negotiation}`)]);
  if (generation === view.generation) fill("compare-body", renderComparison(report, entries, view));
}

function showProblem(message) {
  const problem = byId("problem");
  problem.hidden = !message;
  problem.textContent = message ?? "";
}

/**
 * The store's negotiations. One is always chosen (the one in the link, else the bundled
 * one, else the first): its vocabulary gives the stance matrix its rows and columns, and the
 * whole record at once would mix entities of unrelated talks. The picker shows once there are two.
 */
const BUNDLED = "ukraine-2025";

async function loadNegotiations() {
  view.negotiations = await getJson("/api/negotiations");
  const names = view.negotiations.map((n) => n.name);
  byId("negotiation-row").hidden = names.length <= 1;
  if (names.length === 0) return void (view.negotiation = null);
  if (!names.includes(view.negotiation)) view.negotiation = names.includes(BUNDLED) ? BUNDLED : names[0];
  fill(
    "negotiation",
    view.negotiations.map((n) => Object.assign(document.createElement("option"), { value: n.name, textContent: `${n.title ?? n.name} (${n.developments})` })),
  );
  byId("negotiation").value = view.negotiation;
  const chosen = view.negotiations.find((n) => n.name === view.negotiation);
  byId("tagline").textContent = `${chosen?.title ?? `The negotiation “${view.negotiation}”`}, rebuilt from the reports about it`;
  byId("negotiation-span").textContent = chosen?.span ? `${chosen.developments} development${chosen.developments === 1 ? "" : "s"}, ${chosen.span}` : "";
}

/** Fetches and renders the chosen moment; a slower answer to an older choice is dropped. */
async function refresh() {
  const generation = ++view.generation;
  try {
    const entries = await timeline();
    setRange(entries);
    syncControls();
    const [doc, full] = await Promise.all([getJson(`/api/state?at=${isoDay(view.at)}${knownParam()}`), fullDocument(entries)]);
    if (generation !== view.generation) return;
    showProblem(null);
    view.doc = doc;
    render(doc, entries, full);
    await showComparison(generation);
  } catch (err) {
    if (err instanceof NeedsToken) return void askForToken(err.message).then(refresh);
    if (generation === view.generation) showProblem(`Could not load the record: ${err.message}`);
  }
}

function choose(change) {
  Object.assign(view, change, { pushNext: true });
  void refresh();
}

function setLive(state, text) {
  const live = byId("live-status");
  live.dataset.state = state;
  live.textContent = text;
}

/** Follows the record: each appended event re-renders the chosen moment, highlighting what it changed. */
function follow() {
  const source = new EventSource("/api/subscribe");
  source.addEventListener("ready", () => setLive("live", "live"));
  source.addEventListener("message", (message) => {
    const { changes, negotiation } = JSON.parse(message.data);
    const known = negotiation === null || view.negotiations.some((n) => n.name === negotiation);
    const onScreen = view.negotiation === null || negotiation === null || negotiation === view.negotiation;
    // Another negotiation's event changes nothing on screen: with many negotiations written
    // to at once, refetching on each would cost every dashboard a request per write.
    if (known && !onScreen) return;
    if (onScreen) for (const c of changes) view.changed.add(c.key);
    view.timeline.clear();
    view.full.clear();
    void loadNegotiations().then(refresh, (err) => showProblem(`Could not load the negotiations: ${err.message}`));
  });
  source.addEventListener("shutdown", () => setLive("down", "server stopped; reconnecting…"));
  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) {
      // The server refused the stream (e.g. a different store): start afresh.
      setLive("down", "disconnected; retrying…");
      setTimeout(() => {
        view.timeline.clear();
        view.full.clear();
        void refresh();
        follow();
      }, 5000);
    } else setLive("down", "reconnecting…");
  });
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const day = (name) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(name) ?? "") ? dayOf(`${params.get(name)}T00:00:00Z`) : null);
  const [from, to] = (params.get("window") ?? "").split("..");
  const compared = /^(at|knownAt):(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(params.get("compare") ?? "");
  const compare = compared ? { by: compared[1], from: dayOf(`${compared[2]}T00:00:00Z`), to: dayOf(`${compared[3]}T00:00:00Z`) } : null;
  const window = /^\d{4}-\d{2}-\d{2}$/.test(from ?? "") && /^\d{4}-\d{2}-\d{2}$/.test(to ?? "") ? { from: dayOf(`${from}T00:00:00Z`), to: dayOf(`${to}T00:00:00Z`) } : null;
  return {
    at: day("at"),
    knownAt: day("knownAt"),
    negotiation: params.get("negotiation"),
    mode: params.get("view") === "record" ? "record" : "valid",
    window: window && window.to > window.from ? window : null,
    compare,
  };
}

function wireControls() {
  byId("at-slider").addEventListener("input", (e) => choose({ at: Number(e.target.value) }));
  byId("at-date").addEventListener("change", (e) => e.target.value && choose({ at: dayOf(`${e.target.value}T00:00:00Z`) }));
  byId("at-latest").addEventListener("click", () => choose({ at: view.range.max }));
  byId("known-toggle").addEventListener("change", (e) => choose({ knownAt: e.target.checked ? view.at : null }));
  byId("known-date").addEventListener("change", (e) => e.target.value && choose({ knownAt: dayOf(`${e.target.value}T00:00:00Z`) }));
  for (const radio of document.querySelectorAll('input[name="mode"]')) radio.addEventListener("change", (e) => e.target.checked && choose({ mode: e.target.value }));
  const shown = () => view.window ?? view.shown;
  byId("zoom-in").addEventListener("click", () => choose({ window: zoom(shown(), 0.5) }));
  byId("zoom-out").addEventListener("click", () => choose({ window: zoom(shown(), 2) }));
  byId("pan-earlier").addEventListener("click", () => choose({ window: pan(shown(), -0.25) }));
  byId("pan-later").addEventListener("click", () => choose({ window: pan(shown(), 0.25) }));
  byId("window-dense").addEventListener("click", () => choose({ window: null }));
  byId("window-all").addEventListener("click", async () => choose({ window: wholeRecord(await timeline()) }));
  byId("cite").addEventListener("click", () => citeView(view));
  byId("compare-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const day = (id) => dayOf(`${byId(id).value}T00:00:00Z`);
    const by = document.querySelector('input[name="compare-by"]:checked').value;
    choose({ compare: { by, from: day("compare-from"), to: day("compare-to") } });
  });
  // A phone turned sideways gets the charts redrawn for its new width, from what was fetched.
  let resizing;
  addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => view.drawn && renderPictures(view.drawn.full, view.drawn.entries), 150);
  });
  // Back and forward restore the view the link describes, without adding an entry of their own.
  addEventListener("popstate", () => {
    const linked = readHash();
    const negotiationChanged = linked.negotiation !== null && linked.negotiation !== view.negotiation;
    Object.assign(view, linked, { negotiation: linked.negotiation ?? view.negotiation, pushNext: false });
    void (negotiationChanged ? loadNegotiations().then(refresh) : refresh());
  });
  // Another negotiation has its own span: show its latest state, not a day picked for the last one.
  byId("negotiation").addEventListener("change", (e) => {
    view.negotiation = e.target.value;
    view.at = null;
    view.window = null;
    view.pushNext = true;
    void loadNegotiations().then(refresh);
  });
}

/** The negotiations; on a server whose reads need a token, only once the token is given. */
async function loadNegotiationsWithToken() {
  for (;;) {
    try {
      return await loadNegotiations();
    } catch (err) {
      if (!(err instanceof NeedsToken)) return showProblem(`Could not load the negotiations: ${err.message}`);
      await askForToken(err.message);
    }
  }
}

async function start() {
  wireControls();
  wireRecorder(() => ({ negotiation: view.negotiation, doc: view.doc }));
  await useLinkedToken();
  Object.assign(view, readHash());
  await loadNegotiationsWithToken();
  await refresh();
  follow();
}

void start();
