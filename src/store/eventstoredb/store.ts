import { BACKWARDS, END, EventStoreDBClient, StreamNotFoundError, type AppendResult as ServerAppendResult, type Position, type ReadStreamOptions } from "@eventstore/db-client";
import type { PendingEvent, StoredEvent } from "../../../events/envelope.ts";
import {
  VersionConflictError,
  checkExpected,
  retryOf,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type StreamBatch,
  type SubscribeOptions,
  type SubscriptionMessage,
} from "../port.ts";
import { pagesAfter } from "./all-reader.ts";
import { chunksBySize } from "./append-chunks.ts";
import { catchUp, defaultDelay, type RetryPolicy } from "./catch-up.ts";
import { StreamNames, fromRecorded, hasParleyEnvelope, toEventData, type RecordedFields } from "./codec.ts";
import { isTransient, translateAppendError } from "./errors.ts";
import { IdIndex } from "./id-index.ts";
import { fromPortPosition, toPortPosition } from "./position.ts";
import { toExpectedRevision, toSafeNumber } from "./revision.ts";

export interface EventStoreDbOptions {
  /** Keeps this record's streams apart from others in the same database (see StreamNames); "parley" unless set. */
  namespace?: string;
  /** How subscriptions reconnect after a dropped connection. */
  retry?: RetryPolicy;
}

/**
 * The port on EventStoreDB. Streams map one to one; global positions are `$all` positions
 * (see position.ts); reads and subscriptions see only Parley's events, never system ones.
 */
export class EventStoreDbStore implements EventStore {
  private readonly names: StreamNames;
  private readonly retry: RetryPolicy;
  private readonly index: IdIndex;
  private readonly closing = new AbortController();

  /** The servers the connection string names, and the namespace: together they say whose `$all` positions these are. */
  readonly identity: string;

  private constructor(
    private readonly client: EventStoreDBClient,
    readonly options: EventStoreDbOptions,
    hosts: string,
  ) {
    this.names = new StreamNames(options.namespace);
    this.identity = `eventstoredb:${hosts}/${this.names.namespace}`;
    this.retry = options.retry ?? { isTransient, delayMs: defaultDelay };
    this.index = new IdIndex(client, this.names);
  }

