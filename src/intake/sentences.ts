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
    // A quotation longer than a long paragraph is a stray mark, not one quote: stop joining.
    if (last >= 0 && (abbreviation.test(out[last]!.slice(-24)) || (out[last]!.length < 2000 && quotationOpen(out[last]!)))) out[last] += s;
    else out.push(s);
  }
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A stretch of the line between spaces, where it starts in the original and in the repaired text. */
interface Piece {
  source: string;
  text: string;
  original: number;
  repaired: number;
}

/**
 * Repairs a line piece by piece: a mis-decoded run never holds an ASCII space, so each piece
 * repairs on its own (a sentinel keeps repair from trimming a piece's trailing no-break
 * space), and where each piece starts in both texts maps a sentence back in linear time.
 */
function piecesOf(line: string): Piece[] {
  const pieces: Piece[] = [];
  let original = 0,
    repaired = 0;
  for (const source of line.split(/( +)/)) {
    const text = source.startsWith(" ") ? source : repairMojibake(`${source}x`).slice(0, -1);
    pieces.push({ source, text, original, repaired });
    original += source.length;
    repaired += text.length;
  }
  return pieces;
}

/**
 * Where, in the original line, a position of the repaired line falls. A sentence's end is
 * placed within the piece it ends in, so a stray mark repair dropped after it stays out.
 */
function originalOffset(pieces: Piece[], position: number, side: "start" | "end"): number {
  const piece = pieces.findLast((p) => (side === "start" ? p.repaired <= position : p.repaired < position)) ?? pieces[0]!;
  const within = position - piece.repaired;
  if (piece.source === piece.text) return piece.original + within;
  const want = piece.text.slice(0, within);
  for (let p = 0; p <= piece.source.length; p++) if (repairMojibake(`${piece.source.slice(0, p)}x`).slice(0, -1) === want) return piece.original + p;
  return piece.original + piece.source.length;
}

function lineSentences(line: string): Sentence[] {
  const pieces = piecesOf(line);
  const repaired = pieces.map((p) => p.text).join("");
  let searchFrom = 0;
  return segment(repaired).map((text) => {
    const at = repaired.indexOf(text, searchFrom);
    searchFrom = at + text.length;
    return { text, verbatim: line.slice(originalOffset(pieces, at, "start"), originalOffset(pieces, searchFrom, "end")).trim() };
  });
}

/** The article's sentences, line by line (a line break always ends a sentence); a sentence repeated (a headline, a recycled paragraph) is kept once. */
export function sentencesOf(article: string): Sentence[] {
  const seen = new Set<string>();
  return article
    .split(/\r?\n/)
    .flatMap((line) => (line.trim() === "" ? [] : lineSentences(line)))
    .filter((s) => !seen.has(s.text) && seen.add(s.text));
}
