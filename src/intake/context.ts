import type { DatePhrase, Tense } from "./date-phrases.ts";
import type { Mention } from "./names.ts";
import type { Article } from "./proposal.ts";
import type { Sentence } from "./sentences.ts";
import type { DraftVocabulary } from "./vocabulary.ts";

/** What every cue reads of one sentence. */
/** When a proposed development happened: an EDTF string, its words, and whether a sentence said so. */
export interface When {
  date: string;
  label: string;
  from: string | null;
  to: string | null;
  stated: boolean;
}

export interface SentenceContext {
  sentence: Sentence;
  mentions: Mention[];
  dates: DatePhrase[];
  tense: Tense;
  newNames: string[];
  article: Article;
  vocabulary: DraftVocabulary;
  /** The last person the article quoted, for "he said". */
  lastSpeaker: Mention | undefined;
}

/** One proposed development before it is dressed as an event. */
export interface Proposal {
  type: string;
  when: When;
  data: Record<string, unknown>;
  cues: string[];
  needs: string[];
  /** How sure the cue is before any field is left open. */
  base: number;
  quotes: string[];
  /** The (first) sentence as repaired, for rules that read it after drafting. */
  sentence: string;
  newPeople: string[];
  /** A place named in the sentence that is not on record. */
  newPlace?: string;
}

/** The first match of a cue pattern, with where it stands. */
export function cueAt(text: string, pattern: RegExp): { words: string; index: number } | undefined {
  const m = pattern.exec(text);
  return m ? { words: m[0], index: m.index } : undefined;
}

export const slug = (text: string): string =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The mention nearest to a position, preferring one before it on a tie. */
export function nearest<T extends { index: number }>(items: T[], index: number): T | undefined {
  return [...items].sort((a, b) => Math.abs(a.index - index) - Math.abs(b.index - index) || a.index - b.index)[0];
}
