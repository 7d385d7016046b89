import { randomUUID } from "node:crypto";
import { z } from "zod";
import { definitionOf, eventTypes, upcast, type TypedData } from "./catalogue.ts";
import { isVocabularyEvent } from "./negotiation.ts";
import { EventId } from "./event-id.ts";
import { Source } from "./source.ts";
import { isFiling } from "./source-filed.ts";
import { StreamName } from "./stream-name.ts";
import { describeIssues, issuesOf, type ValidationIssue } from "./issues.ts";
import { ValidTime, ValidTimeField, edtfOf, parseDay } from "./valid-time.ts";

const ReportedAt = z
  .string()
  .refine((s) => parseDay(s) !== undefined || (z.iso.datetime({ offset: true }).safeParse(s).success && parseDay(s.slice(0, 10)) !== undefined), {
    message: "must be a date (YYYY-MM-DD) or an ISO instant with offset",
  })
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00.000Z` : s).toISOString());

/** What a writer sends: the envelope, with the payload checked against its type's schema. */
export const NewEventInput = z.strictObject({
  id: EventId.optional(),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive().optional(),
  stream: StreamName.optional(),
  occurredAt: ValidTimeField,
  reportedAt: ReportedAt.optional(),
  sources: z.array(Source).default([]),
  data: z.unknown(),
});
export type NewEventInput = z.input<typeof NewEventInput>;

/**
 * The envelope's fields and the payload, in the order a writer sends them: the one list,
 * read off NewEventInput, that every store body, export and copy writes.
 */
export type EnvelopeField = keyof typeof NewEventInput.shape;
export const envelopeFields = Object.keys(NewEventInput.shape) as EnvelopeField[];

/** An event's envelope and payload, without what a store adds (its place in the log, its transaction time). */
export function envelopeOf<E extends Record<EnvelopeField, unknown>>(e: E): Pick<E, EnvelopeField> {
  const envelope = {} as Pick<E, EnvelopeField>;
  for (const field of envelopeFields) envelope[field] = e[field];
  return envelope;
}

/** Envelope fields common to every event, whatever its type. */
export interface Envelope {
  id: string;
  schemaVersion: number;
  stream: string;
  occurredAt: ValidTime;
  reportedAt: string | null;
  sources: Source[];
  /**
   * Only on a copy of an event another store recorded first (`parley import`, `migrate`):
   * its transaction time there, which the copy keeps. Writers never set it; a store sets it.
   */
  recordedAt?: string;
}
/** A validated event, ready to append. */
export type PendingEvent = Envelope & TypedData;
/** An event as the store holds it. */
export type StoredEvent = PendingEvent & { position: number; streamVersion: number; recordedAt: string };

export type { ValidationIssue } from "./issues.ts";
export class InvalidEventError extends Error {
  constructor(
    readonly issues: ValidationIssue[],
    readonly index?: number,
  ) {
    super(describeIssues(issues, "(event)"));
    this.name = "InvalidEventError";
  }
}

/**
 * A stored event as Parley shows it outside the engine (exports, the API, the live feed):
 * each valid time carries its EDTF string beside the interval it was stored as.
 */
export function withEdtf(e: StoredEvent): StoredEvent {
  const dated = (vt: ValidTime): ValidTime => ({ ...vt, edtf: edtfOf(vt) });
  const data = e.type === "MeetingScheduled" ? { ...e.data, date: dated(e.data.date) } : e.data;
  return { ...e, occurredAt: dated(e.occurredAt), data } as StoredEvent;
}

/**
 * A drafted event (`parley draft`, POST /api/drafts) carries a `draft` annotation until an analyst
 * has reviewed it; refusing it here, where every write path parses, keeps half-reviewed drafts out of the record.
 */
function draftRefusal(input: unknown): ValidationIssue | undefined {
  if (typeof input !== "object" || input === null || !("draft" in input)) return undefined;
  const needs = (input as { draft?: { needs?: unknown } }).draft?.needs;
  const named = Array.isArray(needs) ? needs.filter((n): n is string => typeof n === "string") : [];
  const todo = named.length > 0 ? `check or fill ${named.join(", ")}` : "check it";
  return { path: "draft", message: `this is a draft still to review: ${todo}, then remove "draft"` };
}

/** Validates one event as written by a person or script; throws InvalidEventError naming each bad field. */
export function parseEvent(input: unknown): PendingEvent {
  const drafted = draftRefusal(input);
  if (drafted) throw new InvalidEventError([drafted]);
  const envelope = NewEventInput.safeParse(input);
  if (!envelope.success) throw new InvalidEventError(issuesOf(envelope.error));
  const e = envelope.data;
  const def = definitionOf(e.type);
  if (!def) throw new InvalidEventError([{ path: "type", message: `unknown event type '${e.type}'; known types: ${eventTypes.join(", ")}` }]);
  const version = e.schemaVersion ?? def.version;
  if (version > def.version) throw new InvalidEventError([{ path: "schemaVersion", message: `${e.type} has no version ${version} (current is ${def.version})` }]);
  // A negotiation's declarations are the analyst's own categories, and a filed source is the evidence
  // itself; every development needs a source.
  if (e.sources.length === 0 && !isVocabularyEvent(e) && !isFiling(e)) throw new InvalidEventError([{ path: "sources", message: "every event needs at least one source" }]);
  const lifted = upcast(e.type, version, e.data ?? {});
  const data = def.data.safeParse(lifted.data);
  if (!data.success) throw new InvalidEventError(issuesOf(data.error, { prefix: ["data"] }));
  if (e.reportedAt && Date.parse(e.reportedAt) < Date.parse(e.occurredAt.from))
    throw new InvalidEventError([{ path: "reportedAt", message: `reported (${e.reportedAt}) before the development could have happened (${e.occurredAt.from})` }]);
  const stream = e.stream ?? def.stream(data.data);
  return {
    id: e.id ?? randomUUID(),
    type: e.type,
    schemaVersion: def.version,
    stream,
    occurredAt: e.occurredAt,
    reportedAt: e.reportedAt ?? null,
    sources: e.sources,
    data: data.data,
  } as PendingEvent;
}

/** Validates a batch: every event or none, with the failing index named. */
export function parseEvents(inputs: unknown[]): PendingEvent[] {
  return inputs.map((input, index) => {
    try {
      return parseEvent(input);
    } catch (err) {
      if (err instanceof InvalidEventError)
        throw new InvalidEventError(
          err.issues.map((i) => ({ ...i, path: `[${index}].${i.path}` })),
          index,
        );
      throw err;
    }
  });
}

const RecordedAt = z.iso.datetime().refine((s) => Date.parse(s) <= Date.now(), "a transaction time cannot be in the future");

/**
 * Validates events exported from a Parley store (`parley export`): like new ones, except
 * that each keeps the `recordedAt` it had there, so "as known at" answers survive the copy.
 */
export function parseCopies(inputs: unknown[]): PendingEvent[] {
  const copies = inputs.map((input, index) => {
    if (typeof input !== "object" || input === null || Array.isArray(input) || !("recordedAt" in input)) return { input, recordedAt: undefined };
    const { recordedAt, ...rest } = input as Record<string, unknown>;
    const parsed = RecordedAt.safeParse(recordedAt);
    if (!parsed.success) throw new InvalidEventError([{ path: `[${index}].recordedAt`, message: parsed.error.issues[0]!.message }], index);
    return { input: rest, recordedAt: parsed.data };
  });
  return parseEvents(copies.map((c) => c.input)).map((e, i) => {
    const recordedAt = copies[i]!.recordedAt;
    return recordedAt === undefined ? e : { ...e, recordedAt };
  });
}

/** When the record learnt of an event: the report's date, else when the store took it. */
export const knownSince = (e: StoredEvent): string => e.reportedAt ?? e.recordedAt;
