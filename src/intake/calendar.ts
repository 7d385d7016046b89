/** Day arithmetic on ISO day strings (YYYY-MM-DD), in UTC so no time zone shifts a day. */
const DAY_MS = 86_400_000;

export const toMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => toDay(toMs(day) + n * DAY_MS);

/** 0 = Sunday … 6 = Saturday, as Date and chrono count them. */
export const weekdayOf = (day: string): number => new Date(toMs(day)).getUTCDay();

/** Monday of the ISO week holding the day. */
export const isoMonday = (day: string): string => addDays(day, -((weekdayOf(day) + 6) % 7));

const pad = (n: number) => String(n).padStart(2, "0");
export const monthOf = (year: number, month: number): string => `${year}-${pad(month)}`;
export const dayOf = (year: number, month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;

export const lastDayOfMonth = (year: number, month: number): string => toDay(Date.UTC(year, month, 1) - DAY_MS);

/** The month `offset` months from the one holding the day, as [year, month (1-12)]. */
export function shiftMonth(day: string, offset: number): [number, number] {
  const d = new Date(toMs(day));
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + offset;
  return [Math.floor(index / 12), (index % 12) + 1];
}
