import { factsOf, quoteOf, type ExportInput } from "./rows.ts";

export const CSV_COLUMNS = ["event_id", "event_date", "time_precision", "type", "party", "issue", "position", "place", "source", "quote", "reported_at", "recorded_at"] as const;

/**
 * A spreadsheet would run a cell that starts like a formula; quotes come from the open web,
 * so such a cell is written with a leading apostrophe (OWASP's advice for CSV exports).
 */
const defused = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
const field = (value: string) => {
  const v = defused(value);
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
};

/** One row per development, ACLED-like columns; several sources are joined with " | " in source order. */
export function eventsCsv(input: ExportInput): string {
  const rows = input.entries.map((e) => {
    const f = factsOf(input.lookup(e.eventId));
    const source = e.sources.map((s) => s.outlet ?? s.title ?? s.seed ?? "unnamed").join(" | ");
    const quote = e.sources.map(quoteOf).join(" | ");
    return [e.eventId, e.occurredAt, e.occurredAtRange.precision, e.type, f.party, f.issue, f.position, f.place, source, quote, e.reportedAt ?? "", e.recordedAt];
  });
  return [CSV_COLUMNS, ...rows].map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}
