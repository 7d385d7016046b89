import type { SentenceContext } from "../context.ts";

const numbers: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
export const numberOf = (word: string): number | undefined => (/^\d+$/.test(word) ? Number(word) : numbers[word.toLowerCase()]);

/**
 * "About five hours", "a five-hour meeting", "for four hours". A hedge or the adjective
 * form is a rounded figure; "for four hours" is taken as said.
 */
export function durationIn(text: string): { durationHours?: number; durationApproximate?: boolean } {
  const m = /\b(?:(about|almost|nearly|around|roughly|some|more than|over)\s+)?(?:a\s+)?(\w+)(-| )hours?\b/i.exec(text);
  const hours = m ? numberOf(m[2]!) : undefined;
  if (!m || hours === undefined) return {};
  return { durationHours: hours, durationApproximate: m[1] !== undefined || m[3] === "-" };
}

const documentsPattern = /\bpresented (\w+) (?:more |new |further |additional )?documents?\b/i;

export function documentsCount(text: string): { documentsPresented?: number } {
  const m = documentsPattern.exec(text);
  const n = m ? numberOf(m[1]!) : undefined;
  return n === undefined ? {} : { documentsPresented: n };
}

/**
 * Where the meeting the cue reports took place: the first place on record named after the
 * cue, else a capitalised name after "in"/"at" (a new place, flagged), else any place on record.
 */
export function placeAfter(ctx: SentenceContext, index: number): { name: string; isNew: boolean } | undefined {
  const places = ctx.mentions.filter((m) => m.kind === "place");
  const after = places.find((m) => m.index >= index);
  if (after) return { name: after.id, isNew: false };
  // A party ("in Ukraine"), an acronym ("membership in NATO") or an issue's word is not a venue.
  const notPlaces = new Set([...ctx.vocabulary.parties.flatMap((p) => [p.name, ...(p.aliases ?? [])]), ...ctx.vocabulary.issues.flatMap((i) => i.proposition.split(/\s+/))]);
  const rest = ctx.sentence.text.slice(index);
  for (const m of rest.matchAll(/\b(?:in|at)\s+(?:the\s+)?(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)/gu))
    if (!notPlaces.has(m[1]!) && !/^\p{Lu}+$/u.test(m[1]!)) return { name: m[1]!, isNew: true };
  return places[0] ? { name: places[0].id, isNew: false } : undefined;
}
