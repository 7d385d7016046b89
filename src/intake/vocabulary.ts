import { z } from "zod";
import type { StateDocument } from "../engine/document.ts";

/**
 * What drafting needs to know of a negotiation: its parties (with the other names reports
 * use for them: a capital, a seat of government, a demonym), its issues, the people and
 * places already on record. The engine will supply it from the negotiation's state.
 */
export const DraftVocabulary = z.strictObject({
  parties: z.array(z.strictObject({ id: z.string().min(1), name: z.string().min(1), aliases: z.array(z.string().min(1)).optional() })),
  issues: z.array(z.strictObject({ id: z.string().min(1), proposition: z.string().min(1) })),
  people: z.array(z.strictObject({ name: z.string().min(1), party: z.string().min(1), role: z.string().min(1).optional() })),
  places: z.array(z.string().min(1)).optional(),
});
export type DraftVocabulary = z.infer<typeof DraftVocabulary>;
export type VocabularyParty = DraftVocabulary["parties"][number];
export type VocabularyPerson = DraftVocabulary["people"][number];

/**
 * What drafting knows of a negotiation, read off its state document: the parties and issues it
 * declares (with their aliases), and the people and places already on record, speakers included.
 */
export function vocabularyOf(doc: StateDocument): DraftVocabulary {
  const people = new Map<string, VocabularyPerson>();
  const note = (name: string | null, party: string, role?: string | null) => {
    if (name && !people.has(name)) people.set(name, { name, party, ...(role ? { role } : {}) });
  };
  for (const p of doc.people) note(p.name, p.party, p.role);
  for (const m of doc.meetings) for (const p of m.participants) note(p.name, p.party, p.role);
  for (const s of doc.statements) note(s.speaker, s.party);
  for (const s of doc.stances) note(s.speaker, s.party);
  return {
    parties: doc.vocabulary.parties.map((p) => ({ id: p.id, name: p.name, aliases: p.aliases })),
    issues: doc.vocabulary.issues.map((i) => ({ id: i.id, proposition: i.proposition ?? i.id })),
    people: [...people.values()],
    places: [...new Set(doc.meetings.map((m) => m.place))],
  };
}
