import type { SentenceContext, When } from "./context.ts";

export type { When };
import type { DatePhrase } from "./date-phrases.ts";

const undated = (publishedAt: string): When => ({ date: `../${publishedAt}`, label: `undated; reported ${publishedAt}`, from: null, to: publishedAt, stated: false });

const asWhen = (d: DatePhrase): When => ({ date: d.edtf, label: d.label, from: d.from, to: d.to, stated: true });

/** "Tuesday’s five-hour meeting", "the Nov. 20 leak": the date names the cue's own noun, whatever word precedes it. */
const attached = (sentence: string, d: DatePhrase, cueIndex: number) =>
  cueIndex >= d.end && (d.possessive ? /^[’']s(?:\s+[\p{L}-]+){0,3}\s+$/u : /^(?:\s+[\p{L}-]+){0,2}\s+$/u).test(sentence.slice(d.end, cueIndex));

/** "Prior to Tuesday’s talks" bounds the development: on or before that day, or from it to publication. */
function bound(d: DatePhrase, publishedAt: string): When {
  const words = `${d.relation} ${d.label}`;
  if (d.relation === "before") return { date: `../${d.to ?? publishedAt}`, label: words, from: null, to: d.to ?? publishedAt, stated: true };
  const from = d.from ?? publishedAt;
  return { date: from === publishedAt ? from : `${from}/${publishedAt}`, label: words, from, to: publishedAt, stated: true };
}

/** "The talks, which began late Tuesday, were described …": a date in a relative clause dates the clause's noun, not the cue outside it. */
function inOtherClause(sentence: string, d: DatePhrase, cue: { words: string; index: number }): boolean {
  for (const m of sentence.matchAll(/,\s*(?:which|who|that)\b[^,]*,/g)) {
    const [start, end] = [m.index, m.index + m[0].length];
    const cueInside = cue.index < end && cue.index + cue.words.length > start;
    if (d.index >= start && d.end <= end && !cueInside) return true;
  }
  return false;
}

/**
 * The date of the development a cue reports: a date attached to the cue's noun, else the
 * nearest plain date of the cue's clause, else a bound from "prior to …" or "after …", else
 * undated (before publication), which the analyst must fill.
 */
export function whenOf(ctx: Pick<SentenceContext, "sentence" | "dates" | "article">, cue: { words: string; index: number }): When {
  const sentence = ctx.sentence.text,
    publishedAt = ctx.article.publishedAt,
    cueIndex = cue.index;
  const dates = ctx.dates.filter((d) => !inOtherClause(sentence, d, cue));
  const own = dates.find((d) => attached(sentence, d, cueIndex));
  if (own) return asWhen(own);
  const distance = (d: DatePhrase) => Math.min(Math.abs(d.index - cueIndex), Math.abs(d.end - cueIndex));
  const plain = dates.filter((d) => d.relation === "on" && !d.possessive).sort((a, b) => distance(a) - distance(b));
  if (plain[0]) return asWhen(plain[0]);
  const other = dates.filter((d) => d.relation !== "on").sort((a, b) => distance(a) - distance(b));
  if (other[0]) return bound(other[0], publishedAt);
  return undated(publishedAt);
}

/** How many days a reading spans; an open range counts as endless. */
export const widthOf = (w: When): number => (w.from === null || w.to === null ? Number.POSITIVE_INFINITY : (Date.parse(w.to) - Date.parse(w.from)) / 86_400_000 + 1);
