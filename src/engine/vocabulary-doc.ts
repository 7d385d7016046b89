import { edtfOf } from "../../events/valid-time.ts";
import type { ParleyState } from "../../projections/index.ts";
import type { Vocabulary } from "../../projections/vocabulary.ts";
import type { IssueDoc, PartyDoc, VocabularyDoc } from "./document-types.ts";

/**
 * The declared parties and issues (the first declaration of an id wins across negotiations),
 * then any id the state uses that nothing declared, so a legacy record's stances still have a row and a column.
 */
export function vocabularyDoc(vocabularies: Vocabulary[], state: ParleyState): VocabularyDoc {
  const { parties, issues } = declaredIn(vocabularies);
  for (const s of Object.values(state.stances)) {
    if (!parties.has(s.party)) parties.set(s.party, { id: s.party, name: s.party, kind: null, aliases: [], declared: false });
    if (!issues.has(s.issue)) issues.set(s.issue, { id: s.issue, proposition: null, wordings: [], declared: false });
  }
  return {
    negotiations: vocabularies.map((v) => ({ id: v.negotiationId, title: v.title, summary: v.summary })),
    parties: [...parties.values()],
    issues: [...issues.values()],
  };
}

/** The parties and issues the vocabularies declare, by id, in the order declared. */
export function declaredIn(vocabularies: Vocabulary[]): { parties: Map<string, PartyDoc>; issues: Map<string, IssueDoc> } {
  const parties = new Map<string, PartyDoc>();
  const issues = new Map<string, IssueDoc>();
  for (const v of vocabularies) {
    for (const p of Object.values(v.parties)) if (!parties.has(p.id)) parties.set(p.id, { id: p.id, name: p.name, kind: p.kind ?? null, aliases: p.aliases, declared: true });
    for (const i of Object.values(v.issues)) {
      if (issues.has(i.id)) continue;
      const wordings = i.wordings.map((w) => ({ proposition: w.proposition, from: edtfOf(w.from), reason: w.reason, eventId: w.eventId }));
      issues.set(i.id, { id: i.id, proposition: wordings[wordings.length - 1]!.proposition, wordings, declared: true });
    }
  }
  return { parties, issues };
}
