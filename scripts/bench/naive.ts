import { knownSince, type StoredEvent } from "../../events/envelope.ts";
import { isFiling } from "../../events/source-filed.ts";
import { applyEvent, initialState } from "../../projections/index.ts";
import { evolveVocabulary, isVocabularyEvent, type Vocabulary } from "../../projections/vocabulary.ts";
import { toDocument, type StateDocument } from "../../src/engine/document.ts";
import { negotiationOf } from "../../src/engine/negotiation.ts";

const targetOf = (e: StoredEvent) => (e.type === "ReportCorrected" ? e.data.correctedEventId : e.type === "ReportRetracted" ? e.data.retractedEventId : undefined);

/** How an event reads after its latest correction; nothing if retracted. */
function effective(e: StoredEvent, c: StoredEvent | undefined): StoredEvent | undefined {
  if (!c) return e;
  if (c.type !== "ReportCorrected") return undefined;
  return { ...e, occurredAt: c.data.occurredAt ?? e.occurredAt, data: { ...e.data, ...(c.data.data ?? {}) }, sources: [...e.sources, ...c.sources] } as StoredEvent;
}

/**
 * The baseline the engine must beat: the same question answered by replaying the record
 * from its first event, with no index and no checkpoint. It keeps the negotiation's events
 * (known by `knownAt`), applies their corrections, sorts by valid time, folds them from
 * nothing and renders the same document.
 */
export function naiveStateAt(log: readonly StoredEvent[], negotiation: string, at: string, knownAt?: string): StateDocument {
  const mine = new Map<string, StoredEvent>();
  const latest = new Map<string, StoredEvent>();
  for (const e of log) {
    if (knownAt !== undefined && knownSince(e) > knownAt) continue;
    const target = targetOf(e);
    if (target === undefined) {
      if (negotiationOf(e.stream) === negotiation) mine.set(e.id, e);
    } else if ((latest.get(target)?.position ?? 0) < e.position) latest.set(target, e);
  }
  const shown = [...mine.values()].flatMap((e) => effective(e, latest.get(e.id)) ?? []);
  const atMs = Date.parse(at);
  const included = shown
    // Declarations and filed sources are facts about the record, not developments: the engine keeps them out of the timeline too.
    .filter((e) => !isVocabularyEvent(e) && !isFiling(e) && Date.parse(e.occurredAt.from) <= atMs)
    .sort((a, b) => Date.parse(a.occurredAt.from) - Date.parse(b.occurredAt.from) || a.position - b.position);
  const state = initialState();
  for (const e of included) applyEvent(state, e);
  const byId = new Map(shown.map((e) => [e.id, e]));
  const position = included.reduce((max, e) => Math.max(max, e.position), 0);
  return toDocument(state, { at, knownAt: knownAt ?? null, position, lookup: (id) => byId.get(id), vocabularies: vocabulariesOf(shown) });
}

/** Each negotiation's vocabulary, folded from its declarations in the order they were recorded. */
function vocabulariesOf(events: readonly StoredEvent[]): Vocabulary[] {
  const byNegotiation = new Map<string, Vocabulary | undefined>();
  for (const e of [...events].sort((a, b) => a.position - b.position)) {
    if (!isVocabularyEvent(e)) continue;
    const id = (e.data as { negotiationId: string }).negotiationId;
    byNegotiation.set(id, evolveVocabulary(byNegotiation.get(id), e));
  }
  return [...byNegotiation.values()].filter((v): v is Vocabulary => v !== undefined);
}
