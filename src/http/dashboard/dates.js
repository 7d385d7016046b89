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
  return ({ instant: "exact time", day: "a day", week: "some day that week", month: "some day that month", year: "some day that year", interval: "some time in this range" })[range.precision] ?? range.precision;
}
