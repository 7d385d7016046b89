import { parseDay } from "../../events/valid-time.ts";
import { addDays, dayOf, isoMonday, lastDayOfMonth, monthOf, shiftMonth, weekdayOf } from "./calendar.ts";

export type Tense = "past" | "future";

/** An EDTF string and the first and last days it covers (null: open at that end). */
export interface Resolved {
  edtf: string;
  from: string | null;
  to: string | null;
}

export const day = (d: string): Resolved => ({ edtf: d, from: d, to: d });
export const span = (from: string, to: string, edtf = from === to ? from : `${from}/${to}`): Resolved => ({ edtf, from, to });
export const before = (to: string): Resolved => ({ edtf: `../${to}`, from: null, to });

function month(year: number, m: number): Resolved {
  return span(dayOf(year, m, 1), lastDayOfMonth(year, m), monthOf(year, m));
}

/**
 * A weekday said in the past is the last such day on or before publication (so "on
 * Wednesday" said on a Wednesday is that day); in the future it is the next one after it
 * (said on a Thursday, "will meet on Thursday" means a week later: that day would be "today").
 */
export function resolveWeekday(weekday: number, publishedAt: string, tense: Tense): Resolved {
  const now = weekdayOf(publishedAt);
  if (tense === "past") return day(addDays(publishedAt, -((now - weekday + 7) % 7)));
  return day(addDays(publishedAt, (weekday - now + 7) % 7 || 7));
}

/** A month named without a year: the most recent one not after publication, or the next one if future. */
export function resolveMonth(m: number, year: number | undefined, publishedAt: string, tense: Tense): Resolved {
  if (year !== undefined) return month(year, m);
  const [pubYear, pubMonth] = shiftMonth(publishedAt, 0);
  if (tense === "past") return month(m > pubMonth ? pubYear - 1 : pubYear, m);
  return month(m < pubMonth ? pubYear + 1 : pubYear, m);
}

/** A day of a month without a year: the most recent such date not after publication, or the next one if future. */
export function resolveDayOfMonth(m: number, d: number, year: number | undefined, publishedAt: string, tense: Tense): Resolved | undefined {
  const pubYear = Number(publishedAt.slice(0, 4));
  const inYear = (y: number) => dayOf(y, m, d);
  let chosen = year ?? pubYear;
  if (year === undefined && tense === "past" && inYear(pubYear) > publishedAt) chosen = pubYear - 1;
  if (year === undefined && tense === "future" && inYear(pubYear) < publishedAt) chosen = pubYear + 1;
  const text = inYear(chosen);
  return parseDay(text) === undefined ? undefined : day(text); // 30 February is no date
}

/** The last Saturday and Sunday before publication, or the next ones after it. */
export function resolveWeekend(publishedAt: string, tense: Tense): Resolved {
  if (tense === "future") {
    const saturday = addDays(publishedAt, (6 - weekdayOf(publishedAt) + 7) % 7 || 7);
    return span(saturday, addDays(saturday, 1));
  }
  const eve = addDays(publishedAt, -1);
  const saturday = addDays(eve, -((weekdayOf(eve) - 6 + 7) % 7));
  return span(saturday, addDays(saturday, 1));
}

/**
 * "Last week" has several readings, and an honest date must hold every one of them: the
 * previous ISO week (Monday–Sunday), the previous week as US outlets count it (Sunday–
 * Saturday), and the seven days or so before publication. We take their union: from the
 * earlier of the two previous weeks' first days to the day before publication. Said on
 * Wed 3 Dec 2025 that is Sun 23 Nov – Tue 2 Dec, which holds the Geneva talks other
 * reporting puts on Sunday 23 Nov (Monday of the previous ISO week alone, 24 Nov, would
 * not). It is never wider than 13 days (said on a Saturday or a Sunday).
 */
export function resolveLastWeek(publishedAt: string): Resolved {
  const previousIsoMonday = addDays(isoMonday(publishedAt), -7);
  const previousUsSunday = addDays(publishedAt, -weekdayOf(publishedAt) - 7);
  return span(previousIsoMonday < previousUsSunday ? previousIsoMonday : previousUsSunday, addDays(publishedAt, -1));
}

export function resolveWeek(offset: number, publishedAt: string, tense: Tense): Resolved {
  if (offset === -1) return resolveLastWeek(publishedAt);
  const monday = addDays(isoMonday(publishedAt), 7 * offset);
  if (offset === 0) return tense === "past" ? span(monday, publishedAt) : span(publishedAt, addDays(monday, 6));
  return span(monday, addDays(monday, 6));
}

export function resolveMonthOffset(offset: number, publishedAt: string, tense: Tense): Resolved {
  if (offset !== 0) return month(...shiftMonth(publishedAt, offset));
  const [y, m] = shiftMonth(publishedAt, 0);
  return tense === "past" ? span(dayOf(y, m, 1), publishedAt) : span(publishedAt, lastDayOfMonth(y, m));
}
