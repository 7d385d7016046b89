import { definitionOf } from "../../events/catalogue.ts";
import type { Mention } from "../../events/define.ts";
import { InvalidEventError, type PendingEvent, type StoredEvent, type ValidationIssue } from "../../events/envelope.ts";
import { isFiling, type FiledSource } from "../../events/source-filed.ts";
import { cite, isRefusal } from "./citation.ts";
import { evolveVocabulary, isVocabularyEvent, type Vocabulary } from "../../projections/vocabulary.ts";
import { isCorrection } from "./corrections.ts";
import { checkNegotiationName, namesNegotiation, negotiationOf, streamIn } from "./negotiation.ts";

/** Each negotiation's vocabulary as the record holds it when a write arrives. */
export interface RecordedVocabularies {
  of(negotiation: string): Vocabulary | undefined;
  /** True for an id the record already holds: a retry, which the store answers without writing, so it is not decided again. */
  holds(id: string): boolean;
  /** The negotiations opened so far, for error messages. */
  opened(): string[];
  /** The source a negotiation has on file under `sourceId`, for citations by id. */
  filed(negotiation: string, sourceId: string): FiledSource | undefined;
}

/**
 * The decide step of a write: which negotiation each event goes to, and whether that
 * negotiation's vocabulary, as recorded now (transaction time, not valid time) plus the
 * declarations earlier in the same batch, knows every party and issue it names; and whether
 * each source cited by id is filed (on record or earlier in the batch) and holds its quote. Returns
 * the events placed in their negotiations' streams, or throws naming every bad field.
 */
export function decide(events: PendingEvent[], written: WriteTarget, recorded: RecordedVocabularies): PendingEvent[] {
  for (const name of [written.named, written.fallback]) if (name !== undefined) checkNegotiationName(name);
  const target = { ...written, named: written.named ?? openedIn(events) };
  const negotiation = target.named ?? target.fallback;
  const vocabularies = new Map<string, Vocabulary | undefined>();
  const vocabularyOf = (n: string) => (vocabularies.has(n) ? vocabularies.get(n) : recorded.of(n));
  const filings = new Map<string, FiledSource>();
  const filedIn = (n: string, sourceId: string) => filings.get(`${n}\n${sourceId}`) ?? recorded.filed(n, sourceId);
  const issues: ValidationIssue[] = [];
  const inNegotiations = events.map((e, index) => {
    const fail = (path: string, message: string) => void issues.push({ path: `[${index}].${path}`, message });
    // A correction belongs to the negotiation of the event it corrects, which the engine resolves.
    if (isCorrection(e)) return negotiation === undefined || namesNegotiation(e.stream) ? e : { ...e, stream: streamIn(negotiation, e.stream) };
    const into = negotiationFor(e, target);
    if (typeof into !== "string") return (fail(into.path, into.message), e);
    const placed = { ...e, stream: namesNegotiation(e.stream) ? e.stream : streamIn(into, e.stream) };
    if (recorded.holds(e.id)) return placed;
    const vocabulary = vocabularyOf(into);
    if (isVocabularyEvent(e)) {
      const refusal = declarationRefusal(e, vocabulary, recorded);
      if (refusal) return (fail(refusal.path, refusal.message), e);
      vocabularies.set(into, evolveVocabulary(vocabulary, e as StoredEvent));
    } else if (!vocabulary) {
      return (fail("negotiation", neverOpened(into, recorded)), e);
    } else {
      for (const m of definitionOf(e.type)!.mentions(e.data)) {
        const unknown = unknownMention(m, vocabulary);
        if (unknown) fail(`data.${m.path.join(".")}`, unknown);
      }
      if (isFiling(e)) {
        const filed = e.data as FiledSource;
        if (filedIn(into, filed.sourceId)) fail("data.sourceId", `source '${filed.sourceId}' is already filed in '${into}'; file another text under a new sourceId`);
        else filings.set(`${into}\n${filed.sourceId}`, filed);
      }
    }
    return { ...placed, sources: citeFiled(placed, (sourceId) => filedIn(into, sourceId), fail) };
  });
  if (issues.length) throw new InvalidEventError(issues, Number(/^\[(\d+)\]/.exec(issues[0]!.path)?.[1]));
  return inNegotiations;
}

