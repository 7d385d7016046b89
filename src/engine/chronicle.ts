import { definitionOf } from "../../events/catalogue.ts";
import { InvalidEventError, knownSince, parseEvents, type PendingEvent, type StoredEvent } from "../../events/envelope.ts";
import type { AppendResult, EventStore, ExpectedVersion, StreamBatch } from "../store/port.ts";
import { diffStates, type StateChange } from "./diff.ts";
import { toDocument, type SourceRef, type StateDocument } from "./document.ts";
import { DiffQuery, StateQuery, parseQuery } from "./query.ts";
import { RecordView } from "./record-view.ts";

/** One line of a timeline: a development (or a correction), when it happened, and who says so. */
export interface TimelineEntry {
  eventId: string;
  position: number;
  type: string;
  stream: string;
  occurredAt: StoredEvent["occurredAt"];
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
  expectedVersion?: ExpectedVersion;
}

const KNOWN_VIEWS_KEPT = 16;

/**
 * The engine: follows a store, keeps every view of the record, and answers
 * "what was the state at X (as known at Y)" and "what changed between X and Y".
 */
export class Chronicle {
  private readonly live = new RecordView();
  private readonly known = new Map<string, RecordView>();
  private readonly log: StoredEvent[] = [];
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  private readonly stop = new AbortController();
  private following: Promise<void> | undefined;

  private constructor(readonly store: EventStore) {}

  /** Reads the whole store, then (unless `follow` is false) follows live appends. */
  static async open(store: EventStore, options: { follow?: boolean; onProgress?: (done: number) => void } = {}): Promise<Chronicle> {
    const chronicle = new Chronicle(store);
    for await (const batch of store.readAll()) {
      for (const e of batch) chronicle.ingest(e);
      options.onProgress?.(chronicle.log.length);
    }
    if (options.follow !== false) chronicle.following = chronicle.follow();
    return chronicle;
  }

  get head(): number {
    return this.live.head;
  }

  get events(): readonly StoredEvent[] {
    return this.log;
  }

  private async follow(): Promise<void> {
    for await (const message of this.store.subscribe({ after: this.head, signal: this.stop.signal })) {
      if (message.kind === "event" && message.event.position > this.head) this.ingest(message.event);
    }
  }

