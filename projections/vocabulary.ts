import type { StoredEvent } from "../events/envelope.ts";
import { isVocabularyEvent, vocabularyTypes, type PartyDeclaration } from "../events/negotiation.ts";
import type { ValidTime } from "../events/valid-time.ts";

/** One wording of an issue's proposition, from the valid time its event gives. */
export interface Wording {
  proposition: string;
  from: ValidTime;
  reason: string | null;
  eventId: string;
}

export interface DeclaredIssue {
  id: string;
  /** Oldest first; the last is the current wording. */
  wordings: Wording[];
}

/** What a negotiation has declared: its title, parties and issues. */
export interface Vocabulary {
  negotiationId: string;
  title: string;
  summary: string | null;
  parties: Record<string, PartyDeclaration>;
  issues: Record<string, DeclaredIssue>;
}

const wording = (e: StoredEvent, proposition: string, reason: string | null): Wording => ({ proposition, from: e.occurredAt, reason, eventId: e.id });

/**
 * Folds vocabulary events in the order they were recorded, not in valid time: a
 * negotiation's categories are a fact about the record, so a stance dated before its
 * issue was declared still has a column to sit in. Returns `undefined` until it is opened.
 */
export function evolveVocabulary(state: Vocabulary | undefined, e: StoredEvent): Vocabulary | undefined {
  switch (e.type) {
    case "NegotiationOpened": {
      const d = e.data;
      return {
        negotiationId: d.negotiationId,
        title: d.title,
        summary: d.summary ?? null,
        parties: Object.fromEntries(d.parties.map((p) => [p.id, p])),
        issues: Object.fromEntries(d.issues.map((i) => [i.id, { id: i.id, wordings: [wording(e, i.proposition, null)] }])),
      };
    }
    case "PartyAdded":
      return state && { ...state, parties: { ...state.parties, [e.data.party.id]: e.data.party } };
    case "IssueAdded":
      return state && { ...state, issues: { ...state.issues, [e.data.issue.id]: { id: e.data.issue.id, wordings: [wording(e, e.data.issue.proposition, null)] } } };
    case "IssueReworded": {
      const issue = state?.issues[e.data.issueId];
      if (!state || !issue) return state;
      const wordings = [...issue.wordings, wording(e, e.data.proposition, e.data.reason)].sort((a, b) => (a.from.from < b.from.from ? -1 : a.from.from > b.from.from ? 1 : 0));
      return { ...state, issues: { ...state.issues, [issue.id]: { id: issue.id, wordings } } };
    }
    default:
      return state;
  }
}

/**
 * The vocabulary as a projection. Unlike the timeline's recipes it replaces its state rather
 * than mutating it (it is small, and a write's decide step folds a batch on top of the recorded vocabulary, which must stay as it was if the batch is refused).
 */
export const vocabulary = {
  name: "vocabulary",
  handles: vocabularyTypes,
  initialState: (): Vocabulary | undefined => undefined,
  evolve: evolveVocabulary,
};

/** The wording a stance answered: the last one in force at the stance's valid time, else the first. */
export function wordingAt(issue: DeclaredIssue, at: ValidTime): Wording {
  let found = issue.wordings[0]!;
  for (const w of issue.wordings) if (w.from.from <= at.from) found = w;
  return found;
}

export { isVocabularyEvent };
