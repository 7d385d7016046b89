import { readFileSync } from "node:fs";
import { draftVocabulary } from "../../src/cli/draft-vocabulary.ts";
import { draft } from "../../src/intake/draft.ts";
import type { ProposedEvent } from "../../src/intake/proposal.ts";

export const SEEDS_DIR = new URL("../../history/seeds/", import.meta.url);
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

/** Drafts one seed article as the CLI would, into ukraine-2025 with the bundled history's vocabulary. */
export function draftSeed(prefix: string): ProposedEvent[] {
  return draft(seedText(prefix), { publishedAt: "2025-12-03", outlet: `seed ${prefix}`, negotiation: "ukraine-2025", vocabulary: draftVocabulary("ukraine-2025") });
}
