import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { mkdirSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
import type { PendingEvent, StoredEvent } from "../../events/envelope.ts";
import { GENESIS, canonicalAt, chainHash, type Link } from "./chain.ts";
import { LiveFeed } from "./live-feed.ts";
import { LogIndex } from "./log-index.ts";
import { checkHeader, classify, damaged } from "./sqlite-file.ts";
import { prepareLayout } from "./sqlite-layout.ts";
import { Strings, fromRow, linkOf, type LinkRow, type Row } from "./sqlite-rows.ts";
import {
  checkExpected,
  DuplicateEventIdError,
  pagesAfter,
  retryOf,
  StoreFullError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type SubscribeOptions,
  type StreamBatch,
  type SubscriptionMessage,
  type TamperEvident,
} from "./port.ts";

/** SQLite's "database or disk is full" (a full disk, or max_page_count reached), named for the writer. */
const named = (error: unknown) => ((error as { code?: string }).code === "SQLITE_FULL" ? new StoreFullError((error as Error).message) : error);

/** Where the log ends while a transaction appends to it. */
interface Tail {
  position: number;
  hash: string;
}

interface AppendRequest {
  batches: StreamBatch[];
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded default: one SQLite file in WAL mode with synchronous=FULL, so an
 * acknowledged append survives a crash or power loss, and each batch is all or nothing.
 * Appends requested while the previous commit was syncing share the next commit (group
 * commit): each still resolves only once durable, and fails or succeeds on its own.
 * Another process may append to the same file; subscribers poll to see its writes, and a
 * writer catches up on them under the write lock before it checks anything.
 */
export class SqliteEventStore implements EventStore, TamperEvident {
  readonly identity: string;
  private readonly db: Database.Database;
  private readonly feed: LiveFeed;
  private readonly q;
  private queue: AppendRequest[] = [];
  private readonly strings = new Strings();
  /**
   * Each stream's version and each id's position, which the table no longer indexes: built
   * by one scan the first time a write or an id lookup needs it, so a process that only
   * reads never pays for it.
   */
  private index: LogIndex | undefined;
  /** One request in its own savepoint, inserting straight away. */
  private readonly fast: (batches: StreamBatch[]) => AppendResult[];
  /** The same request checked event by event: an idempotent retry, or which conflict. */
  private readonly careful: (batches: StreamBatch[]) => AppendResult[];
  /** Every queued request in one transaction: one sync to disk for all of them. */
  private readonly commit: Database.Transaction<(requests: AppendRequest[]) => ({ results: AppendResult[] } | { error: unknown })[]>;
  /** Whether the row at `position` holds event `id`: a hash in the index names a candidate, the row confirms it. */
  private readonly holds = (position: number, id: string) => this.q.idAt.get(position) === id;

  constructor(
    readonly path: string,
    options: { pollMs?: number } = {},
  ) {
    if (path !== ":memory:") {
      mkdirSync(dirname(path), { recursive: true });
      checkHeader(path);
    }
    this.db = new Database(path);
    // The file itself, however it was reached; an in-memory database is a record of its own.
    this.identity = path === ":memory:" ? `sqlite::memory:${randomUUID()}` : `sqlite:${realpathSync(path)}`;
    try {
      this.prepareFile();
    } catch (err) {
      this.db.close();
      throw damaged(path, err) ?? err;
    }
    this.q = {
      insert: this.db.prepare("INSERT INTO events (position, id, stream, stream_version, recorded_at, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?)"),
      last: this.db.prepare<[], { position: number; hash: string | null }>("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"),
      links: this.db.prepare<[number, number], LinkRow>("SELECT position, stream_version, recorded_at, body, hash FROM events WHERE position > ? ORDER BY position LIMIT ?").raw(),
      meta: this.db.prepare<[string], { value: string }>("SELECT value FROM parley_meta WHERE key = ?"),
      hashAt: this.db.prepare<[number], { hash: string | null }>("SELECT hash FROM events WHERE position = ?"),
      idAt: this.db.prepare<[number], string>("SELECT id FROM events WHERE position = ?").pluck(),
      at: this.db.prepare<[number], Row>("SELECT position, stream_version, recorded_at, body FROM events WHERE position = ?").raw(),
      // No index on stream: a scan, for the contract suite and tools; the engine never reads a stream alone.
      stream: this.db.prepare<[string], Row>("SELECT position, stream_version, recorded_at, body FROM events WHERE stream = ? ORDER BY position").raw(),
      after: this.db.prepare<[number, number], Row>("SELECT position, stream_version, recorded_at, body FROM events WHERE position > ? ORDER BY position LIMIT ?").raw(),
      entries: this.db
        .prepare<[number], [number, string, string, number]>("SELECT position, id, stream, stream_version FROM events WHERE position > ? ORDER BY position LIMIT 10000")
        .raw(),
      head: this.db.prepare<[], { p: number | null }>("SELECT max(position) AS p FROM events"),
    };
    this.feed = new LiveFeed((after, limit) => Promise.resolve(this.readAfter(after, limit)), options.pollMs ?? 250);
    this.fast = this.db.transaction((batches: StreamBatch[]) => {
      const tail = this.tail();
      return batches.map((b) => this.insert(b.stream, b.events, b.expected, tail));
    });
    this.careful = this.db.transaction((batches: StreamBatch[]) => {
      const tail = this.tail();
      return batches.map((b) => this.appendChecked(b.stream, b.events, b.expected, tail));
    });
    this.commit = this.db.transaction((requests: AppendRequest[]) => {
      const index = this.caughtUp();
      return requests.map((r) => {
        const mark = index.mark();
        try {
          return { results: this.request(r.batches) };
        } catch (error) {
          index.undo(mark);
          return { error };
        }
      });
    });
  }

  /**
   * Refuses a file that is not a Parley store (or one a newer Parley wrote) before writing
   * anything to it; lays out a new one; upgrades one an older Parley wrote.
   */
  private prepareFile(): void {
    const kind = classify(this.db, this.path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    // Every commit rewrites the table's last, partly filled page and the pages above it:
    // checkpointing the WAL every 40 MB rather than every 4 MB copies them back a tenth as
    // often (rows of this store's size went in 10-20% faster so, measured on 300k).
    this.db.pragma("wal_autocheckpoint = 10000");
    this.db.pragma("busy_timeout = 10000");
    prepareLayout(this.db, kind);
  }

  /**
   * The index, built if this is its first need, and caught up on rows appended since it
   * last looked (by this process's commits, or another process's). Inside a write
   * transaction that is everything there is: no one else can append until it ends.
   */
  private caughtUp(): LogIndex {
    const index = (this.index ??= new LogIndex());
    for (let rows = this.q.entries.all(index.through); rows.length > 0; rows = this.q.entries.all(index.through))
      for (const [position, id, stream, version] of rows) index.learn(position, id, stream, version);
    return index;
  }

  /**
   * The fast path first; if anything fails (a conflict, an id already stored) its savepoint
   * is undone, with what it told the index, and the request runs again the careful way.
   */
  private request(batches: StreamBatch[]): AppendResult[] {
    const mark = this.index!.mark();
    try {
      return this.fast(batches);
    } catch {
      this.index!.undo(mark);
      return this.careful(batches);
    }
  }

  private commitQueued(): void {
    const requests = this.queue;
    if (requests.length === 0) return; // already committed by close()
    this.queue = [];
    let outcomes: ({ results: AppendResult[] } | { error: unknown })[];
    try {
      outcomes = this.commit.immediate(requests);
      this.index!.settle();
    } catch (error) {
      this.index?.undo(0);
      for (const r of requests) r.reject(named(error));
      return;
    }
    this.feed.notify();
    outcomes.forEach((o, i) => ("results" in o ? requests[i]!.resolve(o.results) : requests[i]!.reject(named(o.error))));
  }

  /**
   * The log's last position and hash, read once per transaction (inside it, so another
   * process's appends are seen) and carried from one stream's batch to the next, rather
   * than queried again for each of a request's hundreds of streams.
   */
  private tail(): Tail {
    const last = this.q.last.get();
    return { position: last?.position ?? 0, hash: last?.hash ?? GENESIS };
  }

  private insert(stream: string, events: PendingEvent[], expected: ExpectedVersion, tail: Tail): AppendResult {
    if (events.length === 0) throw new Error(`append to '${stream}' needs at least one event`);
    const index = this.index!;
    const head = index.headOf(stream);
    checkExpected(stream, expected, head);
    const recordedAt = new Date().toISOString();
    let version = head ?? -1;
    for (const e of events) {
      const taken = index.ids.find(e.id, this.holds);
      if (taken !== undefined) throw new DuplicateEventIdError(e.id, fromRow(this.q.at.get(taken)!, this.strings).stream);
      version++;
      const position = ++tail.position;
      const recorded = e.recordedAt ?? recordedAt;
      // The body is the bytes the hash covers: one encoding per event serves both.
      const body = canonicalAt(e, stream, position, version, recorded);
      tail.hash = chainHash(tail.hash, body);
      this.q.insert.run(position, e.id, stream, version, recorded, body, tail.hash);
      index.write(position, e.id, stream, version);
    }
    return { position: tail.position, streamVersion: version, duplicates: 0 };
  }

  private appendChecked(stream: string, events: PendingEvent[], expected: ExpectedVersion, tail: Tail): AppendResult {
    if (events.length === 0) throw new Error(`append to '${stream}' needs at least one event`);
    return this.retried(stream, events) ?? this.insert(stream, events, expected, tail);
  }

  private retried(stream: string, events: PendingEvent[]): AppendResult | undefined {
    return retryOf(
      stream,
      events,
      events.map((e) => this.stored(e.id)),
    );
  }

  /** The event stored under `id`, found through the index, which must be caught up. */
  private stored(id: string): StoredEvent | undefined {
    const position = this.index!.ids.find(id, this.holds);
    return position === undefined ? undefined : fromRow(this.q.at.get(position)!, this.strings);
  }

  async append(stream: string, events: PendingEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return (await this.appendMany([{ stream, events, expected }]))[0]!;
  }

  appendMany(batches: StreamBatch[]): Promise<AppendResult[]> {
    return new Promise((resolve, reject) => {
      if (this.queue.push({ batches, resolve, reject }) === 1) setImmediate(() => this.commitQueued());
    });
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return this.q.stream.all(stream).map((row) => fromRow(row, this.strings));
  }

  private readAfter(after: number, limit: number): StoredEvent[] {
    try {
      // Each row array becomes its event in the same array: a rebuild reads a million rows, and a second array per page is garbage.
      const page = this.q.after.all(after, limit) as unknown[];
      for (let i = 0; i < page.length; i++) page[i] = fromRow(page[i] as Row, this.strings);
      return page as StoredEvent[];
    } catch (err) {
      throw damaged(this.path, err) ?? err;
    }
  }

  async *readAll(options: { after?: number; limit?: number } = {}): AsyncIterable<StoredEvent[]> {
    yield* pagesAfter((after, limit) => this.readAfter(after, limit), options);
    // A scan to the end leaves the cache full of table pages that appends never touch again.
    this.db.pragma("shrink_memory");
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<SubscriptionMessage> {
    return this.feed.subscribe(options);
  }

  async findById(id: string): Promise<StoredEvent | undefined> {
    this.caughtUp();
    return this.stored(id);
  }

  async headPosition(): Promise<number> {
    return this.q.head.get()?.p ?? 0;
  }

  async *links(after = 0): AsyncIterable<Link[]> {
    for (;;) {
      const rows = this.q.links.all(after, 5000);
      if (rows.length === 0) return;
      yield rows.map(linkOf);
      after = rows[rows.length - 1]![0];
    }
  }

  async headHash(): Promise<string> {
    return this.q.last.get()?.hash ?? GENESIS;
  }

  async hashAt(position: number): Promise<string | undefined> {
    if (position === 0) return GENESIS;
    return this.q.hashAt.get(position)?.hash ?? undefined;
  }

  async chainedLate(): Promise<{ position: number; at: string } | undefined> {
    const position = Number(this.q.meta.get("chained_on_upgrade_through")?.value ?? 0);
    return position > 0 ? { position, at: this.q.meta.get("chained_on_upgrade_at")!.value } : undefined;
  }

  /** SQLite's check of every page and index of the file: empty when it finds nothing wrong. */
  fileProblems(): string[] {
    try {
      const found = this.db.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
      return found.map((r) => r.integrity_check).filter((r) => r !== "ok");
    } catch (err) {
      // A page too damaged to walk stops the check itself.
      if (!damaged(this.path, err)) throw err;
      return [(err as Error).message];
    }
  }

  /**
   * A consistent copy of the whole store in `file`, taken while other connections write:
   * SQLite's online backup, asked to copy every page in one step so that no write lands
   * between steps (which would restart it).
   */
  async backup(file: string): Promise<void> {
    await this.db.backup(file, { progress: () => 0x7fffffff });
  }

  async close(): Promise<void> {
    if (this.queue.length > 0) this.commitQueued();
    this.feed.close();
    if (this.db.open) this.db.close();
  }
}
