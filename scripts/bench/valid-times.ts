import type { ValidTime } from "../../events/valid-time.ts";
import type { Random } from "./random.ts";

export const DAY_MS = 86_400_000;

const days = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `toISOString`, with the date part cached: a million events fall on a few thousand days. */
export function iso(ms: number): string {
  const dayMs = Math.floor(ms / DAY_MS) * DAY_MS;
  let day = days.get(dayMs);
  if (day === undefined) days.set(dayMs, (day = new Date(dayMs).toISOString().slice(0, 11)));
  const t = ms - dayMs;
  return `${day}${pad(Math.floor(t / 3_600_000), 2)}:${pad(Math.floor(t / 60_000) % 60, 2)}:${pad(Math.floor(t / 1000) % 60, 2)}.${pad(t % 1000, 3)}Z`;
}

/**
 * When a synthetic development happened, as precisely as a report would say: mostly a
 * day, sometimes a week ("last week"), a month, a span of days, or an exact time.
 */
export function validTime(random: Random, dayMs: number): ValidTime {
  const roll = random.next();
  if (roll < 0.78) return { precision: "day", from: iso(dayMs), to: iso(dayMs + DAY_MS - 1) };
  if (roll < 0.86) {
    const monday = dayMs - ((new Date(dayMs).getUTCDay() + 6) % 7) * DAY_MS;
    return { precision: "week", from: iso(monday), to: iso(monday + 7 * DAY_MS - 1), label: "last week" };
  }
  if (roll < 0.9) {
    const d = new Date(dayMs);
    return { precision: "month", from: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)), to: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1) };
  }
  if (roll < 0.97) {
    const from = dayMs - random.int(1, 6) * DAY_MS;
    return { precision: "interval", from: iso(from), to: iso(dayMs + DAY_MS - 1), label: "over the weekend" };
  }
  const at = iso(dayMs + random.int(6 * 60, 17 * 60) * 60_000);
  return { precision: "instant", from: at, to: at };
}

/** A report's publication: the evening of its day, after any development it dates that day. */
export const reportInstant = (random: Random, dayMs: number): number => dayMs + random.int(18 * 60, 23 * 60) * 60_000;
