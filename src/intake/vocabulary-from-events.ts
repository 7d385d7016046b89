import type { DraftVocabulary, VocabularyParty } from "./vocabulary.ts";

interface RecordedEvent {
  type: string;
  data: Record<string, unknown>;
}

interface Named {
  name?: unknown;
  party?: unknown;
  role?: unknown;
}

/** "US officials", "several European leaders" act for a party but are not people on record. */
const isPersonName = (name: string) => name.split(/\s+/).length >= 2 && name.split(/\s+/).every((w) => /^\p{Lu}/u.test(w));

function peopleOf(events: RecordedEvent[]): DraftVocabulary["people"] {
  const named: Named[] = events.flatMap((e) => [
    ...((e.data.participants as Named[] | undefined) ?? []),
    ...(typeof e.data.person === "string" ? [{ name: e.data.person, party: e.data.party, role: e.data.role }] : []),
    ...(typeof e.data.speaker === "string" ? [{ name: e.data.speaker, party: e.data.party }] : []),
  ]);
  const people = new Map<string, DraftVocabulary["people"][number]>();
  for (const n of named) {
    if (typeof n.name !== "string" || typeof n.party !== "string" || !isPersonName(n.name) || people.has(n.name)) continue;
    people.set(n.name, { name: n.name, party: n.party, ...(typeof n.role === "string" ? { role: n.role } : {}) });
  }
  return [...people.values()];
}

const placesOf = (events: RecordedEvent[]) => [...new Set(events.flatMap((e) => (typeof e.data.place === "string" ? [e.data.place] : [])))];

/**
 * The vocabulary a recorded history gives drafting: its parties and issues as its
 * NegotiationOpened / PartyAdded / IssueAdded events declare them, else as `declared`
 * supplies them for a history written before those events existed; its people and places
 * from every event that names them.
 */
export function vocabularyFromEvents(events: RecordedEvent[], declared: Pick<DraftVocabulary, "parties" | "issues">): DraftVocabulary {
  const opened = events.find((e) => e.type === "NegotiationOpened")?.data as Partial<DraftVocabulary> | undefined;
  const parties: VocabularyParty[] = [...(opened?.parties ?? declared.parties), ...events.filter((e) => e.type === "PartyAdded").map((e) => e.data.party as VocabularyParty)];
  const issues = [...(opened?.issues ?? declared.issues), ...events.filter((e) => e.type === "IssueAdded").map((e) => e.data.issue as DraftVocabulary["issues"][number])];
  return { parties, issues, people: peopleOf(events), places: placesOf(events) };
}
