import { z } from "zod";

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
