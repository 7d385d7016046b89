// Stances over time, drawn with Observable Plot (the UMD build, loaded from /vendor/ as a plain script).

import { isoDay } from "./dates.js";
import { el } from "./dom.js";
import { POSITIONS, markOf } from "./positions.js";
import { showSources } from "./sources.js";
import { OPEN_START } from "./lanes.js";
import { adopt, dateOf, hatch } from "./plot-svg.js";

const quoteOf = (change) => change.sources.map((s) => s.quoteClean ?? s.quote).find(Boolean) ?? change.summary;

function describe(b) {
  const when = b.openStart ? `until ${isoDay(b.to)} (no earlier bound)` : `${isoDay(b.from)} to ${isoDay(b.to - 1)}`;
  return `${b.label}: ${b.position}${b.tentative ? " (tentative: inside the date range of the report)" : ""}${b.single ? ", single source" : ""}, ${when}. ${b.speaker ? `${b.speaker}: ` : ""}“${quoteOf(b.change)}”`;
}

/** Each band rect becomes a keyboard-reachable button that says what it shows and opens its sources. */
function wire(svg, selector, bands) {
  const rects = svg.querySelectorAll(`g.${selector} rect`);
  if (rects.length !== bands.length) throw new Error(`the chart drew ${rects.length} ${selector} for ${bands.length} bands`);
  rects.forEach((rect, i) => {
    const b = bands[i];
    Object.assign(rect.dataset, {
      lane: b.lane,
      position: b.position,
      from: b.openStart ? "open" : isoDay(b.from),
      to: isoDay(b.to - 1),
      tentative: String(b.tentative),
      single: String(b.single),
    });
    rect.setAttribute("tabindex", "0");
    rect.setAttribute("role", "button");
    rect.setAttribute("aria-label", describe(b));
    const open = () => showSources(`${b.label}: ${b.position}`, b.change.sources);
    rect.addEventListener("click", open);
    rect.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), open()));
  });
}

/**
 * The chart for `lanes` over `window` ({from, to} in days), with a rule at the chosen day.
 * Tentative spans are translucent and hatched; each band starts with its position's mark,
 * "¹" marks a single source, "◂" a start the sources leave open.
 */
export function stanceChart(lanes, { window, at, width, mode }) {
  const bands = lanes.flatMap((l) => l.bands);
  if (!bands.length) return el("p", { class: "empty" }, "No stance recorded.");
  const narrow = width < 600;
  const positions = Object.keys(POSITIONS);
  const x = (k) => (d) => dateOf(d[k]);
  const sure = bands.filter((b) => !b.tentative);
  const tentative = bands.filter((b) => b.tentative);
  // On a phone the lane names go above the bands, so the bands keep the whole width.
  const inset = narrow ? { insetTop: 13, insetBottom: 1 } : { inset: 2 };
  const svg = Plot.plot({
    width,
    height: lanes.length * (narrow ? 34 : 24) + 50,
    marginLeft: narrow ? 8 : 230,
    marginRight: narrow ? 8 : 12,
    x: { type: "utc", domain: [dateOf(window.from), dateOf(window.to)], label: mode === "record" ? "reported on →" : "happened on →", grid: true, ticks: narrow ? 4 : 8 },
    y: { domain: lanes.map((l) => l.label), label: null, tickSize: 0, ...(narrow ? { axis: null } : {}) },
    color: { domain: positions, range: positions.map((p) => POSITIONS[p].colour) },
    marks: [
      narrow ? Plot.text(lanes, { y: "label", text: "label", frameAnchor: "left", textAnchor: "start", dy: -8, fontSize: 10, ariaHidden: true }) : null,
      Plot.barX(sure, { x1: x("from"), x2: x("to"), y: "label", fill: "position", ...inset, clip: true, className: "bands", title: describe }),
      Plot.barX(tentative, { x1: x("from"), x2: x("to"), y: "label", fill: "position", fillOpacity: 0.4, ...inset, clip: true, className: "tentative-bands", title: describe }),
      Plot.barX(tentative, { x1: x("from"), x2: x("to"), y: "label", fill: "url(#parley-hatch)", ...inset, clip: true, ariaHidden: true }),
      Plot.text(bands, {
        x: (d) => dateOf(Math.max(d.from, window.from)),
        y: "label",
        dy: narrow ? 6 : 0,
        clip: true,
        textAnchor: "start",
        dx: 4,
        fill: "white",
        stroke: "#1d2433",
        strokeWidth: 2.5,
        paintOrder: "stroke",
        fontWeight: 700,
        ariaHidden: true,
        text: (d) => `${d.from === OPEN_START || d.from < window.from ? "◂" : ""}${markOf(d.position)}${d.single ? "¹" : ""}`,
      }),
      Plot.ruleX([dateOf(at + 0.5)], { stroke: "#2856c7", strokeWidth: 2, className: "state-on", ariaHidden: true }),
    ],
  });
  adopt(svg, { role: "group", label: `Stances over ${mode === "record" ? "transaction time (what the record showed)" : "valid time"}; the line marks ${isoDay(at)}` });
  hatch(svg);
  wire(svg, "bands", sure);
  wire(svg, "tentative-bands", tentative);
  svg.dataset.testid = "stance-chart";
  return svg;
}

/** The key: each position's colour, mark and word. */
export const stanceLegend = () =>
  el(
    "ul",
    { class: "legend", "aria-label": "positions" },
    Object.entries(POSITIONS).map(([p, { mark }]) => el("li", { class: `swatch swatch-${p}` }, el("span", { class: "chip", "aria-hidden": "true" }, mark), p)),
    el("li", { class: "swatch swatch-tentative" }, el("span", { class: "chip", "aria-hidden": "true" }), "hatched: tentative"),
    el("li", {}, "¹ single source · ◂ no earlier bound"),
  );