  /** Any EventStoreDB connection string, e.g. `esdb://localhost:2113?tls=false`; the client connects on first use. */
  static connect(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbStore {
    // Credentials (`user:password@`) never go into the identity, which checkpoint files and messages carry.
    const hosts = connectionString
      .replace(/^[a-z+]+:\/\//, "")
      .replace(/[/?].*$/, "")
      .replace(/^.*@/, "");
    return new EventStoreDbStore(EventStoreDBClient.connectionString(connectionString), options, hosts);
  }

  async append(stream: string, events: PendingEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return (await this.appendMany([{ stream, events, expected }]))[0]!;
  }

  /**
   * EventStoreDB has no transaction across streams, so batches are written one stream at a
   * time. Every batch's expected version is checked before any is written, so a stale one
   * writes nothing. Only a concurrent writer slipping in between the check and the writes
   * can leave some batches written and a later one rejected; retrying the same call (same
   * event ids) then skips the written batches as duplicates and completes the rest.
   */
  async appendMany(batches: StreamBatch[]): Promise<AppendResult[]> {
    const empty = batches.find((b) => b.events.length === 0);
    if (empty) throw new Error(`append to '${empty.stream}' needs at least one event`);
    await this.index.catchUp();
    const retried = await this.plan(batches);
    const recordedAt = new Date().toISOString();
    for (const [i, batch] of batches.entries()) if (!retried[i]) await this.write(batch, recordedAt);
    await this.index.awaitWritten(batches.filter((_, i) => !retried[i]).map((b) => ({ id: b.events[b.events.length - 1]!.id, stream: b.stream })));
    return batches.map((batch, i) => retried[i] ?? this.appended(batch));
  }

  /** Checks every batch against the streams as they are now; returns the result of each idempotent retry. */
  private async plan(batches: StreamBatch[]): Promise<(AppendResult | undefined)[]> {
    const heads = new Map<string, number | undefined>();
    const retried: (AppendResult | undefined)[] = [];
    for (const b of batches) {
      const again = await this.retried(b.stream, b.events);
      retried.push(again);
      if (again) continue;
      const head = heads.has(b.stream) ? heads.get(b.stream) : await this.streamHead(b.stream);
      checkExpected(b.stream, b.expected, head);
      heads.set(b.stream, (head ?? -1) + b.events.length);
    }
    return retried;
  }

  /**
   * Writes one stream's batch in appends of at most APPEND_BUDGET bytes, so no single
   * append crosses the server's size limit. Each append after the first expects the
   * revision the previous one left (unless the batch expects "any"), so the chunks stay
   * contiguous; a batch that fails midway is completed by retrying it, like appendMany.
   */
  private async write(batch: StreamBatch, recordedAt: string): Promise<void> {
    let expectedRevision = toExpectedRevision(batch.expected);
    for (const chunk of chunksBySize(batch.events.map((e) => toEventData(e, e.recordedAt ?? recordedAt)))) {
      let result: ServerAppendResult;
      try {
        result = await this.client.appendToStream(this.names.toEsdb(batch.stream), chunk, { expectedRevision });
      } catch (err) {
        throw translateAppendError(err, batch.stream, batch.expected);
      }
      // With `throwOnAppendFailure=false` the client reports instead of throwing, and its
      // revision is wrong there (batchAppend.js takes BigInt of a boolean): ask the stream.
      if (!result.success) throw new VersionConflictError(batch.stream, batch.expected, (await this.streamHead(batch.stream)) ?? "no_stream");
      if (batch.expected !== "any") expectedRevision = result.nextExpectedRevision;
    }
  }

  private appended(batch: StreamBatch): AppendResult {
    const last = this.index.in(batch.events[batch.events.length - 1]!.id, batch.stream)!;
    return { position: last.position, streamVersion: toSafeNumber(last.revision), duplicates: 0 };
  }

  /** An idempotent retry: every id already stored as the same event. Same rules as the local stores. */
  private async retried(stream: string, events: PendingEvent[]): Promise<AppendResult | undefined> {
    return retryOf(stream, events, await Promise.all(events.map((e) => this.stored(e.id))));
  }

  /** The stream's current version, or undefined when it has no event. */
  private async streamHead(stream: string): Promise<number | undefined> {
    const [last] = await this.readRecords(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last && toSafeNumber(last.revision);
  }

  private async readRecords(stream: string, options: ReadStreamOptions = {}): Promise<RecordedFields[]> {
    const records: RecordedFields[] = [];
    try {
      for await (const resolved of this.client.readStream(this.names.toEsdb(stream), options)) if (resolved.event) records.push(resolved.event);
    } catch (err) {
      if (err instanceof StreamNotFoundError) return [];
      throw err;
    }
    return records;
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    const records = await this.readRecords(stream);
    // Catch up after reading, so every record read is already on the index with its $all position.
    await this.index.catchUp();
    return records.filter((r) => this.isParleys(r)).map((r) => this.decodeIndexed(r, stream));
  }

  /** Whether a record is Parley's: in a Parley stream, of a catalogue type, carrying Parley's envelope (others are counted by the index and skipped). */
  private isParleys(record: RecordedFields): boolean {
    return this.names.parleyStream(record.streamId, record.type) !== undefined && hasParleyEnvelope(record);
  }

  /** Stream reads carry no reliable global position on every server version; `$all` does. */
  private decodeIndexed(record: RecordedFields, stream: string): StoredEvent {
    const at = this.index.locations(record.id).find((l) => l.stream === stream && l.revision === record.revision);
    if (!at) throw new Error(`event ${record.id} at revision ${record.revision} of '${stream}' is not on $all`);
    return fromRecorded(record, stream, at.position);
  }

  async *readAll(options: { after?: number; limit?: number } = {}): AsyncIterable<StoredEvent[]> {
    let left = options.limit ?? Infinity;
    if (left <= 0) return;
    for await (const page of pagesAfter(this.client, fromPortPosition(options.after ?? 0))) {
      const events = this.parleyEvents(page).slice(0, left);
      if (events.length) yield events;
      left -= events.length;
      if (left <= 0) return;
    }
  }

  private parleyEvents(records: (RecordedFields & { position: Position })[]): StoredEvent[] {
    return records.flatMap((r) => (this.isParleys(r) ? [fromRecorded(r, this.names.parleyStream(r.streamId, r.type)!, toPortPosition(r.position))] : []));
  }

  /**
   * A catch-up subscription on `$all`, filtered on the server to this namespace's streams,
   * resumed after `after` (exclusive) and again after each dropped connection.
   */
  subscribe(options: SubscribeOptions = {}): AsyncIterable<SubscriptionMessage> {
    const signal = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    const source = { head: () => this.headPosition(), events: (after: number, s: AbortSignal) => this.live(after, s) };
    return catchUp(source, { after: options.after ?? 0, signal, retry: this.retry });
  }

  private async *live(after: number, signal: AbortSignal): AsyncIterable<StoredEvent> {
    const subscription = this.client.subscribeToAll({
      fromPosition: fromPortPosition(after),
      filter: this.names.subscriptionFilter(),
    });
    let stopped: Promise<void> | undefined;
    // Cancel the call, then end the stream outright, so a consumer waiting on it is released
    // even if the cancelled call never signals its end (an error after an abort is ignored upstream).
    const stop = () => (stopped ??= subscription.unsubscribe().then(() => void subscription.destroy()));
    // The finally below awaits the same promise and sees any failure; the listener only must not leave it unhandled.
    const onAbort = () => void stop().catch(() => undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      for await (const resolved of subscription) {
        const record = resolved.event;
        if (record && this.isParleys(record)) yield fromRecorded(record, this.names.parleyStream(record.streamId, record.type)!, toPortPosition(record.position));
      }
    } finally {
      signal.removeEventListener("abort", onAbort);
      await stop();
    }
  }

  async findById(id: string): Promise<StoredEvent | undefined> {
    await this.index.catchUp();
    return this.stored(id);
  }

  /** The event under an id the index knows, read from its stream. */
  private async stored(id: string): Promise<StoredEvent | undefined> {
    const at = this.index.get(id);
    if (!at) return undefined;
    const [record] = await this.readRecords(at.stream, { fromRevision: at.revision, maxCount: 1 });
    if (record?.id !== id) throw new Error(`event ${id} is not at revision ${at.revision} of '${at.stream}', where $all put it`);
    return fromRecorded(record, at.stream, at.position);
  }

  skippedEvents(): number {
    return this.index.skippedCount;
  }

  async headPosition(): Promise<number> {
    await this.index.catchUp();
    return this.index.head;
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.client.dispose();
  }
}
