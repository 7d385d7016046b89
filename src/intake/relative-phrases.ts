import { addDays } from "./calendar.ts";
import { before, day, resolveMonthOffset, resolveWeek, resolveWeekend, type Resolved, type Tense } from "./date-rules.ts";

interface Phrase extends Resolved {
  label: string;
  index: number;
  end: number;
}

const offsetOf = (word: string) => ({ last: -1, this: 0, next: 1, earlier: 0 })[word.toLowerCase() as "last"];

/**
 * The phrases whose meaning is a rule of ours rather than a calendar date, so chrono's
 * reading (a single day for "last week", next Saturday for "weekend") must not be used.
 */
const rules: [RegExp, (m: RegExpExecArray, publishedAt: string, tense: Tense) => Resolved][] = [
  [/\b(?:(?:over|at|during|on) )?the weekend\b|\b(?:last|this|past) weekend\b/gi, (m, p, t) => resolveWeekend(p, /^last|^past/i.test(m[0]) ? "past" : t)],
  [/\bnext weekend\b/gi, (_m, p) => resolveWeekend(p, "future")],
  [/\bearlier this (week|month)\b/gi, (m, p) => (m[1]!.toLowerCase() === "week" ? resolveWeek(0, p, "past") : resolveMonthOffset(0, p, "past"))],
  [/\b(last|past|this|next) (week|month)\b/gi, (m, p, t) => unit(m[2]!, offsetOf(m[1]!.replace(/^past$/i, "last")), p, t)],
  [/\brecent(?:ly)?\b|\blately\b/gi, (_m, p) => before(p)],
  [/\btoday\b/gi, (_m, p) => day(p)],
  [/\byesterday\b/gi, (_m, p) => day(addDays(p, -1))],
  [/\btomorrow\b/gi, (_m, p) => day(addDays(p, 1))],
];

function unit(name: string, offset: number, publishedAt: string, tense: Tense): Resolved {
  return name.toLowerCase() === "week" ? resolveWeek(offset, publishedAt, tense) : resolveMonthOffset(offset, publishedAt, tense);
}

export function findRelativePhrases(sentence: string, publishedAt: string, tense: Tense): Phrase[] {
  const found: Phrase[] = [];
  for (const [pattern, resolve] of rules)
    for (const m of sentence.matchAll(pattern)) {
      const index = m.index,
        end = index + m[0].length;
      if (found.some((p) => index < p.end && p.index < end)) continue;
      found.push({ ...resolve(m, publishedAt, tense), label: m[0], index, end });
    }
  return found;
}
