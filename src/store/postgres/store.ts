import pg from "pg";
import type { PendingEvent, StoredEvent } from "../../../events/envelope.ts";
import { LiveFeed } from "../live-feed.ts";
import { pagesAfter, type AppendResult, type EventStore, type ExpectedVersion, type StreamBatch, type SubscribeOptions, type SubscriptionMessage } from "../port.ts";
import { Strings, fromRow, type Row } from "../sqlite-rows.ts";
import { Appender } from "./append.ts";
import { clientConfig, connectionLost, sleep } from "./connection.ts";
import { AppendListener } from "./listener.ts";
import { parseLocator, type PostgresLocation } from "./locator.ts";
import { createTables, tablesOf, type Tables } from "./schema.ts";

const RETRY_MS = 250;
/** How long an append keeps retrying while the server cannot be reached before it fails. */
const APPEND_PATIENCE_MS = 30_000;
const COLUMNS = "position, stream_version, recorded_at, body";

/**
 * The shared store for a team: one PostgreSQL table that several Parley servers read and
 * write. Appends are serialized per record (see append.ts), so positions never skip;
 * every process hears every append through LISTEN/NOTIFY. A dropped connection is
 * re-established: reads and subscriptions wait for it, appends retry (an append whose
 * commit went through before the drop is recognised by its ids and not written twice),
 * and `problems()` says what is wrong meanwhile.
 */
export class PostgresEventStore implements EventStore {
  /** The server, database and schema, without credentials: a checkpoint names the record it was taken on. */
  readonly identity: string;
  private readonly feed: LiveFeed;
  private readonly strings = new Strings();
  private closed = false;
  /** Why the last request failed to reach the server, until one succeeds. */
  private unreachable: string | undefined;

  private constructor(
    readonly location: PostgresLocation,
    private readonly pool: pg.Pool,
    private readonly tables: Tables,
    private readonly appender: Appender,
    private readonly listener: AppendListener,
  ) {
    const url = new URL(location.connectionString);
    this.identity = `postgres://${url.hostname}:${url.port || "5432"}${url.pathname}#${location.schema}`;
    // A subscription waits out an outage; once the store is closed it simply ends.
    this.feed = new LiveFeed((after, limit) =>
      this.patiently(() => this.readAfter(after, limit), Infinity).catch((error: unknown) => {
        if (this.closed) return [];
        throw error;
      }),
    );
  }

  /** Connects, creates the schema and table if missing, and starts listening for appends. */
  static async connect(locator: string): Promise<PostgresEventStore> {
    const location = parseLocator(locator);
    const pool = new pg.Pool({ ...clientConfig(location.connectionString, location.schema), max: 4 });
    // An idle connection the server ends is dropped by the pool; the next request opens another.
    pool.on("error", () => undefined);
    try {
      const tables = tablesOf(location.schema);
      await createTables(pool, tables);
      const { rows } = await pool.query<{ oid: number }>("SELECT $1::regclass::oid::int8 AS oid", [tables.events]);
      let store: PostgresEventStore | undefined;
      const listener = new AppendListener(location, tables.channel, () => store?.feed.notify());
      store = new PostgresEventStore(location, pool, tables, new Appender(tables, rows[0]!.oid), listener);
      await listener.start();
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`cannot open the PostgreSQL store at ${redacted(location.connectionString)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /** Runs `work`, and while the server cannot be reached, tries again for up to `patienceMs` (0: once). */
  private async patiently<T>(work: () => Promise<T>, patienceMs: number): Promise<T> {
    const started = Date.now();
    for (;;) {
      try {
        const result = await work();
        this.unreachable = undefined;
        return result;
      } catch (error) {
        if (this.closed || !connectionLost(error) || Date.now() - started >= patienceMs) throw error;
        this.unreachable = `PostgreSQL cannot be reached (${(error as Error).message}); retrying`;
        await sleep(RETRY_MS);
      }
    }
  }

  /** What keeps the store from serving normally now; empty when nothing does. */
  problems(): string[] {
    return [this.unreachable, this.listener.lost].filter((p): p is string => p !== undefined);
  }

  async append(stream: string, events: PendingEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return (await this.appendMany([{ stream, events, expected }]))[0]!;
  }

  /** Retrying is safe: a batch whose commit reached the server before the connection dropped is found by its ids. */
  appendMany(batches: StreamBatch[]): Promise<AppendResult[]> {
    return this.patiently(async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        return await this.appender.run(client, batches);
      } catch (error) {
        if (connectionLost(error)) broken = error as Error;
        throw error;
      } finally {
        client.release(broken);
      }
    }, APPEND_PATIENCE_MS);
  }

  private async rows(text: string, values: unknown[]): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<Row>({ text, values, rowMode: "array" });
    return rows.map((row) => fromRow(row, this.strings));
  }

  private readAfter(after: number, limit: number): Promise<StoredEvent[]> {
    return this.rows(`SELECT ${COLUMNS} FROM ${this.tables.events} WHERE position > $1 ORDER BY position LIMIT $2`, [after, limit]);
  }

  readStream(stream: string): Promise<StoredEvent[]> {
    return this.patiently(() => this.rows(`SELECT ${COLUMNS} FROM ${this.tables.events} WHERE stream = $1 ORDER BY stream_version`, [stream]), 0);
  }

  readAll(options: { after?: number; limit?: number } = {}): AsyncIterable<StoredEvent[]> {
    return pagesAfter((after, limit) => this.patiently(() => this.readAfter(after, limit), 0), options);
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<SubscriptionMessage> {
    return this.feed.subscribe(options);
  }

  async findById(id: string): Promise<StoredEvent | undefined> {
    return (await this.patiently(() => this.rows(`SELECT ${COLUMNS} FROM ${this.tables.events} WHERE id = $1`, [id]), 0))[0];
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.patiently(() => this.pool.query<{ p: number }>(`SELECT coalesce(max(position), 0) AS p FROM ${this.tables.events}`), 0);
    return rows[0]!.p;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.feed.close();
    await this.listener.close();
    await this.pool.end();
  }
}

/** A connection string as it may be logged: without its password. */
function redacted(connectionString: string): string {
  const url = new URL(connectionString);
  if (url.password) url.password = "***";
  return url.toString();
}
