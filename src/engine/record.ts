import { definitionOf } from "../../events/catalogue.ts";
import { issuesOf } from "../../events/issues.ts";
import { InvalidEventError, parseCopies, parseEvents, type PendingEvent, type StoredEvent } from "../../events/envelope.ts";
import { runsByStream, type EventStore, type ExpectedVersion, type StreamBatch } from "../store/port.ts";
import { targetField, targetOf } from "./corrections.ts";
import { decide, type RecordedVocabularies } from "./decide.ts";
import { streamIn } from "./negotiation.ts";
import type { Views } from "./views.ts";

export interface RecordOptions {
  /** Put every event in this stream instead of the one its type names. */
  stream?: string;
  /** Record the events in this negotiation: their streams are prefixed with its name. */
  negotiation?: string;
  expectedVersion?: ExpectedVersion;
  /** The inputs are exported events (`parley import`): each keeps the `recordedAt` it carries. */
  copies?: boolean;
}

/** What a write is checked against: the record as the engine holds it, the store behind it, and where unnamed writes go. */
export interface RecordContext {
  views: Views;
  store: EventStore;
  /** Where a write that names no negotiation goes (PARLEY_NEGOTIATION); without one, such a write is refused. */
  defaultNegotiation: string | undefined;
}

/**
 * Everything a write does before the store: parse, check corrections, decide (vocabulary,
 * negotiation, filed sources), and split into per-stream batches. Throws naming every bad
 * field; nothing reaches the store unless the whole batch passes.
 */
export async function prepareWrite(inputs: unknown[], options: RecordOptions, context: RecordContext): Promise<StreamBatch[]> {
  const parsed = options.copies ? parseCopies(inputs) : parseEvents(inputs);
  await checkCorrections(parsed, context);
  const negotiation = options.negotiation ?? context.defaultNegotiation;
  const events = decide(parsed, { named: options.negotiation, fallback: context.defaultNegotiation }, recordedVocabularies(context.views));
  return toBatches(events, { ...options, ...(negotiation === undefined ? {} : { negotiation }) });
}

/** A correction must name an event that exists, and its replacement must fit that event's schema. */
async function checkCorrections(events: PendingEvent[], { views, store }: RecordContext): Promise<void> {
  const batchIds = new Map(events.map((e) => [e.id, e]));
  for (const [index, e] of events.entries()) {
    const field = targetField(e);
    if (!field) continue;
    const targetId = targetOf(e);
    const target = batchIds.get(targetId) ?? views.find(targetId) ?? (await store.findById(targetId));
    const fail = (message: string) => new InvalidEventError([{ path: `[${index}].data.${field}`, message }], index);
    if (!target) throw fail(`no event with id ${targetId} to correct`);
    if (targetField(target)) throw fail("a correction cannot target another correction; correct the original event");
    // Quotes were checked against the filed text and placed in it; changing it would unmoor them.
    if (target.type === "SourceFiled") throw fail("a filed source is kept as filed; file the corrected text under a new sourceId");
    if (e.type === "ReportCorrected" && e.data.data) e.data.data = replacementFor(target, e.data.data, index);
  }
}

/** The corrected event's payload, checked against its own schema so the correction cannot make it unreadable. */
function replacementFor(target: PendingEvent | StoredEvent, replacement: Record<string, unknown>, index: number): Record<string, unknown> {
  const merged = definitionOf(target.type)!.data.safeParse({ ...target.data, ...replacement });
  if (merged.success) return merged.data as Record<string, unknown>;
  throw new InvalidEventError(issuesOf(merged.error, { prefix: [`[${index}]`, "data", "data"] }), index);
}

/** Each negotiation's vocabulary as recorded now: what the decide step checks a write against. */
function recordedVocabularies(views: Views): RecordedVocabularies {
  const of = (negotiation: string) =>
    views
      .view(negotiation)
      .vocabularies()
      .find((v) => v.negotiationId === negotiation);
  return {
    of,
    opened: () => views.names().filter((n) => of(n) !== undefined),
    holds: (id) => views.find(id) !== undefined,
    filed: (negotiation, sourceId) => views.view(negotiation).filed(sourceId),
  };
}

/** Splits events into per-stream runs in written order; an expected version only makes sense for one stream. */
function toBatches(events: PendingEvent[], options: RecordOptions): StreamBatch[] {
  const expected = options.expectedVersion ?? "any";
  if (options.stream) {
    const stream = options.negotiation === undefined ? options.stream : streamIn(options.negotiation, options.stream);
    return [{ stream, events: events.map((e) => ({ ...e, stream })), expected }];
  }
  const runs = runsByStream(events, expected);
  const streams = new Set(runs.map((r) => r.stream));
  if (streams.size > 1 && expected !== "any")
    throw new InvalidEventError([
      { path: "expectedVersion", message: `events go to ${streams.size} streams (${[...streams].join(", ")}); an expected version needs a single stream` },
    ]);
  return runs;
}
