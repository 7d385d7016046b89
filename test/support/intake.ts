import { readFileSync } from "node:fs";
import { vocabularyOf } from "../../src/intake/vocabulary.ts";
import { seededChronicle } from "./chronicle.ts";
import { draft } from "../../src/intake/draft.ts";
import type { ProposedEvent } from "../../src/intake/proposal.ts";

export const SEEDS_DIR = new URL("../../../shared/seeds/", import.meta.url);
export const seedFile = (prefix: string): string => {
  const names: Record<string, string> = {
    "000": "000_0a8234fe7da3e909.txt",
    "001": "001_5e83baba2592feae.txt",
    "002": "002_4ca82ed4cbe05626.txt",
    "003": "003_44546d9352da7b62.txt",
    "004": "004_e3b7d55a668e5e7c.txt",
  };
  return new URL(names[prefix]!, SEEDS_DIR).pathname;
};
export const seedText = (prefix: string): string => readFileSync(seedFile(prefix), "utf8");

/** What the CLI reads of ukraine-2025 from a store loaded with the bundled history. */
const chronicle = await seededChronicle();
export const bundledVocabulary = vocabularyOf(chronicle.asOf({ negotiation: "ukraine-2025" }).state());
await chronicle.close();

/** Drafts one seed article as the CLI would, into ukraine-2025 with the bundled history's vocabulary. */
export function draftSeed(prefix: string): ProposedEvent[] {
  return draft(seedText(prefix), { publishedAt: "2025-12-03", outlet: `seed ${prefix}`, negotiation: "ukraine-2025", vocabulary: bundledVocabulary });
}