  private ingest(event: StoredEvent): void {
    this.log.push(event);
    this.live.add(event);
    for (const [knownAt, view] of this.known) if (knownSince(event) <= knownAt) view.add(event);
    for (const listener of this.listeners) listener(event);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.position <= this.head) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  /** Calls `listener` with each event ingested from now on; returns the unsubscribe. */
  onEvent(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private caughtUpTo(position: number): Promise<void> {
    if (position <= this.head) return Promise.resolve();
    if (!this.following) {
      return (async () => {
        for await (const batch of this.store.readAll({ after: this.head })) for (const e of batch) this.ingest(e);
      })();
    }
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  /**
   * Validates and appends events; nothing is written unless every event is valid.
   * Resolves once the engine has ingested them, so the next query sees them.
   */
  async record(inputs: unknown[], options: RecordOptions = {}): Promise<AppendResult[]> {
    const events = parseEvents(inputs);
    await this.checkCorrections(events);
    const batches = toBatches(events, options);
    const results = await this.store.appendMany(batches);
    await this.caughtUpTo(Math.max(...results.map((r) => r.position)));
    return results;
  }

  /** A correction must name an event that exists, and its replacement must fit that event's schema. */
  private async checkCorrections(events: PendingEvent[]): Promise<void> {
    const batchIds = new Map(events.map((e) => [e.id, e]));
    for (const [index, e] of events.entries()) {
      if (e.type !== "ReportCorrected" && e.type !== "ReportRetracted") continue;
      const field = e.type === "ReportCorrected" ? "correctedEventId" : "retractedEventId";
      const targetId = e.type === "ReportCorrected" ? e.data.correctedEventId : e.data.retractedEventId;
      const target = batchIds.get(targetId) ?? (await this.store.findById(targetId));
      const fail = (message: string) => new InvalidEventError([{ path: `[${index}].data.${field}`, message }], index);
      if (!target) throw fail(`no event with id ${targetId} to correct`);
      if (target.type === "ReportCorrected" || target.type === "ReportRetracted") throw fail("a correction cannot target another correction; correct the original event");
      if (e.type === "ReportCorrected" && e.data.data) {
        const merged = definitionOf(target.type)!.data.safeParse({ ...target.data, ...e.data.data });
        if (!merged.success)
          throw new InvalidEventError(merged.error.issues.map((i) => ({ path: `[${index}].data.data.${i.path.map(String).join(".")}`, message: i.message })), index);
        e.data.data = merged.data as Record<string, unknown>;
      }
    }
  }

  private view(knownAt: string | undefined): RecordView {
    if (knownAt === undefined) return this.live;
    const cached = this.known.get(knownAt);
    if (cached) return cached;
    const view = new RecordView();
    for (const e of this.log) if (knownSince(e) <= knownAt) view.add(e);
    this.known.set(knownAt, view);
    if (this.known.size > KNOWN_VIEWS_KEPT) this.known.delete(this.known.keys().next().value!);
    return view;
  }

  /** The state of every projection at a valid time, optionally as the record stood at a transaction time. */
  stateAt(query: StateQuery = {}): StateDocument {
    const { at = new Date().toISOString(), knownAt } = parseQuery(StateQuery, query);
    const view = this.view(knownAt);
    const checkpoint = view.timeline.stateAfter(view.timeline.countUntil(Date.parse(at)));
    return toDocument(checkpoint.state, { at, knownAt: knownAt ?? null, position: checkpoint.position, lookup: (id) => view.effective.get(id) });
  }

  diff(query: DiffQuery): DiffReport {
    const { from, to, knownAt } = parseQuery(DiffQuery, query);
    const before = this.stateAt(knownAt ? { at: from, knownAt } : { at: from });
    const after = this.stateAt(knownAt ? { at: to, knownAt } : { at: to });
    const view = this.view(knownAt);
    const t = view.timeline;
    const events = t.slice(t.countUntil(Date.parse(from)), t.countUntil(Date.parse(to))).map((e) => this.entry(e, view));
    return { from, to, knownAt: knownAt ?? null, changes: diffStates(before, after), events };
  }

  /** Every development in valid-time order (corrections applied), with sources. */
  history(query: StateQuery = {}): TimelineEntry[] {
    const { at, knownAt } = parseQuery(StateQuery, query);
    const view = this.view(knownAt);
    const t = view.timeline;
    return t.slice(0, at ? t.countUntil(Date.parse(at)) : t.size).map((e) => this.entry(e, view));
  }

  private entry(e: StoredEvent, view: RecordView): TimelineEntry {
    const correction = view.correctionOf(e.id);
    return {
      eventId: e.id, position: e.position, type: e.type, stream: e.stream, occurredAt: e.occurredAt,
      reportedAt: e.reportedAt, recordedAt: e.recordedAt, summary: definitionOf(e.type)!.describe(e.data as never),
      sources: e.sources.map((s) => ({ ...s, eventId: e.id })), correctedBy: correction?.id ?? null,
    };
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.following;
  }
}

/** Groups events by stream, keeping first-seen order; an expected version only makes sense for one stream. */
function toBatches(events: PendingEvent[], options: RecordOptions): StreamBatch[] {
  const expected = options.expectedVersion ?? "any";
  if (options.stream) return [{ stream: options.stream, events: events.map((e) => ({ ...e, stream: options.stream! })), expected }];
  const byStream = new Map<string, PendingEvent[]>();
  for (const e of events) {
    const list = byStream.get(e.stream);
    if (list) list.push(e);
    else byStream.set(e.stream, [e]);
  }
  if (byStream.size > 1 && expected !== "any")
    throw new InvalidEventError([{ path: "expectedVersion", message: `events go to ${byStream.size} streams (${[...byStream.keys()].join(", ")}); an expected version needs a single stream` }]);
  return [...byStream].map(([stream, list]) => ({ stream, events: list, expected }));
}
