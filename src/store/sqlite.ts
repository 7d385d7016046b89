import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { upcast } from "../../events/catalogue.ts";
import type { PendingEvent, StoredEvent } from "../../events/envelope.ts";
import { LiveFeed } from "./live-feed.ts";
import {
  DuplicateEventIdError,
  checkExpected,
  sameEvent,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type SubscribeOptions,
  type StreamBatch,
  type SubscriptionMessage,
} from "./port.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  stream         TEXT NOT NULL,
  stream_version INTEGER NOT NULL,
  type           TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  valid_from     TEXT NOT NULL,
  reported_at    TEXT,
  recorded_at    TEXT NOT NULL,
  body           TEXT NOT NULL,
  UNIQUE (stream, stream_version)
);
CREATE INDEX IF NOT EXISTS events_valid_from ON events (valid_from);
`;

interface Row {
  position: number;
  stream_version: number;
  recorded_at: string;
  body: string;
}

/** The body holds the envelope and payload; position and versions live in columns. */
function toBody(e: PendingEvent): string {
  const { id, type, schemaVersion, stream, occurredAt, reportedAt, sources, data } = e;
  return JSON.stringify({ id, type, schemaVersion, stream, occurredAt, reportedAt, sources, data });
}

function fromRow(row: Row): StoredEvent {
  const body = JSON.parse(row.body);
  const lifted = upcast(body.type, body.schemaVersion, body.data);
  return { ...body, schemaVersion: lifted.version, data: lifted.data, position: row.position, streamVersion: row.stream_version, recordedAt: row.recorded_at };
}

/**
 * The embedded default: one SQLite file in WAL mode with synchronous=FULL, so an
 * acknowledged append survives a crash or power loss, and each batch is one transaction.
 * Another process may append to the same file; subscribers poll to see its writes.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly feed: LiveFeed;
  private readonly q;

  constructor(readonly path: string, options: { pollMs?: number } = {}) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("busy_timeout = 10000");
    this.db.exec(SCHEMA);
    this.q = {
      streamHead: this.db.prepare<[string], { v: number | null }>("SELECT max(stream_version) AS v FROM events WHERE stream = ?"),
      insert: this.db.prepare(
        "INSERT INTO events (id, stream, stream_version, type, schema_version, valid_from, reported_at, recorded_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      byId: this.db.prepare<[string], Row>("SELECT position, stream_version, recorded_at, body FROM events WHERE id = ?"),
      stream: this.db.prepare<[string], Row>("SELECT position, stream_version, recorded_at, body FROM events WHERE stream = ? ORDER BY stream_version"),
      after: this.db.prepare<[number, number], Row>("SELECT position, stream_version, recorded_at, body FROM events WHERE position > ? ORDER BY position LIMIT ?"),
      head: this.db.prepare<[], { p: number | null }>("SELECT max(position) AS p FROM events"),
    };
    this.feed = new LiveFeed((after, limit) => Promise.resolve(this.readAfter(after, limit)), options.pollMs ?? 250);
  }

  private readonly appendTx = (batches: StreamBatch[]): AppendResult[] =>
    this.db.transaction(() => batches.map((b) => this.appendOne(b.stream, b.events, b.expected))).immediate();

  private appendOne(stream: string, events: PendingEvent[], expected: ExpectedVersion): AppendResult {
    if (events.length === 0) throw new Error(`append to '${stream}' needs at least one event`);
    const retried = this.retried(stream, events);
    if (retried) return retried;
    const head = this.q.streamHead.get(stream)?.v ?? undefined;
    checkExpected(stream, expected, head);
    const recordedAt = new Date().toISOString();
    let version = head ?? -1;
    let position = 0;
    for (const e of events) {
      version++;
      const info = this.q.insert.run(e.id, stream, version, e.type, e.schemaVersion, e.occurredAt.from, e.reportedAt, recordedAt, toBody({ ...e, stream }));
      position = Number(info.lastInsertRowid);
    }
    return { position, streamVersion: version, duplicates: 0 };
  }

  private retried(stream: string, events: PendingEvent[]): AppendResult | undefined {
    const found = events.map((e) => {
      const row = this.q.byId.get(e.id);
      const stored = row && fromRow(row);
      if (stored && !sameEvent({ ...e, stream }, stored)) throw new DuplicateEventIdError(e.id, stored.stream);
      return stored;
    });
    if (found.every((f) => !f)) return undefined;
    if (found.some((f) => !f)) throw new DuplicateEventIdError(found.find((f) => f)!.id, stream);
    const last = found[found.length - 1]!;
    return { position: last.position, streamVersion: last.streamVersion, duplicates: found.length };
  }

  async append(stream: string, events: PendingEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return (await this.appendMany([{ stream, events, expected }]))[0]!;
  }

  async appendMany(batches: StreamBatch[]): Promise<AppendResult[]> {
    const results = this.appendTx(batches);
    this.feed.notify();
    return results;
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return this.q.stream.all(stream).map(fromRow);
  }

  private readAfter(after: number, limit: number): StoredEvent[] {
    return this.q.after.all(after, limit).map(fromRow);
  }

  async *readAll(options: { after?: number; limit?: number } = {}): AsyncIterable<StoredEvent[]> {
    let after = options.after ?? 0;
    let left = options.limit ?? Infinity;
    while (left > 0) {
      const batch = this.readAfter(after, Math.min(5000, left));
      if (batch.length === 0) return;
      yield batch;
      after = batch[batch.length - 1]!.position;
      left -= batch.length;
    }
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<SubscriptionMessage> {
    return this.feed.subscribe(options);
  }

  async findById(id: string): Promise<StoredEvent | undefined> {
    const row = this.q.byId.get(id);
    return row && fromRow(row);
  }

  async headPosition(): Promise<number> {
    return this.q.head.get()?.p ?? 0;
  }

  async close(): Promise<void> {
    this.feed.close();
    if (this.db.open) this.db.close();
  }
}
