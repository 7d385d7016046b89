// The developments on a horizontal time axis: a day is a point, a longer range a bar of its
// true width, an open range a bar clipped at the window's edge and marked "◂".

import { firstDay, formatWhen, isoDay, lastDay } from "./dates.js";
import { el } from "./dom.js";
import { OPEN_START } from "./lanes.js";
import { adopt, dateOf } from "./plot-svg.js";
import { showSources } from "./sources.js";

const DAY_MS = 86_400_000;

function placed(e) {
  const r = e.occurredAtRange;
  const from = r.from ? firstDay(r) : OPEN_START;
  const to = lastDay(r) + 1;
  return { entry: e, from, to, day: to - from <= 1, open: !r.from, row: e.type };
}

function describe(p) {
  return `${formatWhen(p.entry.occurredAt, p.entry.occurredAtRange)}${p.open ? " (no earlier bound)" : ""}: ${p.entry.summary}`;
}

/**
 * The chart; `onPick(day)` is called when a drag across it ends. Keyboard users have the
 * slider, the date field and the zoom buttons beside it.
 */
export function timelineChart(entries, { window, at, width, onPick }) {
  if (!entries.length) return el("p", { class: "empty" }, "No development recorded.");
  const all = entries.map(placed);
  const points = all.filter((p) => p.day);
  const bars = all.filter((p) => !p.day);
  const rows = [...new Set(all.map((p) => p.row))];
  const narrow = width < 600;
  const svg = Plot.plot({
    width,
    height: rows.length * 22 + 50,
    marginLeft: narrow ? 120 : 150,
    marginRight: 12,
    x: { type: "utc", domain: [dateOf(window.from), dateOf(window.to)], label: "happened on →", grid: true, ticks: narrow ? 4 : 8 },
    y: { domain: rows, label: null, tickSize: 0 },
    marks: [
      Plot.barX(bars, {
        x1: (p) => dateOf(p.from),
        x2: (p) => dateOf(p.to),
        y: "row",
        fill: "#2856c7",
        fillOpacity: 0.3,
        inset: 4,
        clip: true,
        title: describe,
        className: "ranges",
      }),
      Plot.text(
        bars.filter((p) => p.open || p.from < window.from),
        { x: () => dateOf(window.from), y: "row", text: () => "◂", textAnchor: "start", dx: 2, fill: "#2856c7", fontWeight: 700, ariaHidden: true },
      ),
      Plot.dot(points, { x: (p) => dateOf(p.from + 0.5), y: "row", r: 4, fill: "#2856c7", clip: true, title: describe, className: "days" }),
      Plot.ruleX([dateOf(at + 0.5)], { stroke: "#b3261e", strokeWidth: 2, className: "state-on", ariaHidden: true }),
    ],
  });
  adopt(svg, { role: "img", label: `Every development on a time axis, ${isoDay(window.from)} to ${isoDay(window.to - 1)}; the red line marks ${isoDay(at)}` });
  svg.dataset.testid = "timeline-chart";
  for (const [label, list] of [
    ["ranges", bars],
    ["days", points],
  ]) {
    svg.querySelectorAll(`g.${label} > *`).forEach((node, i) => {
      node.dataset.event = list[i].entry.eventId;
      node.addEventListener("dblclick", () => showSources(list[i].entry.summary, list[i].entry.sources));
    });
  }
  draggable(svg, width, onPick);
  return svg;
}

/**
 * Pressing and dragging on the chart moves the "state on" line under the pointer; letting go
 * sets that day. Only the line moves during the drag: redrawing would drop the pointer.
 */
function draggable(svg, width, onPick) {
  const x = svg.scale("x");
  const line = svg.querySelector("g.state-on line");
  const dayAt = (event) => {
    const box = svg.getBoundingClientRect();
    const [lo, hi] = x.range;
    const px = Math.min(Math.max(((event.clientX - box.left) / box.width) * width, lo), hi);
    return Math.floor(x.invert(px).getTime() / DAY_MS);
  };
  const moveLine = (day) => line && ["x1", "x2"].forEach((a) => line.setAttribute(a, String(x.apply(dateOf(day + 0.5)))));
  let dragging = false;
  svg.addEventListener("pointerdown", (e) => {
    dragging = true;
    svg.setPointerCapture?.(e.pointerId);
    moveLine(dayAt(e));
  });
  svg.addEventListener("pointermove", (e) => dragging && moveLine(dayAt(e)));
  svg.addEventListener("pointerup", (e) => {
    if (!dragging) return;
    dragging = false;
    onPick(dayAt(e));
  });
  svg.addEventListener("pointercancel", () => void (dragging = false));
}
