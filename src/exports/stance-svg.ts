import { isoDay } from "../http/dashboard/dates.js";
import { OPEN_START, stanceLanes, type Band } from "../http/dashboard/lanes.js";
import { POSITIONS, markOf } from "../http/dashboard/positions.js";
import { lanesEnd, type Window } from "../http/dashboard/window.js";
import type { StateDocument } from "../engine/document.ts";
import type { TimelineEntry } from "../engine/basis.ts";
import { xml } from "./xml.ts";

const WIDTH = 1000;
const LEFT = 240;
const RIGHT = 16;
const TOP = 28;
const LANE = 24;

export interface StanceSvgInput {
  /** The state at the record's last day: its stance histories give every change, corrections applied. */
  doc: StateDocument;
  entries: TimelineEntry[];
  mode: "valid" | "record";
  window: Window;
  knownAt: string;
}

/**
 * The stance chart as a standalone SVG file: the page's lanes (the same lanes.js), drawn
 * without a browser. Each band carries data-lane, data-position, data-from and data-to, as
 * the page's do, and a <title> saying what it shows.
 */
export function stanceSvg({ doc, entries, mode, window, knownAt }: StanceSvgInput): string {
  const reportedAt = new Map(entries.map((e) => [e.eventId, e.reportedAt ?? e.recordedAt]));
  const lanes = stanceLanes(doc, { mode, end: lanesEnd(window, entries), reportedAt });
  const height = TOP + lanes.length * LANE + 60;
  const x = (day: number) => LEFT + ((Math.min(Math.max(day, window.from), window.to) - window.from) / (window.to - window.from)) * (WIDTH - LEFT - RIGHT);
  const visible = (b: Band) => b.to > window.from && b.from < window.to;
  const band = (b: Band, row: number) => {
    const colour = POSITIONS[b.position]?.colour ?? "#6b7385";
    const [x1, x2, y] = [x(b.from), x(b.to), TOP + row * LANE + 2];
    const title = `${b.label}: ${b.position}${b.tentative ? " (tentative)" : ""}${b.single ? ", single source" : ""}, ${b.openStart ? "no earlier bound" : isoDay(b.from)} to ${isoDay(b.to - 1)}`;
    const attrs = `data-lane="${xml(b.lane)}" data-position="${xml(b.position)}" data-from="${b.openStart ? "open" : isoDay(b.from)}" data-to="${isoDay(b.to - 1)}" data-tentative="${b.tentative}"`;
    const mark = `${b.from === OPEN_START || b.from < window.from ? "◂" : ""}${markOf(b.position)}${b.single ? "¹" : ""}`;
    return `  <g><title>${xml(title)}</title><rect ${attrs} x="${x1.toFixed(1)}" y="${y}" width="${Math.max(0, x2 - x1).toFixed(1)}" height="${LANE - 4}" fill="${colour}"${b.tentative ? ' fill-opacity="0.4"' : ""}/>${b.tentative ? `<rect x="${x1.toFixed(1)}" y="${y}" width="${Math.max(0, x2 - x1).toFixed(1)}" height="${LANE - 4}" fill="url(#hatch)"/>` : ""}<text x="${(x1 + 4).toFixed(1)}" y="${y + LANE / 2 + 2}" fill="#fff" stroke="#1d2433" stroke-width="2.5" paint-order="stroke" font-weight="700">${xml(mark)}</text></g>`;
  };
  const step = Math.max(1, Math.ceil((window.to - window.from) / 8));
  const ticks = [];
  for (let d = window.from; d <= window.to; d += step)
    ticks.push(
      `  <line x1="${x(d).toFixed(1)}" x2="${x(d).toFixed(1)}" y1="${TOP}" y2="${TOP + lanes.length * LANE}" stroke="#e2e6ee"/><text x="${x(d).toFixed(1)}" y="${TOP + lanes.length * LANE + 16}" text-anchor="middle">${isoDay(d).slice(5)}</text>`,
    );
  const title = `Stances by ${mode === "record" ? "the day each was reported" : "the day each happened"}, ${isoDay(window.from)} to ${isoDay(window.to - 1)}, as known at ${knownAt} (${doc.vocabulary.negotiations[0]?.id ?? "all negotiations"})`;
  return `<?xml version="1.0" encoding="utf-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="11" role="img" aria-label="${xml(title)}">
  <title>${xml(title)}</title>
  <defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="2" height="6" fill="#1d2433" fill-opacity="0.45"/></pattern></defs>
  <text x="8" y="16" font-weight="700">${xml(title)}</text>
${ticks.join("\n")}
${lanes
  .map(
    (l, row) =>
      `  <text x="${LEFT - 6}" y="${TOP + row * LANE + LANE / 2 + 4}" text-anchor="end">${xml(l.label)}</text>\n${l.bands
        .filter(visible)
        .map((b) => band(b, row))
        .join("\n")}`,
  )
  .join("\n")}
  <text x="8" y="${height - 26}" fill="#5d6678">${xml(
    Object.entries(POSITIONS)
      .map(([p, { mark }]) => `${mark} ${p}`)
      .join("   "),
  )}</text>
  <text x="8" y="${height - 10}" fill="#5d6678">hatched: tentative (the day falls inside the date range of the report) · ¹ single source · ◂ no earlier bound</text>
</svg>
`;
}
