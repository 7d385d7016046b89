import { line, scaleLinear, scaleLog } from "d3";
import type { ScalingPoint } from "./scaling.ts";

/** One panel per figure; a figure with two series (p50, p99) draws both. */
const PANELS: { title: string; series: { label: string; value: (p: ScalingPoint) => number }[] }[] = [
  { title: "rebuild (events/s)", series: [{ label: "rebuild", value: (p) => p.rebuildEventsPerSec }] },
  {
    title: "stateAt (ms)",
    series: [
      { label: "p50", value: (p) => p.stateAtP50Ms },
      { label: "p99", value: (p) => p.stateAtP99Ms },
    ],
  },
  { title: "append, 1,000-event batches (events/s)", series: [{ label: "append", value: (p) => p.appendBatchEventsPerSec }] },
  { title: "peak RSS, engine (MB)", series: [{ label: "RSS", value: (p) => p.rssMb }] },
];

const WIDTH = 320;
const HEIGHT = 220;
const MARGIN = { top: 28, right: 44, bottom: 36, left: 64 };
const COLOURS = ["#1f77b4", "#d62728"];
const label = (x: number) => (x >= 1e6 ? `${x / 1e6}M` : x >= 1e3 ? `${x / 1e3}k` : String(Math.round(x * 100) / 100));
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A panel: events on a log axis (100k to 1M), the figure on a linear one from zero, so "flat" and "linear" read as such. */
function panel(points: ScalingPoint[], spec: (typeof PANELS)[number], dx: number): string {
  const x = scaleLog()
    .domain([points[0]!.events, points[points.length - 1]!.events])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const top = Math.max(...spec.series.flatMap((s) => points.map(s.value)));
  const y = scaleLinear()
    .domain([0, top])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const parts = [`<g transform="translate(${dx},0)">`, `<text x="${MARGIN.left}" y="16" font-weight="bold">${escape(spec.title)}</text>`];
  for (const t of y.ticks(4))
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/><text x="${MARGIN.left - 6}" y="${y(t) + 4}" text-anchor="end">${label(t)}</text>`,
    );
  for (const p of points) parts.push(`<text x="${x(p.events)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${label(p.events)}</text>`);
  spec.series.forEach((s, i) => {
    const path = line<ScalingPoint>()
      .x((p) => x(p.events))
      .y((p) => y(s.value(p)))(points);
    parts.push(`<path d="${path}" fill="none" stroke="${COLOURS[i]}" stroke-width="2"/>`);
    for (const p of points) parts.push(`<circle cx="${x(p.events)}" cy="${y(s.value(p))}" r="3" fill="${COLOURS[i]}"/>`);
    if (spec.series.length > 1) parts.push(`<text x="${WIDTH - MARGIN.right + 4}" y="${y(s.value(points[points.length - 1]!)) + 4}" fill="${COLOURS[i]}">${s.label}</text>`);
  });
  parts.push(`<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 6}" text-anchor="middle">events in the store</text>`, "</g>");
  return parts.join("\n");
}

/**
 * The scaling table as an SVG of four panels, drawn with d3's scales and line generator
 * and written as text: Observable Plot needs a DOM to render, and this repo has no DOM shim
 * for Node (no jsdom or linkedom), so Plot cannot run here.
 */
export function scalingChart(points: ScalingPoint[], caption: string): string {
  const width = WIDTH * PANELS.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT + 24}" viewBox="0 0 ${width} ${HEIGHT + 24}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...PANELS.map((spec, i) => panel(points, spec, i * WIDTH)),
    `<text x="8" y="${HEIGHT + 16}" fill="#555">${escape(caption)}</text>`,
    "</svg>",
  ].join("\n");
}
