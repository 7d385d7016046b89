import type { PendingEvent, StoredEvent } from "../../events/envelope.ts";
import { sorted, type Link } from "./chain.ts";

/** What the writer believes the stream's version is; a mismatch is a conflict. */
export type ExpectedVersion = "no_stream" | "any" | number;

export interface AppendResult {
  /** Global position of the last event of the batch. */
  position: number;
  /** Version of the stream after the batch (0 for a stream's first event). */
  streamVersion: number;
  /** Events already stored under the same ids (an idempotent retry) and not appended again. */
  duplicates: number;
}

export interface StreamBatch {
  stream: string;
  events: PendingEvent[];
  expected: ExpectedVersion;
}

export class VersionConflictError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    readonly actual: number | "no_stream",
  ) {
    super(`stream '${stream}' is at version ${actual}, not ${expected}`);
    this.name = "VersionConflictError";
  }
}

export class DuplicateEventIdError extends Error {
  constructor(
    readonly id: string,
    readonly stream: string,
  ) {
    super(`event id ${id} is already stored in stream '${stream}' with different content`);
    this.name = "DuplicateEventIdError";
  }
}

/** A message from a subscription: an event, or word that the backlog is done and live events follow. */
export type SubscriptionMessage = { kind: "event"; event: StoredEvent } | { kind: "caught-up"; position: number };

export interface SubscribeOptions {
  /** Deliver events after this global position (exclusive); 0 means from the start. */
  after?: number;
  signal?: AbortSignal;
}

/**
 * The port every backend implements. Appends are atomic per batch and durable once
 * acknowledged; reads return events in global order.
 */
export interface EventStore {
  /**
   * Which record this store's positions belong to, as `KIND:WHERE` (e.g. `sqlite:/srv/parley.db`).
   * A position means nothing in another record: checkpoints carry it, and are refused elsewhere.
   */
  readonly identity: string;
  append(stream: string, events: PendingEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  /**
   * Appends to several streams. The local stores do it in one transaction; a store that
   * cannot (EventStoreDB) appends stream by stream, and a retry completes it idempotently.
   */
  appendMany(batches: StreamBatch[]): Promise<AppendResult[]>;
  readStream(stream: string): Promise<StoredEvent[]>;
  readAll(options?: { after?: number; limit?: number }): AsyncIterable<StoredEvent[]>;
  subscribe(options?: SubscribeOptions): AsyncIterable<SubscriptionMessage>;
  /** Looks up one event by id, for corrections and idempotent retries. */
  findById(id: string): Promise<StoredEvent | undefined>;
  headPosition(): Promise<number>;
  /**
   * How many events, by id, the store passed over because they sit where Parley's events
   * would but carry no Parley envelope (another application's). Only a store shared with
   * other writers (EventStoreDB) has any; reported by /healthz.
   */
  skippedEvents?(): number;
  /** What keeps a store backed by a server from serving normally now (a lost connection); none for embedded ones. */
  problems?(): string[];
  close(): Promise<void>;
}

/**
 * A store that keeps the hash chain of chain.ts beside its events (SQLite and memory;
 * EventStoreDB does not yet).
 */
export interface TamperEvident {
  /** Stored events as written, with their hashes, in log order. */
  links(after?: number): AsyncIterable<Link[]>;
  /** The last event's hash: GENESIS for an empty store. */
  headHash(): Promise<string>;
  /** The hash of the event at `position` (GENESIS at 0), as stored: what a report published beside it. */
  hashAt(position: number): Promise<string | undefined>;
  /** Events through `position` were stored before the chain existed and were chained at `at`. */
  chainedLate(): Promise<{ position: number; at: string } | undefined>;
}

export const isTamperEvident = (store: EventStore): store is EventStore & TamperEvident => "links" in store && "headHash" in store;

/** The disk (or the store's size limit) has no room: the append was rolled back whole. */
export class StoreFullError extends Error {
  constructor(readonly reason: string) {
    super(`the store is full (${reason}): nothing was written; free disk space, then retry`);
    this.name = "StoreFullError";
  }
}

export function checkExpected(stream: string, expected: ExpectedVersion, current: number | undefined): void {
  const actual = current ?? "no_stream";
  if (expected === "any") return;
  if (expected === "no_stream" ? current !== undefined : current !== expected) throw new VersionConflictError(stream, expected, actual);
}

/** True when a retried event is the same event as the stored one, whatever order the store keeps the payload's keys in. */
export function sameEvent(a: PendingEvent, b: StoredEvent): boolean {
  return a.stream === b.stream && a.type === b.type && JSON.stringify(sorted(a.data)) === JSON.stringify(sorted(b.data));
}

/**
 * A batch some of whose ids a store already holds (`found`: what it holds under each).
 * None: a new write (undefined). All, each the same event: a retry, answered with the
 * original result and nothing written. Anything else: ids taken by other events.
 */
export function retryOf(stream: string, events: PendingEvent[], found: (StoredEvent | undefined)[]): AppendResult | undefined {
  found.forEach((f, i) => {
    if (f && !sameEvent({ ...events[i]!, stream }, f)) throw new DuplicateEventIdError(f.id, f.stream);
  });
  if (found.every((f) => !f)) return undefined;
  if (found.some((f) => !f)) throw new DuplicateEventIdError(found.find((f) => f)!.id, stream);
  const last = found[found.length - 1]!;
  return { position: last.position, streamVersion: last.streamVersion, duplicates: found.length };
}

/**
 * readAll's loop, for stores that read by position: pages of at most 5,000 events after
 * `after`, `limit` in all. `read` may be synchronous (SQLite) or not (PostgreSQL).
 */
export async function* pagesAfter(
  read: (after: number, limit: number) => StoredEvent[] | Promise<StoredEvent[]>,
  options: { after?: number; limit?: number },
): AsyncIterable<StoredEvent[]> {
  let after = options.after ?? 0;
  let left = options.limit ?? Infinity;
  while (left > 0) {
    const batch = await read(after, Math.min(5000, left));
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1]!.position;
    left -= batch.length;
  }
}

/**
 * A batch's events as consecutive runs per stream, in the order written: runs, not groups,
 * since appending them in turn must keep the store's global order the order written.
 */
export function runsByStream(events: readonly PendingEvent[], expected: ExpectedVersion = "any"): StreamBatch[] {
  const runs: StreamBatch[] = [];
  for (const e of events) {
    const last = runs[runs.length - 1];
    if (last?.stream === e.stream) last.events.push(e);
    else runs.push({ stream: e.stream, events: [e], expected });
  }
  return runs;
}
