import type { DraftVocabulary } from "./vocabulary.ts";

const stem = (word: string) => word.slice(0, Math.min(word.length, 6));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The words that name an issue: its id read as words ("security-guarantees" → security
 * guarantees, matching "security guarantees" and "territorial"), and the proper nouns of
 * its proposition that name no party ("Donbas", "NATO").
 */
function patternsOf(issue: DraftVocabulary["issues"][number], partyWords: Set<string>): RegExp[] {
  const idPhrase = issue.id
    .split("-")
    .map((w) => `${escape(stem(w))}[\\p{L}]*`)
    .join("\\s+");
  const nouns = issue.proposition
    .split(/\s+/)
    .slice(1)
    .map((w) => w.replace(/[’']s$|[^\p{L}]/gu, ""))
    .filter((w) => /^\p{Lu}/u.test(w) && !partyWords.has(w));
  return [new RegExp(`\\b${idPhrase}`, "iu"), ...nouns.map((n) => new RegExp(`\\b${escape(n)}\\b`, "u"))];
}

/** The ids of the issues a sentence names. */
export function issuesIn(text: string, vocabulary: DraftVocabulary): string[] {
  const partyWords = new Set(vocabulary.parties.flatMap((p) => [p.name, ...(p.aliases ?? [])]));
  return vocabulary.issues.filter((i) => patternsOf(i, partyWords).some((p) => p.test(text))).map((i) => i.id);
}
