import { personNamed } from "./names.ts";
import type { DraftVocabulary } from "./vocabulary.ts";

/**
 * Words that start or fill a run of capitalised words without being part of a person's
 * name: titles, sentence openers, institutions. A run holding an institution word is an
 * organisation ("North Atlantic Treaty Organization", "Fox News"), not a person.
 */
const notName = new Set(
  (
    "The A An In On At Of For And But Or During Following According Meanwhile However Though Although Since Seeking Prior After Before While " +
    "National Security Defense Defence Affairs Foreign President Prime Minister Secretary State Foreign Special Envoy Adviser Advisor Aide Chief Head Deputy Senior Former Mr Mrs Ms Dr Gen " +
    "Western Eastern Northern Southern Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July " +
    "August September October November December Related Articles Leave Reply Required Latest Top News Subscribe Back Clarity Notably Key Other Some We They He She It This That Those There"
  ).split(" "),
);
const institution =
  /^(Organization|Organisation|Council|Treaty|Alliance|Union|Republic|Administration|News|Party|Ministry|Office|House|Department|Region|Court|Bank|Agency|Committee|Assembly|Parliament|Telegram|Facebook|RSS|Commission|Forces|Army)$/;

const bare = (w: string) => w.replace(/[’']s$/, "");

function partyTerms(vocabulary: DraftVocabulary): Set<string> {
  return new Set(vocabulary.parties.flatMap((p) => [p.name, ...(p.aliases ?? [])]).flatMap((t) => t.split(/\s+/)));
}

/** Capitalised names of two or more words that name no one on record: proposed as new people, flagged. */
export function unknownNames(sentence: string, vocabulary: DraftVocabulary): string[] {
  const known = partyTerms(vocabulary);
  const placeWords = new Set((vocabulary.places ?? []).flatMap((p) => p.split(/[,\s]+/)));
  const names: string[] = [];
  for (const run of sentence.matchAll(/\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*)*/gu)) {
    const words = run[0].split(/\s+/);
    if (words.some((w) => institution.test(bare(w)))) continue;
    const kept = words.filter((w) => !notName.has(bare(w)) && !known.has(bare(w)) && !placeWords.has(bare(w)));
    if (kept.length < 2 || kept.some((w) => personNamed(w, vocabulary.people))) continue;
    names.push(kept.map(bare).join(" "));
  }
  return [...new Set(names)];
}
