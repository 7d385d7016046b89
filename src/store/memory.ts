import { randomUUID } from "node:crypto";
import type { PendingEvent, StoredEvent } from "../../events/envelope.ts";
import { GENESIS, linkHash, type Link } from "./chain.ts";
import { LiveFeed } from "./live-feed.ts";
import {
  checkExpected,
  retryOf,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type SubscribeOptions,
  type StreamBatch,
  type SubscriptionMessage,
  type TamperEvident,
} from "./port.ts";

/** Keeps events in arrays; for tests and throwaway analysis. */
export class MemoryEventStore implements EventStore, TamperEvident {
  /** Each in-memory record is its own: nothing outlives it. */
  readonly identity = `memory:${randomUUID()}`;
  private readonly all: StoredEvent[] = [];
  /** hashes[i] is the chain link of all[i]. */
  private readonly hashes: string[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly ids = new Map<string, StoredEvent>();
  private readonly feed = new LiveFeed((after, limit) => Promise.resolve(this.slice(after, limit)));

  async append(stream: string, events: PendingEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return (await this.appendMany([{ stream, events, expected }]))[0]!;
  }

  /** Checks every batch before writing any, so a conflict in the last writes nothing. */
  async appendMany(batches: StreamBatch[]): Promise<AppendResult[]> {
    const planned = new Map<string, number>();
    for (const b of batches) {
      if (b.events.length === 0) throw new Error(`append to '${b.stream}' needs at least one event`);
      if (this.retried(b.stream, b.events)) continue;
      const head = planned.get(b.stream) ?? this.streams.get(b.stream)?.length;
      checkExpected(b.stream, b.expected, head === undefined ? undefined : head - 1);
      planned.set(b.stream, (head ?? 0) + b.events.length);
    }
    const results = batches.map((b) => this.write(b.stream, b.events));
    this.feed.notify();
    return results;
  }

  private write(stream: string, events: PendingEvent[]): AppendResult {
    const existing = this.streams.get(stream);
    const retried = this.retried(stream, events);
    if (retried) return retried;
    const recordedAt = new Date().toISOString();
    const list = existing ?? [];
    const stored = events.map((e, i): StoredEvent => ({
      ...e,
      stream,
      position: this.all.length + i + 1,
      streamVersion: list.length + i,
      recordedAt: e.recordedAt ?? recordedAt,
    }));
    for (const e of stored) {
      this.hashes.push(linkHash(this.hashes[this.hashes.length - 1] ?? GENESIS, e));
      this.all.push(e);
      list.push(e);
      this.ids.set(e.id, e);
    }
    this.streams.set(stream, list);
    return { position: this.all.length, streamVersion: list.length - 1, duplicates: 0 };
  }

  /** An idempotent retry: every id already stored as the same event. */
  private retried(stream: string, events: PendingEvent[]): AppendResult | undefined {
    return retryOf(
      stream,
      events,
      events.map((e) => this.ids.get(e.id)),
    );
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return [...(this.streams.get(stream) ?? [])];
  }

  private slice(after: number, limit: number): StoredEvent[] {
    return this.all.slice(after, after + limit);
  }

  async *readAll(options: { after?: number; limit?: number } = {}): AsyncIterable<StoredEvent[]> {
    let after = options.after ?? 0;
    const end = options.limit === undefined ? Infinity : after + options.limit;
    while (after < Math.min(this.all.length, end)) {
      const batch = this.slice(after, Math.min(10_000, end - after));
      yield batch;
      after += batch.length;
    }
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<SubscriptionMessage> {
    return this.feed.subscribe(options);
  }

  async findById(id: string): Promise<StoredEvent | undefined> {
    return this.ids.get(id);
  }

  async headPosition(): Promise<number> {
    return this.all.length;
  }

  async *links(after = 0): AsyncIterable<Link[]> {
    for await (const batch of this.readAll({ after })) yield batch.map((event) => ({ event, hash: this.hashes[event.position - 1]! }));
  }

  async headHash(): Promise<string> {
    return this.hashes[this.hashes.length - 1] ?? GENESIS;
  }

  async hashAt(position: number): Promise<string | undefined> {
    return position === 0 ? GENESIS : this.hashes[position - 1];
  }

  async chainedLate(): Promise<undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    this.feed.close();
  }
}
