import { definitionOf } from "../../events/catalogue.ts";
import { dateRange, edtfOf, type DateRange } from "../../events/valid-time.ts";
import { InvalidEventError, parseCopies, parseEvents, type PendingEvent, type StoredEvent } from "../../events/envelope.ts";
import { runsByStream, type AppendResult, type EventStore, type ExpectedVersion, type StreamBatch } from "../store/port.ts";
import type { Change } from "./change.ts";
import { decide, type RecordedVocabularies } from "./decide.ts";
import { diffStates, type StateChange } from "./diff.ts";
import { documentAt, type SourceRef, type StateDocument } from "./document.ts";
import type { Reading } from "./known-at.ts";
import { streamIn } from "./negotiation.ts";
import { Follower } from "./follower.ts";
import { previewOf, type Preview } from "./preview.ts";
import { DiffQuery, StateQuery, parseQuery } from "./query.ts";
import { Views, type NegotiationSummary } from "./views.ts";

export interface ChangeObserver {
  changed(change: Change): void;
  failed(event: StoredEvent, error: unknown): void;
}

/** One line of a timeline: a development (or a correction), when it happened, and who says so. */
export interface TimelineEntry {
  eventId: string;
  position: number;
  type: string;
  stream: string;
  /** EDTF, with its interval beside it. */
  occurredAt: string;
  occurredAtRange: DateRange;
  reportedAt: string | null;
  recordedAt: string;
  summary: string;
  sources: SourceRef[];
  correctedBy: string | null;
}

export interface DiffReport {
  from: string;
  to: string;
  knownAt: string | null;
  changes: StateChange[];
  /** Developments whose valid time starts in (from, to], in valid-time order. */
  events: TimelineEntry[];
}

export interface RecordOptions {
  /** Put every event in this stream instead of the one its type names. */
  stream?: string;
  /** Record the events in this negotiation: their streams are prefixed with its name. */
  negotiation?: string;
  expectedVersion?: ExpectedVersion;
  /** The inputs are exported events (`parley import`): each keeps the `recordedAt` it carries. */
  copies?: boolean;
}

/**
 * The engine: follows a store, keeps every view of the record, and answers
 * "what was the state at X (as known at Y)" and "what changed between X and Y",
 * for one negotiation or the whole record.
 */
export class Chronicle {
  private readonly views = new Views();
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  private readonly observers = new Set<ChangeObserver>();
  private readonly stop = new AbortController();
  private following: Promise<void> | undefined;
  private follower: Follower | undefined;

  private constructor(
    readonly store: EventStore,
    /** Where a write that names no negotiation goes (PARLEY_NEGOTIATION); without one, such a write is refused. */
    readonly defaultNegotiation: string | undefined,
  ) {}

  /**
   * Reads the whole store and folds every negotiation, so the first query finds its
   * checkpoints ready; then (unless `follow` is false) follows live appends.
   */
  static async open(store: EventStore, options: { follow?: boolean; onProgress?: (done: number) => void; log?: (line: string) => void; defaultNegotiation?: string } = {}): Promise<Chronicle> {
    const chronicle = new Chronicle(store, options.defaultNegotiation);
    for await (const batch of store.readAll()) {
      chronicle.views.index(batch);
      options.onProgress?.(chronicle.views.log.length);
    }
    chronicle.views.fill();
    if (options.follow !== false) {
      chronicle.follower = new Follower((heard) => chronicle.follow(heard), { signal: chronicle.stop.signal, log: options.log ?? console.error });
      chronicle.following = chronicle.follower.start();
    }
    return chronicle;
  }

  get head(): number {
    return this.views.head;
  }

  get events(): readonly StoredEvent[] {
    return this.views.log;
  }

  /** The negotiations the record holds, by name; events written without one are in "default". */
  negotiations(): string[] {
    return this.views.names();
  }

