import { z } from "zod";
import { edtfOf, fromEdtf } from "./edtf.ts";
import { Precision, ValidTime } from "./valid-time-shape.ts";

export { Precision, ValidTime };

export { OPEN_END, OPEN_START, dateRange, edtfOf, type DateRange } from "./edtf.ts";

const DAY_MS = 86_400_000;

/** Parses YYYY-MM-DD strictly: 2025-02-30 is an error, not March 2nd. */
export function parseDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms;
}

function parseMonth(text: string): [number, number] | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) return undefined;
  return [Date.UTC(y, mo - 1, 1), Date.UTC(y, mo, 1) - 1];
}

function isoWeekStart(dayMs: number): number {
  const weekday = (new Date(dayMs).getUTCDay() + 6) % 7; // Monday = 0
  return dayMs - weekday * DAY_MS;
}

function parseIsoWeek(text: string): number | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, w] = [Number(m[1]), Number(m[2])];
  const week1 = isoWeekStart(Date.UTC(y, 0, 4));
  const start = week1 + (w - 1) * 7 * DAY_MS;
  if (w < 1 || isoWeekStart(Date.UTC(y, 11, 28)) < start) return undefined;
  return start;
}

/** Built once: a zod schema costs far more to build than to run, and every query's moment passes through here. */
const Instant = z.iso.datetime({ offset: true });

function parseInstant(text: string): number | undefined {
  if (!Instant.safeParse(text).success) return undefined;
  const day = parseDay(text.slice(0, 10));
  if (day === undefined) return undefined;
  return Date.parse(text);
}

const iso = (ms: number) => new Date(ms).toISOString();
const span = (precision: Precision, from: number, to: number, label?: string): ValidTime =>
  label === undefined ? { precision, from: iso(from), to: iso(to) } : { precision, from: iso(from), to: iso(to), label };

/** Resolves one written date to an interval, or explains why it cannot. */
export function resolveDate(text: string, precision?: Precision, label?: string): ValidTime | string {
  const instant = parseInstant(text);
  if (instant !== undefined && (precision === undefined || precision === "instant")) return span("instant", instant, instant, label);
  const day = parseDay(text);
  if (day !== undefined) {
    if (precision === undefined || precision === "day") return span("day", day, day + DAY_MS - 1, label);
    if (precision === "week") return span("week", isoWeekStart(day), isoWeekStart(day) + 7 * DAY_MS - 1, label);
    if (precision === "month") {
      const d = new Date(day);
      return span("month", Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1, label);
    }
  }
  const week = parseIsoWeek(text);
  if (week !== undefined && (precision === undefined || precision === "week")) return span("week", week, week + 7 * DAY_MS - 1, label);
  const month = parseMonth(text);
  if (month !== undefined && (precision === undefined || precision === "month")) return span("month", month[0], month[1], label);
  if (precision === undefined) return fromEdtf(text, label);
  return `'${text}' is not a valid ${precision} date (expected YYYY-MM-DD, YYYY-MM, YYYY-Www or an ISO instant with offset matching precision '${precision}')`;
}

/**
 * What writers may send: a date string (its form gives the precision), a date with an
 * explicit precision, or an explicit interval of days for relative phrases ("last week").
 */
export const ValidTimeInput = z.union([
  z.string(),
  z.strictObject({ date: z.string(), precision: Precision.exclude(["interval"]).optional(), label: z.string().optional() }),
  z.strictObject({ from: z.string(), to: z.string(), label: z.string().optional() }),
  ValidTime,
]);
export type ValidTimeInput = z.infer<typeof ValidTimeInput>;

export const ValidTimeField = ValidTimeInput.transform((input, ctx): ValidTime => {
  const resolved = resolveInput(input);
  if (typeof resolved === "string") {
    ctx.addIssue({ code: "custom", message: resolved });
    return z.NEVER;
  }
  return resolved;
});

function resolveInput(input: ValidTimeInput): ValidTime | string {
  if (typeof input === "string") return resolveDate(input);
  if ("date" in input) return resolveDate(input.date, input.precision, input.label);
  if ("precision" in input) return storedForm(input);
  const from = resolveDate(input.from);
  const to = resolveDate(input.to);
  if (typeof from === "string") return `from: ${from}`;
  if (typeof to === "string") return `to: ${to}`;
  if (Date.parse(to.to) < Date.parse(from.from)) return `interval ends (${input.to}) before it starts (${input.from})`;
  return input.label === undefined ? { precision: "interval", from: from.from, to: to.to } : { precision: "interval", from: from.from, to: to.to, label: input.label };
}

/** The stored form, as export writes it: kept as is once its bounds are checked, and its EDTF against them. */
function storedForm(input: ValidTime): ValidTime | string {
  if (Date.parse(input.to) < Date.parse(input.from)) return `interval ends (${input.to}) before it starts (${input.from})`;
  if (input.edtf === undefined) return input;
  const read = fromEdtf(input.edtf);
  if (typeof read === "string") return `edtf: ${read}`;
  if (read.from !== input.from || read.to !== input.to) return `edtf '${input.edtf}' spans ${read.from}..${read.to}, not ${input.from}..${input.to}`;
  return storedValidTime(input);
}

/** Exports write the EDTF beside every interval; the store keeps it only where the bounds would not write it again. */
export function storedValidTime(vt: ValidTime): ValidTime {
  const { edtf, ...bounds } = vt;
  return edtf === undefined || edtfOf(bounds) === edtf ? bounds : { ...bounds, edtf };
}

/**
 * A query moment. A bare date means the end of that day (UTC), so "the state on
 * 2025-12-03" includes everything that happened on the 3rd.
 */
export function resolveMoment(text: string): string | undefined {
  const day = parseDay(text);
  if (day !== undefined) return iso(day + DAY_MS - 1);
  const instant = parseInstant(text);
  return instant === undefined ? undefined : iso(instant);
}
