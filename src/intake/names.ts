import type { DraftVocabulary, VocabularyPerson } from "./vocabulary.ts";

/** A name in a sentence linked to the record: a person on record, a party, or a place. */
export interface Mention {
  kind: "person" | "party" | "place";
  /** The record's spelling: the person's name, the party's id, the place as recorded. */
  id: string;
  party?: string;
  role?: string;
  words: string;
  index: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wordPattern = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(s).replace(/\\\. ?/g, "\\.\\s?")}(?![\\p{L}\\p{N}])`, "gu");

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Spellings drift between outlets (Zelensky/Zelenskyy, Andriy/Andrey): one letter apart on a long name is the same name. */
const sameName = (a: string, b: string): boolean => a === b || (Math.min(a.length, b.length) >= 6 && editDistance(a, b) <= 1);

const surname = (p: VocabularyPerson) => p.name.split(/\s+/).at(-1)!;

/** The person on record a word names, by full name or surname, allowing a spelling variant. */
export function personNamed(word: string, people: VocabularyPerson[]): VocabularyPerson | undefined {
  const bare = word.replace(/[’']s$/, "");
  return people.find((p) => sameName(bare, surname(p)) || sameName(bare, p.name));
}

function personMentions(sentence: string, people: VocabularyPerson[]): Mention[] {
  const found: Mention[] = [];
  for (const m of sentence.matchAll(/\p{Lu}[\p{L}’'-]*/gu)) {
    const person = personNamed(m[0], people);
    if (!person || found.some((f) => f.id === person.name && f.index === m.index)) continue;
    found.push({ kind: "person", id: person.name, party: person.party, ...(person.role ? { role: person.role } : {}), words: m[0].replace(/[’']s$/, ""), index: m.index });
  }
  return found;
}

function termMentions(sentence: string, kind: "party" | "place", id: string, terms: string[], party?: string): Mention[] {
  return terms.flatMap((term) => [...sentence.matchAll(wordPattern(term))].map((m) => ({ kind, id, words: m[0], index: m.index, ...(party ? { party } : {}) })));
}

/** Every person, party and place the sentence names, in reading order. */
export function mentionsIn(sentence: string, vocabulary: DraftVocabulary): Mention[] {
  const parties = vocabulary.parties.flatMap((p) => termMentions(sentence, "party", p.id, [p.name, ...(p.aliases ?? [])], p.id));
  const places = (vocabulary.places ?? []).flatMap((place) => termMentions(sentence, "place", place, place.split(/,\s*/)));
  return [...personMentions(sentence, vocabulary.people), ...parties, ...places].sort((a, b) => a.index - b.index);
}