/** The negotiation a write names, and the one writes that name none go to (PARLEY_NEGOTIATION). */
export interface WriteTarget {
  named?: string | undefined;
  fallback?: string | undefined;
}

type Refusal = { path: string; message: string };

/** A batch that opens one negotiation writes into it: the opening names it as plainly as a flag would. */
function openedIn(events: PendingEvent[]): string | undefined {
  const opened = new Set(events.flatMap((e) => (e.type === "NegotiationOpened" ? [e.data.negotiationId] : [])));
  return opened.size === 1 ? [...opened][0] : undefined;
}

/** The negotiation an event is written into: a declaration's own, a stream's prefix, the one the write names, or the fallback. */
function negotiationFor(e: PendingEvent, { named, fallback }: WriteTarget): string | Refusal {
  const declared = isVocabularyEvent(e) ? (e.data as { negotiationId: string }).negotiationId : undefined;
  const prefixed = namesNegotiation(e.stream) ? negotiationOf(e.stream) : undefined;
  const negotiation = declared ?? prefixed ?? named ?? fallback;
  if (negotiation === undefined) return { path: "negotiation", message: "name the negotiation to write into (--negotiation, PARLEY_NEGOTIATION, or `negotiation` in the request)" };
  if (named !== undefined && negotiation !== named)
    return { path: declared ? "data.negotiationId" : "stream", message: `belongs to negotiation '${negotiation}', but the write is into '${named}'` };
  return negotiation;
}

/** Each source that names a filed `sourceId`, filled from the filing and placed in its text; a refusal per source that cannot be. */
function citeFiled(e: PendingEvent, filedAs: (sourceId: string) => FiledSource | undefined, fail: (path: string, message: string) => void): PendingEvent["sources"] {
  return e.sources.map((source, i) => {
    if (source.sourceId === undefined) return source;
    const filed = filedAs(source.sourceId);
    if (!filed)
      return (fail(`sources.${i}.sourceId`, `no source '${source.sourceId}' is filed in this negotiation; file it first (SourceFiled, on record or earlier in the batch)`), source);
    const cited = cite(source, filed);
    if (isRefusal(cited)) return (fail(`sources.${i}.${cited.field}`, cited.message), source);
    return cited;
  });
}

function neverOpened(negotiation: string, recorded: RecordedVocabularies): string {
  const opened = recorded.opened().sort();
  return `negotiation '${negotiation}' was never opened: record a NegotiationOpened first; opened negotiations: ${opened.length ? opened.join(", ") : "(none)"}`;
}

function declarationRefusal(e: PendingEvent, vocabulary: Vocabulary | undefined, recorded: RecordedVocabularies): Refusal | undefined {
  if (e.type === "NegotiationOpened")
    return vocabulary ? { path: "data.negotiationId", message: `negotiation '${e.data.negotiationId}' is already open; declare more with PartyAdded or IssueAdded` } : undefined;
  const id = (e.data as { negotiationId: string }).negotiationId;
  if (!vocabulary) return { path: "data.negotiationId", message: neverOpened(id, recorded) };
  if (e.type === "PartyAdded" && vocabulary.parties[e.data.party.id]) return { path: "data.party.id", message: `party '${e.data.party.id}' is already declared in '${id}'` };
  if (e.type === "IssueAdded" && vocabulary.issues[e.data.issue.id])
    return { path: "data.issue.id", message: `issue '${e.data.issue.id}' is already declared in '${id}'; reword it with IssueReworded` };
  if (e.type === "IssueReworded" && !vocabulary.issues[e.data.issueId])
    return { path: "data.issueId", message: unknownMention({ kind: "issue", id: e.data.issueId, path: [] }, vocabulary)! };
  return undefined;
}

function unknownMention(m: Mention, vocabulary: Vocabulary): string | undefined {
  const known = Object.keys(m.kind === "party" ? vocabulary.parties : vocabulary.issues);
  if (known.includes(m.id)) return undefined;
  return `unknown ${m.kind} '${m.id}' in negotiation '${vocabulary.negotiationId}'; it knows: ${known.join(", ") || "(none yet)"}`;
}
