import { repairMojibake } from "../../events/mojibake.ts";

/** A sentence as repaired for reading (`text`) and exactly as the article has it (`verbatim`). */
export interface Sentence {
  text: string;
  verbatim: string;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Intl.Segmenter ends a sentence after any full stop followed by a capital, so "U. S.
 * envoy", "Nov. 20" (before a capital) and "Mr. Ushakov" come apart; a segment that ends
 * in an initial, a title or a month's abbreviation is joined to the next one.
 */
const abbreviation = /(?:^|[\s(“"])(?:(?:[A-Z]\.\s?)*[A-Z]|Dr|Mr|Mrs|Ms|St|Gen|Sen|Rep|Gov|Lt|Col|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|[ap]\.m)\.\s*$/;

/** A quotation still open: the speaker comes after it, so its sentences stay one quote. */
const quotationOpen = (s: string) => (s.match(/“/g)?.length ?? 0) > (s.match(/”/g)?.length ?? 0) || (s.match(/"/g)?.length ?? 0) % 2 === 1;

export function segment(text: string): string[] {
  const out: string[] = [];
  for (const { segment: s } of segmenter.segment(text)) {
    const last = out.length - 1;
    if (last >= 0 && (abbreviation.test(out[last]!) || quotationOpen(out[last]!))) out[last] += s;
    else out.push(s);
  }
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Where the repaired prefix of `k` characters ends in the original line. Repair replaces
 * whole mis-decoded runs, and a sentence boundary never falls inside one.
 */
function originalOffset(line: string, repairedPrefix: string, from: number): number {
  const want = repairedPrefix.trimEnd();
  for (let p = from; p <= line.length; p++) if (repairMojibake(line.slice(0, p)).trimEnd() === want) return p;
  return line.length;
}

function lineSentences(line: string): Sentence[] {
  const repaired = repairMojibake(line);
  const result: Sentence[] = [];
  let searchFrom = 0, consumed = 0, start = 0;
  for (const text of segment(repaired)) {
    const at = repaired.indexOf(text, searchFrom);
    searchFrom = at + text.length;
    start = at === 0 ? 0 : originalOffset(line, repaired.slice(0, at), consumed);
    const end = originalOffset(line, repaired.slice(0, searchFrom), start);
    consumed = end;
    result.push({ text, verbatim: line.slice(start, end).trim() });
  }
  return result;
}

/** The article's sentences, line by line (a line break always ends a sentence); a sentence repeated (a headline, a recycled paragraph) is kept once. */
export function sentencesOf(article: string): Sentence[] {
  const seen = new Set<string>();
  return article
    .split(/\r?\n/)
    .flatMap((line) => (line.trim() === "" ? [] : lineSentences(line)))
    .filter((s) => !seen.has(s.text) && seen.add(s.text));
}
