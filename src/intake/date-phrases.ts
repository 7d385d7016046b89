import * as chrono from "chrono-node";
import { findRelativePhrases } from "./relative-phrases.ts";
import { resolveDayOfMonth, resolveMonth, resolveWeekday, span, type Resolved, type Tense } from "./date-rules.ts";

export type { Tense };

/**
 * One date expression in a sentence, resolved against the publication date. `edtf` is the
 * honest reading (day, month, range or open range); `from`/`to` are its first and last
 * days (null for an open end); `label` keeps the words. `relation` says whether the words
 * stand after "prior to"/"before" or "after"/"following", which a drafter turns into a bound.
 */
export interface DatePhrase extends Resolved {
  label: string;
  index: number;
  end: number;
  relation: "on" | "before" | "after";
  possessive: boolean;
}

/** Future if a modal or an arrangement word says so; reports are otherwise in the past. */
export function tenseOf(sentence: string): Tense {
  return /\b(will|shall|won[’']t|is (?:due|set|scheduled|expected|going) to|are (?:due|set|scheduled|expected|going) to|plans? to)\b/i.test(sentence) ? "future" : "past";
}

/** Every date expression in the sentence, in reading order. */
export function findDates(sentence: string, publishedAt: string, tense: Tense = tenseOf(sentence)): DatePhrase[] {
  const ours = findRelativePhrases(sentence, publishedAt, tense);
  const overlaps = (index: number, end: number) => ours.some((p) => index < p.end && p.index < end);
  const theirs = chrono.en
    .parse(sentence, { instant: new Date(`${publishedAt}T12:00:00Z`), timezone: 0 })
    .filter((r) => !overlaps(r.index, r.index + r.text.length))
    .flatMap((r) => fromChrono(sentence, r, publishedAt, tense));
  return [...ours, ...theirs].sort((a, b) => a.index - b.index).map((p) => ({ ...p, ...context(sentence, p.index, p.end) }));
}

function context(sentence: string, index: number, end: number): Pick<DatePhrase, "relation" | "possessive"> {
  const before = sentence.slice(0, index);
  const relation = /\b(?:prior to|before|ahead of|until)\s+(?:the\s+)?$/i.test(before)
    ? "before"
    : /\b(?:after|following|since|in the wake of)\s+(?:the\s+)?$/i.test(before)
      ? "after"
      : "on";
  return { relation, possessive: /^[’']s\b/.test(sentence.slice(end)) };
}

type Found = Omit<DatePhrase, "relation" | "possessive">;

/** Chrono finds and parses; which day, month or range the words mean is decided here. */
function fromChrono(sentence: string, r: chrono.ParsedResult, publishedAt: string, tense: Tense): Found[] {
  const label = r.text.replace(/[\s,.;:]+$/, "");
  // "will now meet", "ready right now", "for four hours": not dates of a development
  if (/^(?:right )?now$/i.test(label) || /^for\b/i.test(label) || /weekend/i.test(label)) return [];
  const c = r.start;
  const year = c.isCertain("year") ? c.get("year")! : undefined;
  const marked = /^(last|past)\b/i.test(label) ? "past" : /^next\b/i.test(label) ? "future" : tense;
  let resolved: Resolved | undefined;
  let end = r.index + label.length;
  if (c.isCertain("day") && c.isCertain("month")) resolved = resolveDayOfMonth(c.get("month")!, c.get("day")!, year, publishedAt, marked);
  else if (c.isCertain("month") && !c.isCertain("day")) {
    const yearWord = /^,?\s+(this|last|next) year\b/i.exec(sentence.slice(end));
    if (yearWord) end += yearWord[0].length;
    const relativeYear = yearWord ? Number(publishedAt.slice(0, 4)) + { this: 0, last: -1, next: 1 }[yearWord[1]!.toLowerCase() as "this"] : undefined;
    resolved = resolveMonth(c.get("month")!, year ?? relativeYear, publishedAt, marked);
  } else if (c.isCertain("weekday") && !c.isCertain("day")) resolved = resolveWeekday(c.get("weekday")!, publishedAt, marked);
  else if (c.isCertain("year") && /^(in )?\d{4}$/i.test(label)) resolved = span(`${year}-01-01`, `${year}-12-31`, String(year));
  if (!resolved) return [];
  return [{ ...resolved, label: sentence.slice(r.index, end), index: r.index, end }];
}
