// Dates as the record knows them: never more precise than the reports.

const DAY_MS = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Days since 1970-01-01 (UTC): the slider's unit. */
export const dayOf = (iso) => Math.floor(Date.parse(iso) / DAY_MS);
export const isoDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const today = () => Math.floor(Date.now() / DAY_MS);

/** "2025-11-24..30", "2025-11-20..12-03": the shared prefix written once. */
function span(from, to) {
  if (from === to) return from;
  if (from.slice(0, 7) === to.slice(0, 7)) return `${from}..${to.slice(8)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${from}..${to.slice(5)}`;
  return `${from}..${to}`;
}

/** A valid time as precisely as it is known: "2025-12-02", "week of 2025-11-24", "Aug 2025", "2025-11-24..30". */
export function formatWhen(t) {
  const from = t.from.slice(0, 10);
  switch (t.precision) {
    case "instant":
      return `${from} ${t.from.slice(11, 16)} UTC`;
    case "day":
      return from;
    case "week":
      return `week of ${from}`;
    case "month":
      return `${MONTHS[Number(t.from.slice(5, 7)) - 1]} ${t.from.slice(0, 4)}`;
    default:
      return span(from, t.to.slice(0, 10));
  }
}

/** Words for the precision, for the reader who wonders why a date is a range. */
export const precisionNote = (t) =>
  ({ instant: "exact time", day: "a day", week: "some day that week", month: "some day that month", interval: "some time in this range" })[t.precision] ?? t.precision;
