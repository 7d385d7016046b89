import type { DateRange } from "../../events/valid-time.ts";
import type { ExportInput } from "./rows.ts";
import { quoteOf } from "./rows.ts";

interface TimelineDate {
  year: number;
  month?: number;
  day?: number;
  display_date?: string;
}

/** A TimelineJS date, only as precise as the range: a month stays a month, a year a year. */
function dateOf(iso: string, precision: string): TimelineDate {
  const [year, month, day] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  if (precision === "year") return { year };
  if (precision === "month") return { year, month };
  return { year, month, day };
}

/** TimelineJS needs a start: an open start begins at the known end and says so. */
function datesOf(edtf: string, range: DateRange): { start_date: TimelineDate; end_date?: TimelineDate; display_date: string } {
  if (!range.from) return { start_date: dateOf(range.to!, "day"), display_date: `by ${range.to!.slice(0, 10)} (${edtf})` };
  if (!range.to) return { start_date: dateOf(range.from, "day"), display_date: `from ${range.from.slice(0, 10)} (${edtf})` };
  const single = ["instant", "day", "month", "year"].includes(range.precision);
  return single
    ? { start_date: dateOf(range.from, range.precision), display_date: edtf }
    : { start_date: dateOf(range.from, "day"), end_date: dateOf(range.to, "day"), display_date: edtf };
}

/** The TimelineJS JSON format (https://timeline.knightlab.com/docs/json-format.html). */
export function timelineJson(input: ExportInput) {
  return {
    title: { text: { headline: input.title, text: `The record of ${input.negotiation} as it stood at ${input.knownAt}.` } },
    events: input.entries.map((e) => ({
      unique_id: e.eventId,
      ...datesOf(e.occurredAt, e.occurredAtRange),
      group: e.type,
      text: { headline: e.summary, text: e.sources.map((s) => `“${quoteOf(s)}” (${s.outlet ?? s.title ?? "unnamed source"})`).join("\n") },
    })),
  };
}