  /** The negotiations by name, each with its vocabulary, how many events and developments it holds, and the valid time they span. */
  negotiationSummaries(): NegotiationSummary[] {
    return this.views.summaries();
  }

  /** One negotiation's summary; undefined when the record holds no such negotiation. */
  negotiationSummary(name: string): NegotiationSummary | undefined {
    return this.views.summary(name);
  }

  /** What keeps the engine from following the store right now (see Follower); empty when all is well. */
  get problems(): string[] {
    return this.follower?.problems ?? [];
  }

  private async follow(heard: () => void): Promise<void> {
    for await (const message of this.store.subscribe({ after: this.head, signal: this.stop.signal })) {
      heard();
      if (message.kind === "event" && message.event.position > this.head) this.ingest(message.event);
    }
  }

  private ingest(event: StoredEvent): void {
    if (this.observers.size === 0) this.views.add(event);
    else this.observe(event);
    for (const listener of this.listeners) listener(event);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.position <= this.head) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  private observe(event: StoredEvent): void {
    const change = this.views.addObserved(event, (error) => this.observers.forEach((o) => o.failed(event, error)));
    if (change) for (const o of this.observers) o.changed(change);
  }

  /**
   * Tells `observer` what each event ingested from now on changed in its negotiation (or
   * why that could not be told); returns the unsubscribe. Nothing is computed while no one observes.
   */
  onChange(observer: ChangeObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Calls `listener` with each event ingested from now on; returns the unsubscribe. */
  onEvent(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves once the engine holds `position`. While the live follower is down (it retries
   * with backoff), a writer reads its own events from the store rather than wait for the
   * follower: an acknowledged write never hangs on a broken subscription.
   */
  private caughtUpTo(position: number): Promise<void> {
    if (position <= this.head) return Promise.resolve();
    if (!this.following || this.problems.length > 0) {
      return (async () => {
        for await (const batch of this.store.readAll({ after: this.head })) for (const e of batch) if (e.position > this.head) this.ingest(e);
      })();
    }
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  /**
   * Validates and appends events; nothing is written unless every event is valid.
   * Resolves once the engine has ingested them, so the next query sees them.
   */
  async record(inputs: unknown[], options: RecordOptions = {}): Promise<AppendResult[]> {
    const results = await this.store.appendMany(await this.prepare(inputs, options));
    await this.caughtUpTo(Math.max(...results.map((r) => r.position)));
    return results;
  }

  /**
   * What recording `inputs` would change, and what an analyst should look at first, without
   * writing: the same parse and decide step as `record`, so a batch it accepts `record` accepts.
   */
  async preview(inputs: unknown[], options: RecordOptions = {}): Promise<Preview> {
    const fallback = this.defaultNegotiation;
    return previewOf(this, await this.prepare(inputs, options), (store) => Chronicle.open(store, { follow: false, ...(fallback ? { defaultNegotiation: fallback } : {}) }));
  }

  /** Parse, check corrections, decide, and split into per-stream batches: everything a write does before the store. */
  private async prepare(inputs: unknown[], options: RecordOptions): Promise<StreamBatch[]> {
    const parsed = options.copies ? parseCopies(inputs) : parseEvents(inputs);
    await this.checkCorrections(parsed);
    const negotiation = options.negotiation ?? this.defaultNegotiation;
    const events = decide(parsed, { named: options.negotiation, fallback: this.defaultNegotiation }, this.vocabularies);
    return toBatches(events, { ...options, ...(negotiation === undefined ? {} : { negotiation }) });
  }

  /** A correction must name an event that exists, and its replacement must fit that event's schema. */
  private async checkCorrections(events: PendingEvent[]): Promise<void> {
    const batchIds = new Map(events.map((e) => [e.id, e]));
    for (const [index, e] of events.entries()) {
      if (e.type !== "ReportCorrected" && e.type !== "ReportRetracted") continue;
      const field = e.type === "ReportCorrected" ? "correctedEventId" : "retractedEventId";
      const targetId = e.type === "ReportCorrected" ? e.data.correctedEventId : e.data.retractedEventId;
      const target = batchIds.get(targetId) ?? this.views.find(targetId) ?? (await this.store.findById(targetId));
      const fail = (message: string) => new InvalidEventError([{ path: `[${index}].data.${field}`, message }], index);
      if (!target) throw fail(`no event with id ${targetId} to correct`);
      if (target.type === "ReportCorrected" || target.type === "ReportRetracted") throw fail("a correction cannot target another correction; correct the original event");
      // Quotes were checked against the filed text and placed in it; changing it would unmoor them.
      if (target.type === "SourceFiled") throw fail("a filed source is kept as filed; file the corrected text under a new sourceId");
      if (e.type === "ReportCorrected" && e.data.data) {
        const merged = definitionOf(target.type)!.data.safeParse({ ...target.data, ...e.data.data });
        if (!merged.success)
          throw new InvalidEventError(merged.error.issues.map((i) => ({ path: `[${index}].data.data.${i.path.map(String).join(".")}`, message: i.message })), index);
        e.data.data = merged.data as Record<string, unknown>;
      }
    }
  }

  /** Each negotiation's vocabulary as recorded now: what the decide step checks a write against. */
  private readonly vocabularies: RecordedVocabularies = {
    of: (negotiation) => this.views.view(negotiation).vocabularies().find((v) => v.negotiationId === negotiation),
    opened: () => this.views.names().filter((n) => this.vocabularies.of(n) !== undefined),
    holds: (id) => this.views.find(id) !== undefined,
    filed: (negotiation, sourceId) => this.views.view(negotiation).filed(sourceId),
  };

  private reading(negotiation: string | undefined, knownAt: string | undefined): Reading {
    return this.views.view(negotiation).reading(knownAt);
  }

  /** The state of every projection at a valid time, optionally as the record stood at a transaction time, for one negotiation or all. */
  stateAt(query: StateQuery = {}): StateDocument {
    const { at = new Date().toISOString(), knownAt, negotiation } = parseQuery(StateQuery, query);
    return documentAt(this.reading(negotiation, knownAt), at, knownAt ?? null);
  }

  diff(query: DiffQuery): DiffReport {
    const { from, to, knownAt, negotiation } = parseQuery(DiffQuery, query);
    const scope = { ...(knownAt ? { knownAt } : {}), ...(negotiation ? { negotiation } : {}) };
    const before = this.stateAt({ at: from, ...scope });
    const after = this.stateAt({ at: to, ...scope });
    const reading = this.reading(negotiation, knownAt);
    const events = reading.between(Date.parse(from), Date.parse(to)).map((e) => this.entry(e, reading));
    return { from, to, knownAt: knownAt ?? null, changes: diffStates(before, after), events };
  }

  /** Every development in valid-time order (corrections applied), with sources. */
  history(query: StateQuery = {}): TimelineEntry[] {
    const { at, knownAt, negotiation } = parseQuery(StateQuery, query);
    const reading = this.reading(negotiation, knownAt);
    return reading.between(-Infinity, at ? Date.parse(at) : Infinity).map((e) => this.entry(e, reading));
  }

  private entry(e: StoredEvent, reading: Reading): TimelineEntry {
    const correction = reading.correctionOf(e.id);
    return {
      eventId: e.id, position: e.position, type: e.type, stream: e.stream, occurredAt: edtfOf(e.occurredAt), occurredAtRange: dateRange(e.occurredAt),
      reportedAt: e.reportedAt, recordedAt: e.recordedAt, summary: definitionOf(e.type)!.describe(e.data as never),
      sources: e.sources.map((s) => ({ ...s, eventId: e.id })), correctedBy: correction?.id ?? null,
    };
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.following;
  }
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
    throw new InvalidEventError([{ path: "expectedVersion", message: `events go to ${streams.size} streams (${[...streams].join(", ")}); an expected version needs a single stream` }]);
  return runs;
}
