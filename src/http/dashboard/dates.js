// Dates as the record knows them: EDTF strings with their intervals, never more precise than the reports.

const DAY_MS = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Days since 1970-01-01 (UTC): the slider's unit. */
export const dayOf = (iso) => Math.floor(Date.parse(iso) / DAY_MS);
export const isoDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const today = () => Math.floor(Date.now() / DAY_MS);

/** The first and last day a range covers; an open end takes the other one, so it still has a place on a track. */
export const firstDay = (range) => dayOf(range.from ?? range.to);
export const lastDay = (range) => dayOf(range.to ?? range.from);

/** "2025-11-24..30", "2025-11-20..12-03": the shared prefix written once. */
function span(from, to) {
  if (from === to) return from;
  if (from.slice(0, 7) === to.slice(0, 7)) return `${from}..${to.slice(8)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${from}..${to.slice(5)}`;
  return `${from}..${to}`;
}

/** A valid time for reading: "2025-12-02", "Aug 2025", "2025-11-24..30", "before 2025-11-20"; the EDTF string is its tooltip. */
export function formatWhen(edtf, range) {
  const from = range.from?.slice(0, 10);
  const to = range.to?.slice(0, 10);
  if (!from) return `by ${to}`;
  if (!to) return `from ${from}`;
  switch (range.precision) {
    case "instant":
      return `${from} ${range.from.slice(11, 16)} UTC`;
    case "day":
      return from;
    case "month":
      return `${MONTHS[Number(from.slice(5, 7)) - 1]} ${from.slice(0, 4)}`;
    case "year":
      return from.slice(0, 4);
    default:
      return /^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/.test(edtf) || range.precision === "week" ? span(from, to) : edtf;
  }
}

/** Words for the precision, for the reader who wonders why a date is a range. */
export function precisionNote(range) {
  if (range.from === null) return `some time up to ${range.to.slice(0, 10)}: the sources give no earlier bound`;
  if (range.to === null) return `some time from ${range.from.slice(0, 10)} on`;
  return (
    { instant: "exact time", day: "a day", week: "some day that week", month: "some day that month", year: "some day that year", interval: "some time in this range" }[
      range.precision
    ] ?? range.precision
  );
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "2025-12-02" → "Tuesday 2 Dec 2025"; "2025-12" → "Dec 2025"; "2025" → "2025"; null for anything else. */
function dateWords(edtf) {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(edtf);
  if (day) {
    const date = new Date(`${edtf}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== edtf) return null;
    return `${WEEKDAYS[date.getUTCDay()]} ${Number(day[3])} ${MONTHS[Number(day[2]) - 1]} ${day[1]}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(edtf);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return `${MONTHS[Number(month[2]) - 1]} ${month[1]}`;
  return /^\d{4}$/.test(edtf) ? edtf : null;
}

/** How precise one end is, in words: "to the day", "some day that month", "some day that year". */
const precisionWords = (edtf) => (edtf.length === 10 ? "to the day" : edtf.length === 7 ? "some day that month" : "some day that year");

/**
 * What an EDTF valid time means, for the analyst checking a draft: "Tuesday 2 Dec 2025, to the day",
 * "some time from Monday 24 Nov 2025 to Sunday 30 Nov 2025", "before Thursday 20 Nov 2025".
 * Anything it cannot read says so, naming the forms it knows.
 */
export function edtfInWords(edtf) {
  const text = String(edtf ?? "").trim();
  if (text === "") return "no date yet: write an EDTF date such as 2025-12-02, 2025-12, 2025-11-24/2025-11-30 or ../2025-11-20";
  const instant = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (instant && dateWords(instant[1])) return `${dateWords(instant[1])} at ${instant[2]} ${instant[3] === "Z" ? "UTC" : instant[3]}, the exact time`;
  const [from, to, extra] = text.split("/");
  if (extra === undefined && to !== undefined) {
    const start = from === ".." || from === "" ? null : dateWords(from);
    const end = to === ".." || to === "" ? null : dateWords(to);
    if (start && end) return `some time from ${start} to ${end}`;
    if (!start && end && (from === ".." || from === "")) return `before ${end} (no earlier bound)`;
    if (start && !end && (to === ".." || to === "")) return `from ${start} on (no later bound)`;
  }
  if (to === undefined && dateWords(text)) return `${dateWords(text)}, ${precisionWords(text)}`;
  return `not a date this page can read: '${text}'; write an EDTF date such as 2025-12-02, 2025-12, 2025-11-24/2025-11-30 or ../2025-11-20`;
}
