import edtf from "edtf";
import type { Precision, ValidTime } from "./valid-time-shape.ts";

/**
 * Valid time in and out as EDTF (ISO 8601-2, levels 0–2), the Library of Congress's
 * format for dates as precise as their sources: `2025-12-02`, `2025-08`,
 * `2025-11-24/2025-11-30`, `../2025-11-20`. edtf.js parses and bounds them; the rules
 * below are Parley's: which forms it takes, and how a stored interval is written back.
 */

/**
 * Bounds of an open range ("before 20 Nov" is `../2025-11-20`): the earliest and latest
 * instants an ISO string can name, so open intervals sort, compare and fold like any other.
 */
export const OPEN_START = "0000-01-01T00:00:00.000Z";
export const OPEN_END = "9999-12-31T23:59:59.999Z";
const precisionOf: Record<number, Precision> = { 0: "instant", 1: "year", 2: "month", 3: "day" };

/** Forms edtf.js reads in a way no writer of a date means, refused with the reason. */
function surprising(text: string): string | undefined {
  // From edtf 2.8.0 a bare run of digits (beyond a year) is read as a Unix timestamp in ms.
  if (/^-?\d{5,}$/.test(text)) return `'${text}' is a bare number, not a date (EDTF would read it as a Unix timestamp)`;
  // A set ("one of") or list ("all of") has no single interval to fold at.
  if (/^[[{]/.test(text)) return `'${text}' is an EDTF set or list; write one date or one interval`;
  return undefined;
}

const iso = (ms: number, open: string) => (Number.isFinite(ms) ? new Date(ms).toISOString() : open);

/** Reads an EDTF string to the stored interval, or says why it cannot. */
export function fromEdtf(text: string, label?: string): ValidTime | string {
  const refused = surprising(text.trim());
  if (refused) return refused;
  let parsed: ReturnType<typeof edtf>;
  try {
    parsed = edtf(text.trim());
  } catch {
    const same = /^([^/]+)\/\1$/.exec(text.trim());
    if (same) return `'${text}' runs from a date to itself: write '${same[1]}'`;
    return `'${text}' is not a date: write EDTF (2025-12-02, 2025-08, 2025-11-24/2025-11-30, ../2025-11-20, 2025-12-02T14:00:00Z) or YYYY-Www`;
  }
  const min = parsed.min ?? -Infinity;
  const max = parsed.max ?? Infinity;
  if (!Number.isFinite(min) && !Number.isFinite(max)) return `'${text}' is open at both ends: give at least one bound`;
  const precision = parsed.type === "Date" ? (precisionOf[parsed.precision ?? -1] ?? "interval") : parsed.type === "Year" ? "year" : "interval";
  const from = iso(min, OPEN_START);
  const to = iso(max, OPEN_END);
  const vt: ValidTime = { precision, from, to };
  if (label !== undefined) vt.label = label;
  // The normalised string is kept only when the bounds and precision would not write it again.
  if (edtfOf(vt) !== parsed.edtf) vt.edtf = parsed.edtf;
  return vt;
}

const day = (instant: string) => instant.slice(0, 10);
const startsADay = (instant: string) => instant.endsWith("T00:00:00.000Z");
const endsADay = (instant: string) => instant.endsWith("T23:59:59.999Z");
const lower = (from: string) => (from === OPEN_START ? ".." : startsADay(from) ? day(from) : from);
const upper = (to: string) => (to === OPEN_END ? ".." : endsADay(to) ? day(to) : to);

/** The EDTF string of a stored interval: what the state, the API, the CLI and exports show. */
export function edtfOf(vt: ValidTime): string {
  if (vt.edtf !== undefined) return vt.edtf;
  switch (vt.precision) {
    case "instant":
      return vt.from;
    case "day":
      return day(vt.from);
    case "month":
      return vt.from.slice(0, 7);
    case "year":
      return vt.from.slice(0, 4);
    case "week":
    case "interval": {
      const [from, to] = [lower(vt.from), upper(vt.to)];
      // EDTF has no interval from a day to itself (edtf.js refuses one): that is the day.
      return from === to ? from : `${from}/${to}`;
    }
  }
}

/** The interval beside the EDTF string, so a script compares dates without parsing EDTF; null bounds are open. */
export interface DateRange {
  from: string | null;
  to: string | null;
  precision: Precision;
  label: string | null;
}

export function dateRange(vt: ValidTime): DateRange {
  return {
    from: vt.from === OPEN_START ? null : vt.from,
    to: vt.to === OPEN_END ? null : vt.to,
    precision: vt.precision,
    label: vt.label ?? null,
  };
}
