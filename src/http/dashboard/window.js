// Which stretch of time the pictures show: by default the dense period, not the widest date
// (an open start such as "../2025-11-20" has no first day, and one event dated "2025" spans a year).

import { firstDay, lastDay } from "./dates.js";

/** A day every development can be placed at: a bounded range's middle, an open one's known end. */
const anchor = (range) => (range.from && range.to ? Math.floor((firstDay(range) + lastDay(range)) / 2) : firstDay(range));

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))];

/** The days from the 10th percentile of the developments' dates to the last day any of them reaches, a day either side. */
export function densePeriod(entries) {
  if (!entries.length) return null;
  const days = entries.map((e) => anchor(e.occurredAtRange)).sort((a, b) => a - b);
  return { from: quantile(days, 0.1) - 1, to: Math.max(...entries.map((e) => lastDay(e.occurredAtRange))) + 2 };
}

/** Every day any development touches, for "show the whole record". */
export function wholeRecord(entries) {
  if (!entries.length) return null;
  return { from: Math.min(...entries.map((e) => firstDay(e.occurredAtRange))) - 1, to: Math.max(...entries.map((e) => lastDay(e.occurredAtRange))) + 2 };
}

/** Zoomed by `factor` about the window's middle; never narrower than three days. */
export function zoom(window, factor) {
  const mid = (window.from + window.to) / 2;
  const half = Math.max(1.5, ((window.to - window.from) * factor) / 2);
  return { from: Math.floor(mid - half), to: Math.ceil(mid + half) };
}

/** Moved by a share of its width (negative: earlier). */
export function pan(window, share) {
  const step = Math.max(1, Math.round((window.to - window.from) * share));
  return { from: window.from + step, to: window.to + step };
}

/** Where the last band of each stance lane ends: past the record's last day, or the window's right edge if that is later. */
export function lanesEnd(window, entries) {
  return Math.max(window.to, entries.length ? Math.max(...entries.map((e) => lastDay(e.occurredAtRange))) + 2 : window.to);
}
